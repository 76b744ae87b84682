import { parseArgs } from 'util';
import { UsageError } from './context';
import { runPull } from './pull';

declare const ISC_PLAN_VERSION: string | undefined;

/**
 * `node dist/pull.js [--out DIR] [--activities SINCE] [--sources NAME]...`: the pull alone, without
 * the rest of the CLI, for the VS Code command (which runs it as a child process with the
 * credentials in its environment, and stops it to cancel). Same files, messages and exit status as
 * `isc-plan pull`.
 */
function run(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      activities: { type: 'string' },
      sources: { type: 'string', multiple: true },
      timeout: { type: 'string' },
    },
  });
  return runPull(
    {
      cwd: process.cwd(),
      version: typeof ISC_PLAN_VERSION === 'string' ? ISC_PLAN_VERSION : '0.0.0-dev',
      env: process.env,
      progressInPlace: false,
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
    },
    {
      out: values.out,
      activities: values.activities,
      timeout: values.timeout,
      sources: [...(values.sources ?? []), ...positionals],
    },
  );
}

run().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    const message = error instanceof UsageError ? error.message : `unexpected failure: ${String(error)}`;
    process.stderr.write(`isc-plan pull: ${message.split('\n')[0]}\n`);
    process.exitCode = 2;
  },
);
