import * as fs from 'fs';
import * as path from 'path';
import type { ServiceHost } from '../service/workspace/serviceHost';

/** What reading a file gave: its text, or why it could not be read. */
export type ReadResult = { text: string; notUtf8?: number } | { error: string };

/** Reads a file as UTF-8; a file that is not valid UTF-8 is decoded leniently and flagged. */
export function readTextFile(file: string): ReadResult {
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { error: 'is a directory' };
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      error:
        code === 'ENOENT'
          ? 'no such file'
          : code === 'EACCES'
            ? 'permission denied'
            : String((error as Error).message),
    };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    return { text, notUtf8: Math.max(0, text.indexOf('\uFFFD')) };
  }
}

/** Folders a workspace walk never enters: dependencies and hidden folders (`.git`, `.vscode`...). */
function skipsFolder(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * Every file under `root` (absolute paths), depth first, without following symbolic links and
 * without entering `node_modules` or hidden folders; stops after `limit` files so that a huge
 * folder cannot stall the caller.
 */
export function walkFiles(root: string, limit = 50_000): string[] {
  const files: string[] = [];
  const folders = [root];
  while (folders.length > 0 && files.length < limit) {
    const folder = folders.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        if (!skipsFolder(entry.name)) folders.push(path.join(folder, entry.name));
      } else if (entry.isFile()) {
        files.push(path.join(folder, entry.name));
      }
    }
  }
  return files;
}

/** The files of `files` whose base name matches `pattern` (statelessly, even with a `g` flag). */
export function matchingFiles(files: readonly string[], pattern: RegExp): string[] {
  return files.filter((file) => path.basename(file).search(pattern) !== -1);
}

/**
 * A service host over the disk. With `memoize` (the command line: nothing changes during a run)
 * every file and folder is read once, so validating a thousand plans side by side does not list
 * their folder a thousand times.
 */
export function createNodeHost(memoize: boolean): ServiceHost {
  const texts = new Map<string, string | undefined>();
  const listings = new Map<string, string[] | undefined>();
  const remember = <T>(cache: Map<string, T>, key: string, read: () => T): T => {
    if (!memoize) return read();
    if (!cache.has(key)) cache.set(key, read());
    return cache.get(key) as T;
  };
  return {
    readFile: (file) =>
      remember(texts, file, () => {
        const result = readTextFile(file);
        return 'text' in result ? result.text : undefined;
      }),
    listFiles: (folder) =>
      remember(listings, folder, () => {
        try {
          return fs
            .readdirSync(folder, { withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => entry.name);
        } catch {
          return undefined;
        }
      }),
    findFiles: (root, pattern) => matchingFiles(walkFiles(root), pattern),
  };
}

/** A host that reads the disk afresh on every call. */
export const nodeHost: ServiceHost = createNodeHost(false);
