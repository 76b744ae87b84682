import * as fs from 'fs';
import * as path from 'path';
import { matchingFiles, walkFiles } from '../platform/nodeFiles';
import type { ServiceHost } from '../service/workspace/serviceHost';
import type { OpenDocuments } from './documents';

/**
 * Files as the language server sees them: open editors first (with unsaved changes), then the
 * disk, cached until the client reports a change. In an untrusted workspace nothing outside the
 * workspace folders is read.
 */
export class LspHost implements ServiceHost {
  private readonly texts = new Map<string, string | undefined>();
  private readonly listings = new Map<string, string[] | undefined>();
  /** Every file under a root, walked once and kept until a file under it comes or goes. */
  private readonly walks = new Map<string, string[]>();
  trusted = true;
  roots: string[] = [];

  constructor(private readonly documents: OpenDocuments) {}

  readFile(file: string): string | undefined {
    const open = this.documents.byFilePath(file);
    if (open) return open.document.getText();
    if (!this.allowed(file)) return undefined;
    if (this.texts.has(file)) return this.texts.get(file);
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    this.texts.set(file, text);
    return text;
  }

  listFiles(folder: string): string[] | undefined {
    if (!this.allowed(folder)) return undefined;
    if (this.listings.has(folder)) return this.listings.get(folder);
    let names: string[] | undefined;
    try {
      names = fs
        .readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name);
    } catch {
      names = undefined;
    }
    this.listings.set(folder, names);
    return names;
  }

  findFiles(root: string, pattern: RegExp): string[] {
    if (!this.allowed(root)) return [];
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
    if (!listingChanged) return;
    this.listings.delete(path.dirname(file));
    for (const root of [...this.walks.keys()]) if (isInside(file, root)) this.walks.delete(root);
  }

  /** The deepest workspace folder holding a file. */
  rootOf(file: string): string | undefined {
    return this.roots.filter((root) => isInside(file, root)).sort((a, b) => b.length - a.length)[0];
  }

  private allowed(file: string): boolean {
    if (this.trusted || !path.isAbsolute(file)) return true;
    return this.roots.some((root) => isInside(file, root));
  }
}

function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
