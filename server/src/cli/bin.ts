import { main } from './main';

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
