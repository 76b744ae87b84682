import { createConnection } from 'vscode-languageserver/node';
import { limitHeapGrowth } from './idleMemory';
import { describe } from './runSafe';
import { LanguageServer } from './languageServer';
import { FEATURES } from './features';
import { SERVER_USAGE, parseServerArgs } from './commandLine';

declare const ISC_PLAN_VERSION: string | undefined;

/**
 * The isc-plan language server. The transport comes from the command line, as for every
 * vscode-languageserver program: `--stdio` (other editors), `--node-ipc` (VS Code), `--socket=N`,
 * `--pipe=NAME`. The command line is checked first, so a wrong one gets a usage line, not a stack trace.
 */
function serve(): void {
  limitHeapGrowth();
  const connection = createConnection();

  // One bad input or handler must never take the server down: log and keep serving.
  process.on('uncaughtException', (error) => connection.console.error(`Uncaught: ${describe(error)}`));
  process.on('unhandledRejection', (reason) =>
    connection.console.error(`Unhandled rejection: ${describe(reason)}`),
  );

  new LanguageServer(connection, FEATURES);
  connection.listen();
}

/** Writes `text` and exits: vscode-languageserver's --clientProcessId timer would keep the process alive. */
function finish(stream: NodeJS.WriteStream, text: string, code: number): void {
  stream.write(text, () => process.exit(code));
}

const command = parseServerArgs(process.argv.slice(2));
if (command.kind === 'serve') {
  serve();
} else if (command.kind === 'error') {
  finish(process.stderr, `isc-plan-language-server: ${command.message}\n${SERVER_USAGE}\n`, 2);
} else {
  const version = typeof ISC_PLAN_VERSION === 'string' ? ISC_PLAN_VERSION : '0.0.0-dev';
  finish(process.stdout, `${command.kind === 'help' ? SERVER_USAGE : version}\n`, 0);
}
