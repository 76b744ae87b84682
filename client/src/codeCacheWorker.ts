/**
 * The worker thread of `prepareBundle` (codeCache.ts): compiles a bundle, runs its module set-up (so that
 * the functions it calls are compiled too) and answers with V8's cached data. Modules only the
 * extension host has (`vscode`) are stand-ins here; the bundle's set-up does not use them for real.
 */
import { createRequire } from 'module';
import { parentPort, workerData } from 'worker_threads';
import type { WorkerAnswer, WorkerRequest } from './codeCache';
import { compileBundle, runBundle } from './codeCache';

/** Any property, call or construction of a stand-in gives another stand-in. */
function standIn(): unknown {
  return new Proxy(function standInFunction() {}, {
    // A symbol (Symbol.iterator, toPrimitive) and `then` are absent, so nothing mistakes it for an iterable or a promise.
    get: (_target, key) => (typeof key === 'symbol' || key === 'then' ? undefined : standIn()),
    apply: () => standIn(),
    construct: () => standIn() as object,
  });
}

function requireWithStandIns(file: string, hostModules: readonly string[]): NodeJS.Require {
  const real = createRequire(file);
  const standIns = new Map(hostModules.map((id) => [id, standIn()]));
  return Object.assign((id: string): unknown => (standIns.has(id) ? standIns.get(id) : real(id)), real);
}

function answer({ file, source, hostModules }: WorkerRequest): WorkerAnswer {
  const script = compileBundle(file, source);
  try {
    runBundle(script, file, requireWithStandIns(file, hostModules));
  } catch {
    // Set-up that needs the real editor stops here; what compiled until then is still worth caching.
  }
  return { data: script.createCachedData() };
}

let reply: WorkerAnswer;
try {
  reply = answer(workerData as WorkerRequest);
} catch (error) {
  reply = { error: String(error) };
}
parentPort?.postMessage(reply);
