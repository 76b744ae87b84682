import { createHash } from 'crypto';
import * as fs from 'fs';
import { createRequire, wrap } from 'module';
import * as path from 'path';
import * as vm from 'vm';
import { Worker } from 'worker_threads';

/**
 * How a bundle was compiled: `used` a cache from an earlier activation; `built` a cache that a worker
 * thread had just made (there was none, or it was damaged); `rejected` from source, because V8 refused
 * the cache; `absent` from source, because there was no cache and the worker could not make one.
 */
export type CacheUse = 'used' | 'built' | 'rejected' | 'absent';

/** A bundle whose code cache is ready (see {@link prepareBundle}): `load()` compiles and runs it on this thread. */
export interface PreparedBundle<T> {
  load(): CachedBundle<T>;
}

/** A bundle loaded through {@link prepareBundle}. */
export interface CachedBundle<T> {
  /** The bundle's `module.exports`. */
  exports: T;
  cache: CacheUse;
  /** How long compiling and setting up the bundle took on this thread (ms). */
  loadMs: number;
  /** Why the cache on disk was not used as it was, when there is more to say than {@link cache}. */
  note?: string;
  /**
   * Writes V8's code for the bundle as compiled so far (call it once the bundle has done its start-up
   * work, so that the functions it ran are in the cache), unless the cache was used. Never rejects:
   * returns why the cache could not be written, or undefined.
   */
  saveCache(): Promise<string | undefined>;
}

/** What {@link prepareBundle} needs besides the bundle. */
export interface CodeCacheOptions {
  /** Where the cache files are kept (the extension's global storage). */
  cacheDir: string;
  /** The built `codeCacheWorker.js`. */
  workerFile: string;
  /** Modules only the extension host has (`vscode`): the worker runs the bundle's set-up with stand-ins for them. */
  hostModules: readonly string[];
  /** How long a worker may take before the bundle compiles from source instead. */
  workerTimeoutMs?: number;
}

/** What the worker is given, and answers: V8's cached data, or why there is none. */
export interface WorkerRequest {
  file: string;
  source: string;
  hostModules: readonly string[];
}
export type WorkerAnswer = { data: Uint8Array } | { error: string };

const CACHE_SUFFIX = '.v8cache';
const DIGEST_BYTES = 32;
const WORKER_TIMEOUT_MS = 20_000;

/**
 * Prepares a CommonJS bundle to be loaded (as `require` would) through V8's code cache kept in
 * `cacheDir`. Compiling the language client's 0.5 MB bundle is most of the extension's activation;
 * with the cache the extension host's thread skips it. VS Code does the same for its own code. A
 * process-wide compile cache (Node 22's `module.enableCompileCache`, `v8-compile-cache`) would change
 * how every other extension in the extension host loads, so this one caches one file.
 *
 * With a usable cache on disk the bundle is ready at once (no promise, so that VS Code's activation
 * time counts the load). Without one (the first activation after an install or update), a worker
 * thread compiles the bundle, runs its module set-up and hands back V8's cached data; the bundle then
 * loads through that, and the extension host's thread never compiles it.
 *
 * The cache file's name holds the bundle's size and modification time and V8's version: V8 checks
 * only the source's length, and a rebuilt or updated bundle must never run stale code. The file starts
 * with a SHA-256 of the rest, because release builds of V8 do not checksum a code cache: a damaged
 * file is refused here, before V8 sees it.
 */
export function prepareBundle<T>(
  file: string,
  options: CodeCacheOptions,
): PreparedBundle<T> | Promise<PreparedBundle<T>> {
  const cacheFile = cacheFileOf(file, options.cacheDir);
  // Read once: the worker compiles exactly the text that runs here, even if the file is replaced meanwhile.
  const bundle = { file, source: fs.readFileSync(file, 'utf8'), cacheFile };
  const stored = readCache(cacheFile);
  if (stored instanceof Buffer) return { load: () => loadBundle<T>(bundle, stored, 'used') };
  const note = stored === 'damaged' ? `the code cache ${cacheFile} was damaged and is replaced` : undefined;
  return buildInWorker(bundle, options).then(
    (data) => ({ load: () => loadBundle<T>(bundle, data, 'built', note) }),
    (error: unknown) => ({
      load: () =>
        loadBundle<T>(bundle, undefined, 'absent', joinNotes(note, `no code cache: ${String(error)}`)),
    }),
  );
}

