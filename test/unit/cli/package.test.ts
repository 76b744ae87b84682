import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { createRequire } from 'module';
import { REPO_ROOT } from '../../repoPaths';

/** The semver package npm itself uses (a devDependency without bundled types: only these two calls). */
const semver = createRequire(__filename)('semver') as {
  minVersion(range: string): { version: string; major: number; minor: number } | null;
  satisfies(version: string, range: string): boolean;
};

interface PackageJson {
  bin: Record<string, string>;
  engines: { node: string };
}
const PACKAGE = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as PackageJson;

/** The files `npm pack` would put in the package (needs dist/ built, as the unit run does). */
function packedFiles(): string[] {
  const result = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  const [pack] = JSON.parse(result.stdout) as { files: { path: string }[] }[];
  return pack!.files.map((f) => f.path).sort();
}

suite('package: what npm ships and which Node it needs', () => {
  test('npm pack ships the two programs, the schemas, the samples and the docs, and nothing else', () => {
    const files = packedFiles();
    const shipped =
      /^(dist\/(cli|server)\.js|schemas\/.+|samples\/.+|docs\/[^/]+\.md|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
    assert.deepEqual(
      files.filter((file) => !shipped.test(file)),
      [],
    );
    for (const bin of Object.values(PACKAGE.bin)) assert.ok(files.includes(bin), `${bin} is shipped`);
    for (const schema of ['schemas/plan.schema.json', 'schemas/catalog.schema.json']) {
      assert.ok(files.includes(schema), `${schema} is shipped`);
    }
    assert.ok(files.includes('samples/plans/jane-joins-finance.plan.yaml'));
  });

  test('every locked package runs on the oldest Node that package.json (and the README) accepts', () => {
    const oldest = semver.minVersion(PACKAGE.engines.node)!.version;
    const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { engines?: { node?: string } | string[]; optional?: boolean }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(([, entry]) => !Array.isArray(entry.engines) && entry.engines?.node !== undefined)
      .filter(([, entry]) => !semver.satisfies(oldest, (entry.engines as { node: string }).node))
      .map(([name, entry]) => `${name} wants Node ${(entry.engines as { node: string }).node}`);
    assert.deepEqual(refusing, [], `npm ci warns EBADENGINE on Node ${oldest}`);
  });

  test('the README and CONTRIBUTING.md name the same Node version as package.json', () => {
    const oldest = semver.minVersion(PACKAGE.engines.node)!;
    const wanted = `Node.js ${oldest.major}.${oldest.minor} or later`;
    for (const doc of ['README.md', 'CONTRIBUTING.md']) {
      assert.ok(
        fs.readFileSync(path.join(REPO_ROOT, doc), 'utf8').includes(wanted),
        `${doc} says "${wanted}"`,
      );
    }
  });
});
