/**
 * Runs an extension's mocha suite in a real VS Code from the command line:
 *
 *   node out/test/harness/cli.js --extension <dir> --tests <compiled index, without .js> --workspace <dir>
 *                                [--env KEY=VALUE]... [-- <extra editor arguments>]
 *
 * Prints which editor it uses and exits with the suite's exit code (0 = passed); 2 when the editor itself
 * could not run or the arguments are wrong.
 */
import { findCodeServer } from './codeServer';
import { pickEditor, runExtensionTests } from './runExtensionTests';
import type { RunExtensionTestsOptions } from './runExtensionTests';

const usage =
  'usage: node out/test/harness/cli.js --extension <dir> --tests <index> --workspace <dir> [--env KEY=VALUE]... [-- <editor args>]';

/** Parses the command line into runner options; throws with the usage on a wrong one. */
export function parseArgs(argv: string[]): RunExtensionTestsOptions {
  const values: Record<string, string> = {};
  const env: Record<string, string> = {};
  let launchArgs: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      launchArgs = argv.slice(i + 1);
      break;
    }
    const value = argv[i + 1];
    if (!['--extension', '--tests', '--workspace', '--env'].includes(arg) || value === undefined) {
      throw new Error(usage);
    }
    i++;
    if (arg === '--env') {
      const eq = value.indexOf('=');
      if (eq < 1) throw new Error(`--env wants KEY=VALUE, not "${value}"`);
      env[value.slice(0, eq)] = value.slice(eq + 1);
    } else {
      values[arg] = value;
    }
  }
  const [extension, tests, workspace] = [values['--extension'], values['--tests'], values['--workspace']];
  if (!extension || !tests || !workspace) throw new Error(usage);
  return {
    extensionDevelopmentPath: extension,
    extensionTestsPath: tests,
    workspacePath: workspace,
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(launchArgs ? { launchArgs } : {}),
  };
}

/** Describes the editor that will run the suite, for the first line of output. */
function describeEditor(): string {
  if (pickEditor() === 'code-server') {
    const installed = findCodeServer();
    return `code-server ${installed?.codeServerVersion ?? '(not installed: run node scripts/install-test-editor.mjs)'} + headless Chromium`;
  }
  const executable = process.env.ISC_PLAN_VSCODE_EXECUTABLE;
  return executable
    ? `desktop VS Code (${executable})`
    : 'desktop VS Code (downloaded by @vscode/test-electron)';
}

async function main(): Promise<void> {
  const started = Date.now();
  try {
    const options = parseArgs(process.argv.slice(2));
    console.log(`[isc-plan test] editor: ${describeEditor()}`);
    const code = await runExtensionTests(options);
    console.log(
      `[isc-plan test] suite ${code === 0 ? 'passed' : `failed (exit code ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
    process.exitCode = code;
  } catch (error) {
    console.error(`[isc-plan test] ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  }
}

if (require.main === module) {
  void main();
}
