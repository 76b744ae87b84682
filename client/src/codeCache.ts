import { createHash } from 'crypto';
import * as fs from 'fs';
import { createRequire, wrap } from 'module';
import * as path from 'path';
import * as vm from 'vm';

/** How a bundle was compiled: from V8's code cache, or from source (no cache yet, or V8 refused it). */
export type CacheUse = 'used' | 'absent' | 'rejected';

/** A bundle loaded by {@link loadWithCodeCache}. */
export interface CachedBundle<T> {
  /** The bundle's `module.exports`. */
  exports: T;
  cache: CacheUse;
  /**
   * Writes V8's code for the bundle as compiled so far (call it once the bundle has done its start-up
   * work, so that the functions it ran are in the cache), unless the cache was used. Never rejects:
   * returns why the cache could not be written, or undefined.
   */
  saveCache(): Promise<string | undefined>;
}

const CACHE_SUFFIX = '.v8cache';

/**
 * Loads a CommonJS bundle (as `require` would) through V8's code cache kept in `cacheDir`. Compiling
 * the language client's 0.5 MB bundle is most of the extension's activation; with the cache a later
 * activation skips it. VS Code does the same for its own code. A process-wide compile cache (Node 22's
 * `module.enableCompileCache`, `v8-compile-cache`) would change how every other extension in the
 * extension host loads, so this one caches one file.
 *
 * The cache file's name holds the bundle's size and modification time and V8's version: V8 checks
 * only the source's length, and a rebuilt or updated bundle must never run stale code. The file starts
 * with a SHA-256 of the rest, because release builds of V8 do not checksum a code cache: a damaged
 * file is refused here and the bundle compiles from source.
 */
export function loadWithCodeCache<T>(file: string, cacheDir: string): CachedBundle<T> {
  const stat = fs.statSync(file);
  const name = path.basename(file, '.js');
  const cacheFile = path.join(
    cacheDir,
    `${name}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${process.versions.v8}-${process.arch}${CACHE_SUFFIX}`,
  );
  const cachedData = readCache(cacheFile);
  const script = new vm.Script(wrap(fs.readFileSync(file, 'utf8')), {
    filename: file,
    cachedData: cachedData === 'damaged' ? undefined : cachedData,
  });
  const cache: CacheUse =
    cachedData === undefined
      ? 'absent'
      : cachedData === 'damaged' || script.cachedDataRejected
        ? 'rejected'
        : 'used';
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    cache,
    saveCache: () =>
      cache === 'used' ? Promise.resolve(undefined) : writeCache(script, cacheDir, cacheFile, name),
  };
}

const DIGEST_BYTES = 32;

const digestOf = (data: Buffer): Buffer => createHash('sha256').update(data).digest();

/** The cached data of `file`, `damaged` when it does not match its digest, undefined when there is none. */
function readCache(file: string): Buffer | 'damaged' | undefined {
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  const data = content.subarray(DIGEST_BYTES);
  return content.length > DIGEST_BYTES && digestOf(data).equals(content.subarray(0, DIGEST_BYTES))
    ? data
    : 'damaged';
}

/** Writes the cache through a temporary file (a concurrent activation never reads half a cache) and drops older ones. */
async function writeCache(
  script: vm.Script,
  cacheDir: string,
  cacheFile: string,
  name: string,
): Promise<string | undefined> {
  try {
    await fs.promises.mkdir(cacheDir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    const data = script.createCachedData();
    await fs.promises.writeFile(temporary, Buffer.concat([digestOf(data), data]));
    await fs.promises.rename(temporary, cacheFile);
    const stale = (await fs.promises.readdir(cacheDir)).filter(
      (entry) =>
        entry.startsWith(`${name}-`) && entry.endsWith(CACHE_SUFFIX) && entry !== path.basename(cacheFile),
    );
    await Promise.all(stale.map((entry) => fs.promises.rm(path.join(cacheDir, entry), { force: true })));
    return undefined;
  } catch (error) {
    return `the code cache ${cacheFile} could not be written: ${String(error)}`;
  }
}
