import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { ServiceHost } from '../service/workspace/serviceHost';
import { readTextFile } from './nodeFiles';

/** Git's answer is bounded: a catalog file larger than this is not one. */
const MAX_GIT_OUTPUT = 256 * 1024 * 1024;

/** What `git` printed, or the first line of its complaint. */
function git(cwd: string, args: readonly string[]): { out: Buffer } | { error: string } {
  try {
    return {
      out: execFileSync('git', args, {
        cwd,
        maxBuffer: MAX_GIT_OUTPUT,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
      }),
    };
  } catch (error) {
    const failure = error as { stderr?: Buffer; code?: string; message: string };
    if (failure.code === 'ENOENT') return { error: 'git is not installed (or not on PATH)' };
    const said = failure.stderr?.toString('utf8').trim().split('\n')[0];
    return { error: said || failure.message.split('\n')[0] || 'git failed' };
  }
}

/** A host that reads every file of the repository as it is at `revision`. */
export interface RevisionHost extends ServiceHost {
  /** The commit the revision names (full hash). */
  commit: string;
  /** The repository's top folder. */
  top: string;
}

/**
 * A service host that reads the files inside the git repository holding `cwd` as they are at
 * `revision` (`git ls-tree`, `git cat-file`), without touching the working tree or the index;
 * files outside the repository come from `outside`. A string says why the revision cannot be
 * read (not a repository, an unknown revision).
 */
export function gitRevisionHost(cwd: string, revision: string, outside: ServiceHost): RevisionHost | string {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if ('error' in top) return `not inside a git repository (${top.error})`;
  const root = top.out.toString('utf8').trim();
  const resolved = git(root, [
    'rev-parse',
    '--verify',
    '--quiet',
    '--end-of-options',
    `${revision}^{commit}`,
  ]);
  if ('error' in resolved) return `"${revision}" is neither a folder, a file nor a git revision of ${root}`;
  const commit = resolved.out.toString('utf8').trim();
  const listing = git(root, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', commit]);
  if ('error' in listing) return `cannot list the files of ${revision}: ${listing.error}`;
  const files = new Set(listing.out.toString('utf8').split('\0').filter(Boolean));
  const texts = new Map<string, string | undefined>();
  const inRepository = (file: string): string | undefined => {
    const relative = path.relative(root, realPath(file)).split(path.sep).join('/');
    return relative.startsWith('..') || path.isAbsolute(relative) ? undefined : relative;
  };
  return {
    commit,
    top: root,
    readFile(file) {
      const relative = inRepository(file);
      if (relative === undefined) return outside.readFile(file);
      if (!files.has(relative)) return undefined;
      if (!texts.has(relative)) {
        const blob = git(root, ['cat-file', 'blob', `${commit}:${relative}`]);
        texts.set(relative, 'out' in blob ? blob.out.toString('utf8') : undefined);
      }
      return texts.get(relative);
    },
    listFiles(folder) {
      const relative = inRepository(folder);
      if (relative === undefined) return outside.listFiles(folder);
      const prefix = relative === '' ? '' : `${relative}/`;
      return [...files]
        .filter((f) => f.startsWith(prefix) && !f.slice(prefix.length).includes('/'))
        .map((f) => f.slice(prefix.length));
    },
  };
}

/** The real path of a file, or of its nearest existing folder with the rest appended (git's top is a real path). */
function realPath(file: string): string {
  let rest = '';
  let current = path.resolve(file);
  for (;;) {
    try {
      return path.join(fs.realpathSync(current), rest);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return path.resolve(file);
      rest = path.join(path.basename(current), rest);
      current = parent;
    }
  }
}

/** A catalog set given as files: each stands in for every catalog of the same file name. */
export interface FileSetHost extends ServiceHost {
  /** The names of the set's files that some plan read (the others stood in for nothing). */
  used: Set<string>;
  names: string[];
}

/**
 * A service host in which each file of `files` (absolute paths: a folder's YAML and JSON files, or
 * one file) stands in for every file of the same name that `inner` would read: the catalogs as
 * another tenant or another export has them. Any other file comes from `inner`.
 */
export function fileSetHost(files: readonly string[], inner: ServiceHost): FileSetHost {
  const byName = new Map(files.map((file) => [path.basename(file), file]));
  const used = new Set<string>();
  const texts = new Map<string, string | undefined>();
  return {
    used,
    names: [...byName.keys()],
    readFile(file) {
      const standIn = byName.get(path.basename(file));
      if (standIn === undefined) return inner.readFile(file);
      used.add(path.basename(file));
      if (!texts.has(standIn)) {
        const read = readTextFile(standIn);
        texts.set(standIn, 'text' in read ? read.text : undefined);
      }
      return texts.get(standIn);
    },
    listFiles: (folder) => inner.listFiles(folder),
  };
}
