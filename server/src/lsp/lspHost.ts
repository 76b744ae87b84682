import * as fs from 'fs';
import * as path from 'path';
import { type ReadResult, matchingFiles, readTextFile, walkFiles } from '../platform/nodeFiles';
import type { ReadProblem, ServiceHost } from '../service/workspace/serviceHost';
import type { OpenDocuments } from './documents';

/**
 * Files as the language server sees them: open editors first (with unsaved changes), then the
 * disk, cached until the client reports a change. In an untrusted workspace nothing outside the
 * workspace folders is read.
 */
export class LspHost implements ServiceHost {
  private readonly texts = new Map<string, string | undefined>();
  /** Why a file of {@link texts} could not be read. */
  private readonly unreadable = new Map<string, ReadProblem>();
  private readonly listings = new Map<string, string[] | undefined>();
  /** Every file under a root, walked once and kept until a file under it comes or goes. */
  private readonly walks = new Map<string, string[]>();
  trusted = true;
  roots: string[] = [];

  constructor(private readonly documents: OpenDocuments) {}

  readFile(file: string): string | undefined {
    const open = this.documents.byFilePath(file);
    if (open) return open.document.getText();
    if (this.texts.has(file)) return this.texts.get(file);
    const real = this.allowedPath(file);
    const read: ReadResult = real === undefined ? { error: OUTSIDE } : readTextFile(real);
    const text = 'text' in read ? read.text : undefined;
    this.texts.set(file, text);
    if ('error' in read) this.unreadable.set(file, { reason: read.error, missing: read.missing === true });
    else this.unreadable.delete(file);
    return text;
  }

  whyUnreadable(file: string): ReadProblem | undefined {
    if (!this.texts.has(file)) this.readFile(file);
    return this.unreadable.get(file);
  }

  listFiles(folder: string): string[] | undefined {
    if (this.listings.has(folder)) return this.listings.get(folder);
    const real = this.allowedPath(folder);
    let names: string[] | undefined;
    try {
      if (real === undefined) throw new Error(OUTSIDE);
      names = fs
        .readdirSync(real, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name);
    } catch {
      names = undefined;
    }
    this.listings.set(folder, names);
    return names;
  }

  findFiles(root: string, pattern: RegExp): string[] {
    if (this.allowedPath(root) === undefined) return [];
    let files = this.walks.get(root);
    if (!files) {
      files = walkFiles(root);
      this.walks.set(root, files);
    }
    return matchingFiles(files, pattern);
  }

  /** Forgets what was read of a file (and the listings holding it when files come and go). */
  forget(file: string, listingChanged: boolean): void {
    this.texts.delete(file);
    this.unreadable.delete(file);
    if (!listingChanged) return;
    this.listings.delete(path.dirname(file));
    for (const root of [...this.walks.keys()]) if (isInside(file, root)) this.walks.delete(root);
  }

  /** The deepest workspace folder holding a file. */
  rootOf(file: string): string | undefined {
    return this.roots.filter((root) => isInside(file, root)).sort((a, b) => b.length - a.length)[0];
  }

  /**
   * The path to read for `file`, or undefined when Restricted Mode forbids it. Untrusted, the
   * decision is on real paths (symbolic links resolved, of the file and of the workspace folders),
   * and the real path is what is read, so a link in the workspace cannot lead outside it.
   */
  private allowedPath(file: string): string | undefined {
    if (this.trusted) return file;
    if (!path.isAbsolute(file)) return undefined;
    const real = realPath(file);
    if (real === undefined) return undefined;
    return this.roots.some((root) => isInside(real, realPath(root) ?? root)) ? real : undefined;
  }
}

const OUTSIDE = 'outside the workspace folders, which an untrusted workspace does not read';

/** A path with every symbolic link resolved; a path that does not exist keeps its missing tail. */
function realPath(file: string): string | undefined {
  try {
    return fs.realpathSync.native(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined;
    const parent = path.dirname(file);
    if (parent === file) return undefined;
    const realParent = realPath(parent);
    return realParent === undefined ? undefined : path.join(realParent, path.basename(file));
  }
}

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
