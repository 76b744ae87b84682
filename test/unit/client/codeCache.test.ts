import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { COMPILED_ROOT } from '../../repoPaths';

interface Load {
  cache: string;
  note?: string;
  exports: { answer: number; helper: string; host: string; dirname: string; filename: string };
  notSaved?: string;
}

const LOADER = path.join(COMPILED_ROOT, 'client', 'src', 'codeCache.js');
const WORKER = path.join(COMPILED_ROOT, 'client', 'src', 'codeCacheWorker.js');

/**
 * Each load runs in its own Node process, as each activation does: inside one process V8 answers a
 * second compile of the same source from memory and never reads the cached data. `host-only` stands
 * for \`vscode\`: the loading process has it, the worker gets a stand-in.
 */
function load(
  bundle: string,
  cacheDir: string,
  options: { workerFile?: string; workerTimeoutMs?: number } = {},
): Load {
  const script = `
    const { prepareBundle } = require(${JSON.stringify(LOADER)});
    const options = { cacheDir: process.argv[2], workerFile: ${JSON.stringify(WORKER)}, hostModules: ['host-only'] };
    Promise.resolve(prepareBundle(process.argv[1], { ...options, ...JSON.parse(process.argv[3]) }))
      .then(async (prepared) => {
        const loaded = prepared.load();
        const notSaved = await loaded.saveCache();
        process.stdout.write(JSON.stringify({ cache: loaded.cache, note: loaded.note, exports: loaded.exports, notSaved }));
      });`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script, bundle, cacheDir, JSON.stringify(options)], {
      encoding: 'utf8',
    }),
  ) as Load;
}

/**
 * A CommonJS bundle that requires a file beside it and a host-only module, and reports where it thinks
 * it is. Its set-up turns the host module's \`name\` into text, which a worker's stand-in cannot do.
 */
function bundleSource(answer: number): string {
  return [
    `const helper = require('./helper.js');`,
    `const host = require('host-only');`,
    `const label = \`host: \${host.name}\`;`,
    `function work(n) { let total = 0; for (let i = 0; i < n; i++) total += i; return total; }`,
    `work(10);`,
    `module.exports = { answer: ${answer}, helper, host: label, dirname: __dirname, filename: __filename };`,
  ].join('\n');
}

/** Which threads loaded the real host-only module (it appends its thread id to a file beside the bundle). */
const hostLoads = (dir: string): string =>
  fs.existsSync(path.join(dir, 'host-loads')) ? fs.readFileSync(path.join(dir, 'host-loads'), 'utf8') : '';

