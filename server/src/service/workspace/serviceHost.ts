/**
 * The plan service's only window on files. The language server answers from open editors first
 * and the disk second; the CLI from the disk; tests from memory. Paths are absolute.
 */
export interface ServiceHost {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** The names of the files (not folders) in a folder, or undefined when it cannot be listed. */
  listFiles(folder: string): string[] | undefined;
  /**
   * Every file under `root`, at any depth, whose base name matches `pattern` (absolute paths),
   * skipping `node_modules` and hidden folders (`.git`...). Optional: without it, workspace-wide
   * features (find references, rename) see only the files the service holds.
   */
  findFiles?(root: string, pattern: RegExp): string[];
}
