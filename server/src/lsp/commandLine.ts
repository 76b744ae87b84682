/** The command line of `isc-plan-language-server`, checked before any connection is made. */
export const SERVER_USAGE = `Usage: isc-plan-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME
                                [--clientProcessId=PID]
       isc-plan-language-server --help | --version
Transports: --stdio for most editors (Neovim, Helix, Emacs, Sublime Text), --node-ipc when a Node.js
parent starts it (VS Code), --socket=PORT to connect to a client listening on PORT, --pipe=NAME for a
named pipe or Unix socket. --clientProcessId: exit when that process ends.`;

/** What the command line asks for: serve, print help or the version, or refuse with a message. */
export type ServerCommand =
  { kind: 'serve' } | { kind: 'help' } | { kind: 'version' } | { kind: 'error'; message: string };

const TRANSPORT_FLAGS = new Set(['--stdio', '--node-ipc']);
/** Options with a value, written `--name=value` or `--name value` (as vscode-languageserver reads them). */
const VALUE_OPTIONS: Record<string, (value: string) => boolean> = {
  '--socket': (value) => /^[1-9]\d{0,4}$/.test(value) && Number(value) <= 65535,
  '--pipe': (value) => value.length > 0,
  '--clientProcessId': (value) => /^\d+$/.test(value),
};

/**
 * Reads the arguments after the script's name. Exactly the transports vscode-languageserver
 * understands are accepted; anything else would make it throw a stack trace at the user.
 */
export function parseServerArgs(argv: readonly string[]): ServerCommand {
  if (argv.some((arg) => arg === '--help' || arg === '-h' || arg === 'help')) return { kind: 'help' };
  if (argv.some((arg) => arg === '--version' || arg === '-v' || arg === 'version')) {
    return { kind: 'version' };
  }
  let transports = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (TRANSPORT_FLAGS.has(arg)) {
      transports++;
      continue;
    }
    const [name, inline] = splitOption(arg);
    const valid = VALUE_OPTIONS[name];
    if (!valid) return { kind: 'error', message: `unknown argument "${arg}"` };
    const value = inline ?? argv[++i];
    if (value === undefined || !valid(value)) {
      return { kind: 'error', message: `${name} needs a ${name === '--pipe' ? 'name' : 'number'}` };
    }
    if (name !== '--clientProcessId') transports++;
  }
  if (transports === 0) return { kind: 'error', message: 'no transport given: start it with --stdio' };
  if (transports > 1) return { kind: 'error', message: 'give one transport, not several' };
  return { kind: 'serve' };
}

function splitOption(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return equals < 0 ? [arg, undefined] : [arg.slice(0, equals), arg.slice(equals + 1)];
}
