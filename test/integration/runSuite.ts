import * as fs from 'fs';
import * as path from 'path';
import { runExtensionTests } from '../harness/runExtensionTests';

/**
 * Runs the extension-host suite in a real VS Code (desktop through @vscode/test-electron, or
 * code-server + Chromium here) on a fresh copy of the samples, so nothing the tests do reaches
 * the repository's files.
 */
async function main(): Promise<number> {
  const repo = path.resolve(__dirname, '../../..');
  const workspace = path.join(repo, '.test-work', 'integration-workspace');
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.cpSync(path.join(repo, 'samples'), workspace, { recursive: true });
  return runExtensionTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'out', 'test', 'integration', 'suite', 'index'),
    workspacePath: workspace,
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      `integration suite could not run: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 2;
  },
);
