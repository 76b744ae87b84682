import * as fs from 'fs';
import type { ServiceHost } from '../service/workspace/host';

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
    return { error: code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String((error as Error).message) };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const text = new TextDecoder('utf-8').decode(bytes);
    return { text, notUtf8: Math.max(0, text.indexOf('\uFFFD')) };
  }
}

/** The service host of the command line: the disk. */
export const nodeHost: ServiceHost = {
  readFile(file) {
    const result = readTextFile(file);
    return 'text' in result ? result.text : undefined;
  },
  listFiles(folder) {
    try {
      return fs
        .readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name);
    } catch {
      return undefined;
    }
  },
};
