import * as path from 'path';

/** The repository's root. Tests run compiled, from `out/test/...`, so it is two folders above this file. */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Where `tsc` writes the compiled sources (`out/`), for tests that load a compiled module by path. */
export const COMPILED_ROOT = path.join(REPO_ROOT, 'out');
