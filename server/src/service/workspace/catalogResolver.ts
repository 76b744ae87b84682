import * as path from 'path';
import { readCatalogDocument, readInlineSources } from '../catalog/read';
import { mergeCatalogs } from '../catalog/merge';
import type { CatalogContent, MergedCatalog } from '../catalog/types';
import type { Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import type { PlanDocument } from '../document/planDocument';
import type { ParsedDocument } from '../document/sourceFile';
import { parseFile } from '../document/sourceFile';
import { CATALOG_FILE, fileTypeOf } from '../../../../shared/fileNames';
import type { Limits } from '../syntax/limits';
import type { ServiceHost } from './serviceHost';
import { editDistance } from '../text/closest';

/** How a plan document's catalogs were found (docs/formats.md#catalog-discovery). */
export type CatalogOrigin = 'catalog-key' | 'discovered' | 'settings' | 'inline-only' | 'none';

/** The catalogs of one plan document, merged, with the problems met on the way. */
export interface ResolvedCatalogs {
  origin: CatalogOrigin;
  files: string[];
  catalog: MergedCatalog | undefined;
  /** Problems with `catalog:` entries (missing or unrecognised files), placed on the entry. */
  findings: Finding[];
}

interface LoadedCatalog {
  text: string;
  contents: CatalogContent[];
  problem?: string;
}

/**
 * Finds, loads and merges the catalogs of plan documents, caching parsed catalog files by their
 * text and merged catalogs by their inputs, so that an unchanged catalog yields the same merged
 * object (and the requests' cached checks stay valid).
 */
export class CatalogResolver {
  private readonly loaded = new Map<string, LoadedCatalog>();
  private readonly merges: { fromFiles: CatalogContent[]; inlineText: string; merged: MergedCatalog }[] = [];

  constructor(
    private readonly host: ServiceHost,
    private readonly limits: Limits,
  ) {}

  /** Increases whenever what was read may have changed; cached resolutions of older generations are stale. */
  generation = 0;

  /** Forgets what was read from a file (it changed or was deleted). */
  invalidate(file: string): void {
    this.loaded.delete(file);
    this.generation++;
  }

  /** Forgets every resolution (settings or folders changed). */
  invalidateAll(): void {
    this.generation++;
  }

  /** Resolves the catalogs of one plan document of the file at `planPath`. */
  resolve(
    planPath: string,
    doc: PlanDocument,
    text: string,
    root: string | undefined,
    fallback: readonly string[],
  ): ResolvedCatalogs {
    const findings: Finding[] = [];
    let origin: CatalogOrigin;
    let files: string[];
    if (doc.catalogRefs.length > 0) {
      origin = 'catalog-key';
      files = doc.catalogRefs.map((ref) => path.resolve(path.dirname(planPath), ref.path));
    } else {
      files = this.discover(planPath, root);
      origin = files.length > 0 ? 'discovered' : fallback.length > 0 ? 'settings' : 'none';
      if (files.length === 0) files = [...fallback];
    }
    const contents: CatalogContent[] = [];
    files.forEach((file, index) => {
      const loaded = this.load(file);
      const ref = origin === 'catalog-key' ? doc.catalogRefs[index] : undefined;
      if (loaded.problem && ref) {
        const message = `${ref.path}: ${loaded.problem} ${this.nearest(file)}`;
        findings.push(finding('catalog-unreadable', ref.node.start, ref.node.end, message));
      }
      contents.push(...loaded.contents);
    });
    const inline = doc.inlineSources ? readInlineSources(planPath, doc.inlineSources) : undefined;
    if (inline && inline.sources.length > 0) {
      contents.push(inline);
      if (origin === 'none') origin = 'inline-only';
    }
    // Inline entries carry the plan's path and offsets in their origins: one merge per plan and text.
    const inlineText =
      inline && doc.inlineSources
        ? `${planPath}\u0000${doc.inlineSources.start}\u0000${text.slice(doc.inlineSources.start, doc.inlineSources.end)}`
        : '';
    // Named catalogs that all failed to load are reported on their entries; no catalog is loaded then,
    // so that the requests do not each report the same missing catalog as an unknown source.
    const catalog = contents.length > 0 ? this.mergeCached(contents, inlineText) : undefined;
    return { origin, files, catalog, findings };
  }

  /** Every `*.sources.*` file in the plan's folder and each parent up to `root`, the farthest first. */
  private discover(planPath: string, root: string | undefined): string[] {
    const folders: string[] = [];
    let dir = path.dirname(planPath);
    const stop = root ? path.resolve(root) : undefined;
    for (;;) {
      folders.push(dir);
      const parent = path.dirname(dir);
      if (!stop || dir === stop || parent === dir || !isInside(parent, stop)) break;
      dir = parent;
    }
    const found: string[] = [];
    for (const folder of folders.reverse()) {
      const names = (this.host.listFiles(folder) ?? []).filter((name) => CATALOG_FILE.test(name)).sort();
      found.push(...names.map((name) => path.join(folder, name)));
    }
    return found;
  }

  /**
   * Where an unusable `catalog:` entry led and what to name instead: the resolved path and the
   * catalog file in that folder whose name is closest to it (or that there is none) when the
   * file does not exist.
   */
  private nearest(file: string): string {
    const where = `The path resolves to ${file}.`;
    if (this.host.readFile(file) !== undefined || this.host.whyUnreadable?.(file)?.missing === false) {
      return where;
    }
    const folder = path.dirname(file);
    const wanted = path.basename(file);
    const names = (this.host.listFiles(folder) ?? []).filter(
      (name) => CATALOG_FILE.test(name) && name !== wanted,
    );
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const name of names.sort()) {
      const distance = editDistance(wanted, name);
      if (distance < bestDistance) [best, bestDistance] = [name, distance];
    }
    return best
      ? `${where} The closest catalog file there is ${best}: correct the path in catalog:.`
      : `${where} There is no catalog file (*.sources.yaml) in that folder: give the catalog's path relative to this plan.`;
  }

  private load(file: string): LoadedCatalog {
    const text = this.host.readFile(file);
    const cached = this.loaded.get(file);
    if (cached && text !== undefined && cached.text === text) return cached;
    const loaded =
      text === undefined
        ? { text: '', contents: [], problem: this.unreadable(file) }
        : this.parse(file, text);
    if (text !== undefined) this.loaded.set(file, loaded);
    return loaded;
  }

  /** Why a catalog file gave no text, as precisely as the host can tell. */
  private unreadable(file: string): string {
    const problem = this.host.whyUnreadable?.(file);
    if (!problem) return 'the file does not exist or cannot be read.';
    return problem.missing ? 'the file does not exist.' : `the file cannot be read: ${problem.reason}.`;
  }

  private parse(file: string, text: string): LoadedCatalog {
    const type = fileTypeOf(file) ?? {
      role: 'catalog' as const,
      format: /\.json$/i.test(file) ? ('json' as const) : ('yaml' as const),
    };
    const docs: ParsedDocument[] = parseFile(file, text, { ...type, role: 'catalog' }, this.limits);
    const contents: CatalogContent[] = [];
    for (const doc of docs) {
      const content =
        doc.kind === 'catalog'
          ? doc.content
          : doc.syntax.root
            ? readCatalogDocument(file, doc.syntax.root)
            : undefined;
      if (content) contents.push(content);
    }
    if (contents.length > 0) return { text, contents };
    const broken = docs.some((d) => d.syntax.findings.length > 0);
    const problem = broken
      ? 'the catalog file has errors and yields no sources; open it to see them.'
      : 'not a catalog isc-plan recognises (kind: SourceCatalog, or an ISC export of sources, service desk integrations, the status-check configuration, or SP-Config).';
    return { text, contents, problem };
  }

  private mergeCached(contents: readonly CatalogContent[], inlineText: string): MergedCatalog {
    const fromFiles = contents.filter((c) => c.shape !== 'inline');
    const hit = this.merges.find((m) => m.inlineText === inlineText && sameItems(m.fromFiles, fromFiles));
    if (hit) return hit.merged;
    const merged = mergeCatalogs(contents);
    this.merges.unshift({ fromFiles, inlineText, merged });
    this.merges.length = Math.min(this.merges.length, 32);
    return merged;
  }
}

/** Identity of every item: catalog contents are cached objects while their file's text is unchanged. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}

function isInside(dir: string, root: string): boolean {
  const relative = path.relative(root, dir);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
