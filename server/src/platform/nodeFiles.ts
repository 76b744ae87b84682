import * as fs from 'fs';
import * as path from 'path';
import type { ServiceHost } from '../service/workspace/serviceHost';

/**
 * The largest file read at all, in bytes: above the parser's limit of 4 Mi UTF-16 code units
 * (12 MiB of UTF-8 at most), so a file the parser would refuse is still read and reported there,
 * while a device or a runaway file never fills the memory (docs/formats.md#limits).
 */
export const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** What reading a file gave: its text, or why it could not be read (and whether it is missing). */
export type ReadResult = { text: string; notUtf8?: number } | { error: string; missing?: true };

/**
 * Reads a regular file as UTF-8 text, without a leading BOM; a file that is not valid UTF-8 is
 * decoded leniently and flagged. The one reader of the command line and the language server:
 * the file is opened without blocking and checked on the open handle, so a FIFO, a device or a
 * folder is refused without waiting on it, and nothing past `limit` bytes is read.
 */
export function readTextFile(file: string, limit = MAX_FILE_BYTES): ReadResult {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, limit);
  } catch (error) {
    if (error instanceof UnreadableFile) return { error: error.message };
    return describeError(error as NodeJS.ErrnoException);
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    return { text, notUtf8: Math.max(0, text.indexOf('\uFFFD')) };
  }
}

/** A file that exists but is not one isc-plan reads. */
class UnreadableFile extends Error {}

function readRegularFile(file: string, limit: number): Buffer {
  const handle = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(handle);
    if (stat.isDirectory()) throw new UnreadableFile('is a directory');
    if (!stat.isFile()) throw new UnreadableFile(`is not a regular file (${kindOf(stat)})`);
    if (stat.size > limit) throw new UnreadableFile(tooLarge(limit));
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total) || 1);
      const read = fs.readSync(handle, chunk, 0, chunk.length, null);
      if (read === 0) break;
      total += read;
      if (total > limit) throw new UnreadableFile(tooLarge(limit));
      chunks.push(chunk.subarray(0, read));
    }
    return Buffer.concat(chunks, total);
  } finally {
    fs.closeSync(handle);
  }
}

function tooLarge(limit: number): string {
  return `is larger than isc-plan's limit of ${limit / (1024 * 1024)} MB for a plan or catalog file`;
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

function describeError(error: NodeJS.ErrnoException): ReadResult {
  switch (error.code) {
    case 'ENOENT':
      return { error: 'no such file', missing: true };
    case 'ENOTDIR':
      return { error: 'no such file (a folder on its path is a file)', missing: true };
    case 'EACCES':
    case 'EPERM':
      return { error: 'permission denied' };
    case 'EISDIR':
      return { error: 'is a directory' };
    case 'ELOOP':
      return { error: 'too many levels of symbolic links' };
    default:
      return { error: error.message };
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
  const reads = new Map<string, ReadResult>();
  const listings = new Map<string, string[] | undefined>();
  const remember = <T>(cache: Map<string, T>, key: string, read: () => T): T => {
    if (!memoize) return read();
    if (!cache.has(key)) cache.set(key, read());
    return cache.get(key) as T;
  };
  const readFile = (file: string): ReadResult => remember(reads, file, () => readTextFile(file));
  return {
    readFile: (file) => {
      const result = readFile(file);
      return 'text' in result ? result.text : undefined;
    },
    whyUnreadable: (file) => {
      const result = readFile(file);
      return 'error' in result ? { reason: result.error, missing: result.missing === true } : undefined;
    },
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