/** Compiles a bundle's source as `require` would: inside Node's CommonJS wrapper. */
export function compileBundle(file: string, source: string, cachedData?: Buffer): vm.Script {
  return new vm.Script(wrap(source), { filename: file, cachedData });
}

/** Runs a compiled bundle's module set-up as `require` would, with `requireFor` as its `require`. */
export function runBundle<T>(script: vm.Script, file: string, requireFor: NodeJS.Require): T {
  const module = { exports: {} as T };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run.call(module.exports, module.exports, requireFor, module, file, path.dirname(file));
  return module.exports;
}

/** A bundle's file, the text read from it, and the cache file for that text. */
interface BundleText {
  file: string;
  source: string;
  cacheFile: string;
}

function loadBundle<T>(
  { file, source, cacheFile }: BundleText,
  cachedData: Buffer | undefined,
  found: 'used' | 'built' | 'absent',
  note?: string,
): CachedBundle<T> {
  const started = performance.now();
  const script = compileBundle(file, source, cachedData);
  const cache: CacheUse = cachedData !== undefined && script.cachedDataRejected ? 'rejected' : found;
  const exports = runBundle<T>(script, file, createRequire(file));
  return {
    exports,
    cache,
    loadMs: performance.now() - started,
    ...(note ? { note } : {}),
    saveCache: () =>
      cache === 'used'
        ? Promise.resolve(undefined)
        : writeCache(script, cacheFile, path.basename(file, '.js')),
  };
}

function cacheFileOf(file: string, cacheDir: string): string {
  const stat = fs.statSync(file);
  const name = `${path.basename(file, '.js')}-${stat.size}-${Math.trunc(stat.mtimeMs)}`;
  return path.join(cacheDir, `${name}-${process.versions.v8}-${process.arch}${CACHE_SUFFIX}`);
}

const joinNotes = (...notes: (string | undefined)[]): string => notes.filter(Boolean).join('; ');

/**
 * Compiles and sets up the bundle in a worker thread, which answers with V8's cached data. The worker
 * is unreferenced (it never keeps the extension host alive) and given up on after a timeout.
 */
function buildInWorker({ file, source }: BundleText, options: CodeCacheOptions): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const request: WorkerRequest = { file, source, hostModules: options.hostModules };
    const worker = new Worker(options.workerFile, { workerData: request });
    worker.unref();
    const timeoutMs = options.workerTimeoutMs ?? WORKER_TIMEOUT_MS;
    const timer = setTimeout(
      () => settle(new Error(`the worker took longer than ${timeoutMs} ms`)),
      timeoutMs,
    );
    timer.unref();
    function settle(outcome: Buffer | Error): void {
      clearTimeout(timer);
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      void worker.terminate();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    }
    worker.once('message', (answer: WorkerAnswer) =>
      settle('data' in answer ? Buffer.from(answer.data) : new Error(answer.error)),
    );
    worker.once('error', (error) => settle(error));
    worker.once('exit', (code) => settle(new Error(`the worker exited with code ${code} and no answer`)));
  });
}

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
async function writeCache(script: vm.Script, cacheFile: string, name: string): Promise<string | undefined> {
  const cacheDir = path.dirname(cacheFile);
  const prefix = `${name}-`;
  try {
    await fs.promises.mkdir(cacheDir, { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    const data = script.createCachedData();
    await fs.promises.writeFile(temporary, Buffer.concat([digestOf(data), data]));
    await fs.promises.rename(temporary, cacheFile);
    const stale = (await fs.promises.readdir(cacheDir)).filter(
      (entry) =>
        entry.startsWith(prefix) && entry.endsWith(CACHE_SUFFIX) && entry !== path.basename(cacheFile),
    );
    await Promise.all(stale.map((entry) => fs.promises.rm(path.join(cacheDir, entry), { force: true })));
    return undefined;
  } catch (error) {
    return `the code cache ${cacheFile} could not be written: ${String(error)}`;
  }
}
