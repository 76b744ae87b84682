import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../repoPaths';

interface Layer {
  name: string;
  path: string;
  mayImport: string[];
}

/** The rows of the folder-order table in docs/architecture.md, as layers. */
function documentedLayers(serviceFolders: readonly string[]): Layer[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs', 'architecture.md'), 'utf8');
  const table = /<!-- folder-order:start -->([\s\S]*?)<!-- folder-order:end -->/.exec(text);
  assert.ok(table, 'docs/architecture.md has lost its folder-order markers');
  return table[1]!
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| folder') && !line.startsWith('| ---'))
    .map((line) => {
      const [name, folder, imports] = line
        .split('|')
        .slice(1, 4)
        .map((cell) => cell.trim());
      const mayImport = imports === '—' ? [] : imports!.split(',').map((item) => item.trim());
      return {
        name: name!,
        path: folder!.replace(/`/g, ''),
        mayImport: mayImport.flatMap((item) => (item === 'every service folder' ? serviceFolders : [item])),
      };
    });
}

suite('docs/architecture.md', () => {
  test('its folder order is the one lint enforces (eslint.layers.mjs)', async () => {
    const { LAYERS } = (await import(path.join(REPO_ROOT, 'eslint.layers.mjs'))) as { LAYERS: Layer[] };
    const serviceFolders = LAYERS.filter((layer) => layer.path.startsWith('server/src/service')).map(
      (layer) => layer.name,
    );
    const sorted = (layers: Layer[]): Layer[] =>
      layers.map((layer) => ({ ...layer, mayImport: [...layer.mayImport].sort() }));
    assert.deepStrictEqual(sorted(documentedLayers(serviceFolders)), sorted(LAYERS));
  });

  test('every folder of the sources belongs to a row of the table', async () => {
    const { LAYERS } = (await import(path.join(REPO_ROOT, 'eslint.layers.mjs'))) as { LAYERS: Layer[] };
    const roots = ['server/src', 'client/src', 'shared'];
    const folders: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of fs.readdirSync(path.join(REPO_ROOT, folder), { withFileTypes: true })) {
        if (entry.isDirectory()) walk(`${folder}/${entry.name}`);
        else if (entry.name.endsWith('.ts')) folders.push(folder);
      }
    };
    roots.forEach(walk);
    const unplaced = [...new Set(folders)].filter(
      (folder) => !LAYERS.some((layer) => folder === layer.path || folder.startsWith(`${layer.path}/`)),
    );
    assert.deepStrictEqual(unplaced, [], 'folders that no row of eslint.layers.mjs holds');
  });
});