suite('client code cache', () => {
  let dir: string;
  let bundle: string;
  let cacheDir: string;
  const caches = (): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).sort() : []);
  const cacheFile = (): string => path.join(cacheDir, caches()[0]!);

  setup(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'isc-plan-code-cache-')));
    bundle = path.join(dir, 'main.js');
    cacheDir = path.join(dir, 'storage');
    fs.writeFileSync(path.join(dir, 'helper.js'), `module.exports = 'beside the bundle';`);
    const host = path.join(dir, 'node_modules', 'host-only');
    fs.mkdirSync(host, { recursive: true });
    fs.writeFileSync(
      path.join(host, 'index.js'),
      `require('fs').appendFileSync(${JSON.stringify(path.join(dir, 'host-loads'))}, require('worker_threads').threadId + ' ');` +
        `module.exports = { name: 'the editor' };`,
    );
    fs.writeFileSync(bundle, bundleSource(42));
  });

  teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  const exportsOf = (answer: number): Load['exports'] => ({
    answer,
    helper: 'beside the bundle',
    host: 'host: the editor',
    dirname: dir,
    filename: bundle,
  });

  test('the first load runs the bundle as require would, through a cache a worker built, and saves the cache', () => {
    const first = load(bundle, cacheDir);
    assert.deepEqual(first, { cache: 'built', exports: exportsOf(42) });
    // Only the loading thread (0) loaded the host module: the worker's set-up had a stand-in, and stopped at `label`.
    assert.equal(hostLoads(dir), '0 ');
    assert.equal(caches().length, 1);
    assert.match(
      caches()[0]!,
      new RegExp(`^main-\\d+-\\d+-${process.versions.v8}-${process.arch}\\.v8cache$`),
    );
  });

  test('a later load uses the cache, gives the same exports and writes nothing', () => {
    load(bundle, cacheDir);
    const written = fs.statSync(cacheFile()).mtimeMs;
    const later = load(bundle, cacheDir);
    assert.deepEqual(later, { cache: 'used', exports: exportsOf(42) });
    assert.equal(caches().length, 1);
    assert.equal(fs.statSync(cacheFile()).mtimeMs, written);
  });

  test('a rebuilt bundle of the same length never runs the old code, and its cache replaces the old one', () => {
    load(bundle, cacheDir);
    const [old] = caches();
    fs.writeFileSync(bundle, bundleSource(43));
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(bundle, later, later);
    const rebuilt = load(bundle, cacheDir);
    assert.equal(rebuilt.cache, 'built');
    assert.equal(rebuilt.exports.answer, 43);
    assert.equal(caches().length, 1);
    assert.notEqual(caches()[0], old);
    assert.equal(load(bundle, cacheDir).cache, 'used');
  });

  // Release builds of V8 do not checksum a code cache: damaged data given to V8 aborts the process.
  for (const [damage, damaged] of [
    ['changed bytes', (content: Buffer) => content.fill(7, 40, 120)],
    ['a truncated file', (content: Buffer) => content.subarray(0, content.length - 100)],
    ['an empty file', () => Buffer.alloc(0)],
  ] as const) {
    test(`a cache with ${damage} is refused before V8 sees it, and a worker builds a new one`, () => {
      load(bundle, cacheDir);
      fs.writeFileSync(cacheFile(), damaged(fs.readFileSync(cacheFile())));
      const loaded = load(bundle, cacheDir);
      assert.deepEqual(loaded, {
        cache: 'built',
        note: `the code cache ${cacheFile()} was damaged and is replaced`,
        exports: exportsOf(42),
      });
      assert.equal(load(bundle, cacheDir).cache, 'used');
    });
  }

  test('a cache V8 cannot take (another V8 version in its header) is refused by V8 itself', () => {
    load(bundle, cacheDir);
    const data = Buffer.from(fs.readFileSync(cacheFile()).subarray(32));
    data.writeUInt32LE((data.readUInt32LE(4) ^ 0xffff) >>> 0, 4);
    fs.writeFileSync(cacheFile(), Buffer.concat([createHash('sha256').update(data).digest(), data]));
    const loaded = load(bundle, cacheDir);
    assert.equal(loaded.cache, 'rejected');
    assert.deepEqual(loaded.exports, exportsOf(42));
    assert.equal(load(bundle, cacheDir).cache, 'used');
  });

  test('when the worker cannot start, the bundle compiles from source, says why, and saves the cache', () => {
    const missing = path.join(dir, 'no-such-worker.js');
    const loaded = load(bundle, cacheDir, { workerFile: missing });
    assert.equal(loaded.cache, 'absent');
    assert.deepEqual(loaded.exports, exportsOf(42));
    assert.match(loaded.note ?? '', /^no code cache: Error: Cannot find module '.*no-such-worker\.js'/);
    assert.equal(load(bundle, cacheDir).cache, 'used');
  });

  test('a worker that takes too long is given up on, and the bundle compiles from source', () => {
    const loaded = load(bundle, cacheDir, { workerTimeoutMs: 1 });
    assert.deepEqual(loaded, {
      cache: 'absent',
      note: 'no code cache: Error: the worker took longer than 1 ms',
      exports: exportsOf(42),
    });
  });

  test('a cache that cannot be written is reported, and the bundle still works', () => {
    fs.writeFileSync(cacheDir, 'a file where the storage folder should be');
    const loaded = load(bundle, cacheDir);
    assert.deepEqual(loaded.exports, exportsOf(42));
    assert.match(
      loaded.notSaved ?? '',
      /^the code cache .*storage\/main-.*\.v8cache could not be written: Error: EEXIST/,
    );
  });
});
