import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** A throwaway workspace folder on disk, for the server to read catalogs from. */
export function makeWorkspace(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'isc-plan-lsp-'));
  for (const [name, text] of Object.entries(files)) writeFile(root, name, text);
  return root;
}

export function writeFile(root: string, name: string, text: string): string {
  const file = path.join(root, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export function removeWorkspace(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}
