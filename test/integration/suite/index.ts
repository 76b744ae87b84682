import * as path from 'path';
import Mocha from 'mocha';
import { globSync } from 'tinyglobby';

/** The extension-host entry point in the `@vscode/test-electron` shape: runs every `*.test.js` here. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const files = globSync('**/*.test.js', { cwd: __dirname }).sort();
  for (const file of files) mocha.addFile(path.resolve(__dirname, file));
  return new Promise((resolve, reject) => {
    mocha.run((failures) =>
      failures > 0 ? reject(new Error(`${failures} extension-host test(s) failed`)) : resolve(),
    );
  });
}
