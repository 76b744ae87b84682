/**
 * The plan service's only window on files. The language server answers from open editors first
 * and the disk second; the CLI from the disk; tests from memory. Paths are absolute.
 */
export interface ServiceHost {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /**
   * Why {@link readFile} gave undefined for a file, or undefined when it can be read. Optional:
   * without it a message says only that the file does not exist or cannot be read.
   */
  whyUnreadable?(path: string): ReadProblem | undefined;
  /** The names of the files (not folders) in a folder, or undefined when it cannot be listed. */
  listFiles(folder: string): string[] | undefined;
  /**
   * Every file under `root`, at any depth, whose base name matches `pattern` (absolute paths),
   * skipping `node_modules` and hidden folders (`.git`...). Optional: without it, workspace-wide
   * features (find references, rename) see only the files the service holds.
   */
  findFiles?(root: string, pattern: RegExp): string[];
}

/** Why a file could not be read: `reason` completes "the file ..." ("is a directory"). */
export interface ReadProblem {
  reason: string;
  /** Nothing is at the path (then a closest name is worth suggesting). */
  missing: boolean;
}
