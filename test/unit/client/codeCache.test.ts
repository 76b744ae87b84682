import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

interface Load {
  cache: string;
  exports: { answer: number; helper: string; dirname: string; filename: string };
  notSaved?: string;
}

const LOADER = path.resolve(__dirname, '../../../client/src/codeCache.js');

/**
 * Each load runs in its own Node process, as each activation does: inside one process V8 answers a
 * second compile of the same source from memory and never reads the cached data.
 */
function load(bundle: string, cacheDir: string): Load {
  const script = `
    const { loadWithCodeCache } = require(${JSON.stringify(LOADER)});
    const loaded = loadWithCodeCache(process.argv[1], process.argv[2]);
    loaded.saveCache().then((notSaved) =>
      process.stdout.write(JSON.stringify({ cache: loaded.cache, exports: loaded.exports, notSaved })));`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script, bundle, cacheDir], { encoding: 'utf8' }),
  ) as Load;
}

/** A CommonJS bundle that requires a file beside it and reports where it thinks it is. */
function bundleSource(answer: number): string {
  return [
    `const helper = require('./helper.js');`,
    `function work(n) { let total = 0; for (let i = 0; i < n; i++) total += i; return total; }`,
    `work(10);`,
    `module.exports = { answer: ${answer}, helper, dirname: __dirname, filename: __filename };`,
  ].join('\n');
}

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
    fs.writeFileSync(bundle, bundleSource(42));
  });

  teardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the first load compiles from source, runs the bundle as require would and saves the cache', () => {
    const first = load(bundle, cacheDir);
    assert.deepEqual(first, {
      cache: 'absent',
      exports: { answer: 42, helper: 'beside the bundle', dirname: dir, filename: bundle },
    });
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
    assert.equal(later.cache, 'used');
    assert.equal(later.exports.answer, 42);
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
    assert.equal(rebuilt.cache, 'absent');
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
    test(`a cache with ${damage} is refused; the bundle compiles from source and the cache is written again`, () => {
      load(bundle, cacheDir);
      fs.writeFileSync(cacheFile(), damaged(fs.readFileSync(cacheFile())));
      const loaded = load(bundle, cacheDir);
      assert.equal(loaded.cache, 'rejected');
      assert.equal(loaded.exports.answer, 42);
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
    assert.equal(loaded.exports.answer, 42);
  });

  test('a cache that cannot be written is reported, and the bundle still works', () => {
    fs.writeFileSync(cacheDir, 'a file where the storage folder should be');
    const loaded = load(bundle, cacheDir);
    assert.equal(loaded.exports.answer, 42);
    assert.match(
      loaded.notSaved ?? '',
      /^the code cache .*storage\/main-.*\.v8cache could not be written: Error: EEXIST/,
    );
  });
});
