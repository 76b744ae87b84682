import type { FileRole, FileType } from '../../../../../shared/fileNames';
import { CATALOG_FILE, fileTypeOf, PLAN_FILE } from '../../../../../shared/fileNames';
import { parseFile } from '../../document/sourceFile';
import type { FileState, PlanService } from '../../planService';
import type { ServiceHost } from '../../workspace/serviceHost';

/**
 * Parsed files not held by the service are kept up to this many characters in all: a parsed plan
 * takes some 45 bytes of heap per character, and the server's memory budget is shared with the open
 * files. Hundreds of small plans fit; a large plan on disk is parsed again when needed.
 */
const CACHE_CHARACTERS = 1024 * 1024;

/**
 * The workspace as navigation, references and rename read it: files the service holds (open in
 * the editor, current), and every other plan or catalog file parsed from the host with the
 * service's own parser, never opened in the service, and cached while its text is unchanged.
 */
export class WorkspaceFiles {
  private readonly parsed = new Map<string, FileState>();
  private cachedCharacters = 0;

  constructor(
    readonly service: PlanService,
    readonly host: ServiceHost,
    /** The workspace folders searched for plan and catalog files. */
    private readonly roots: () => readonly string[],
  ) {}

  /** The plan files of the workspace: those the service holds, then those on disk. */
  planPaths(): string[] {
    return this.paths(PLAN_FILE, 'plan');
  }

  /** The catalog files of the workspace named `*.sources.*`: those the service holds, then those on disk. */
  catalogPaths(): string[] {
    return this.paths(CATALOG_FILE, 'catalog');
  }

  /** The current text of a file: the service's when it holds the file, else the host's. */
  textOf(path: string): string | undefined {
    return this.service.file(path)?.text ?? this.host.readFile(path);
  }

  /**
   * A file as parsed documents: the service's state when it holds the file, else a parse of the
   * host's text as `role` (tenant exports may have any name, so the role can be forced).
   */
  fileState(path: string, role?: FileRole): FileState | undefined {
    const held = this.service.file(path);
    if (held) return held;
    const text = this.host.readFile(path);
    if (text === undefined) return undefined;
    const type = typeFor(path, role);
    if (!type) return undefined;
    const cached = this.parsed.get(path);
    if (cached && cached.text === text && cached.type.role === type.role) return cached;
    const state: FileState = {
      path,
      type,
      text,
      docs: parseFile(path, text, type, this.service.settings.limits),
    };
    this.remember(state);
    return state;
  }

  private paths(pattern: RegExp, role: FileRole): string[] {
    const found = new Set<string>();
    for (const path of this.service.openFiles()) {
      if (this.service.file(path)?.type.role === role) found.add(path);
    }
    if (this.host.findFiles) {
      for (const root of this.roots()) for (const path of this.host.findFiles(root, pattern)) found.add(path);
    }
    return [...found];
  }

  private remember(state: FileState): void {
    const earlier = this.parsed.get(state.path);
    if (earlier) this.cachedCharacters -= earlier.text.length;
    this.parsed.delete(state.path);
    if (state.text.length > CACHE_CHARACTERS) return;
    this.parsed.set(state.path, state);
    this.cachedCharacters += state.text.length;
    for (const [path, old] of this.parsed) {
      if (this.cachedCharacters <= CACHE_CHARACTERS) break;
      this.parsed.delete(path);
      this.cachedCharacters -= old.text.length;
    }
  }
}

function typeFor(path: string, role: FileRole | undefined): FileType | undefined {
  const byName = fileTypeOf(path);
  if (!role) return byName;
  return { role, format: byName?.format ?? (/\.json$/i.test(path) ? 'json' : 'yaml') };
}
