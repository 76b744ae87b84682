/**
 * The plan service's only window on files. The language server answers from open editors first
 * and the disk second; the CLI from the disk; tests from memory. Paths are absolute.
 */
export interface ServiceHost {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** The names of the files (not folders) in a folder, or undefined when it cannot be listed. */
  listFiles(folder: string): string[] | undefined;
}
