import { main } from './main';

// A reader that goes away (`isc-plan validate . | head -1`) is not an error of isc-plan: stop
// quietly, as other command-line tools do, instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

void Promise.resolve(
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  }),
).then((code) => {
  process.exitCode = code;
});
