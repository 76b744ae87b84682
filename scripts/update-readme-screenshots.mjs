#!/usr/bin/env node
// Copies screenshots of the last end-to-end run (test/e2e/screenshots/, git-ignored) into docs/images/, the
// committed images the README shows: README screenshots are regenerated from the E2E run, never drawn by hand.
//
//   npm run package && node out/test/e2e/run.js && node scripts/update-readme-screenshots.mjs
//   node scripts/update-readme-screenshots.mjs hover-light dry-run-dark   # only these
//   node scripts/update-readme-screenshots.mjs --out /tmp/images          # somewhere else
//
// By default it copies problems, hover, dry-run, scenario, perspectives and events in light and dark, and
// dry-run-high-contrast.
// Exits 1 (copying nothing) when a chosen screenshot is missing or is not a PNG.
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const from = join(repo, 'test', 'e2e', 'screenshots');

/**
 * The screenshots the README shows, each in the light and the dark theme (for a <picture> element), and the
 * dry-run view in high contrast.
 */
const chosen = [
  ...['problems', 'hover', 'dry-run', 'scenario', 'perspectives', 'events'].flatMap((name) => [
    `${name}-light`,
    `${name}-dark`,
  ]),
  'dry-run-high-contrast',
];

/** Parses `[--out <dir>] [name...]` into the target folder and the names to copy. */
function parseArgs(argv) {
  let out = join(repo, 'docs', 'images');
  const names = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out' && argv[i + 1]) out = resolve(argv[++i]);
    else if (argv[i].startsWith('-')) throw new Error(`unknown option ${argv[i]}`);
    else names.push(argv[i].replace(/\.png$/, ''));
  }
  return { out, names: names.length > 0 ? names : chosen };
}

/** True when `file` starts with the PNG signature. */
function isPng(file) {
  return readFileSync(file)
    .subarray(0, 8)
    .equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
}

function main() {
  const { out, names } = parseArgs(process.argv.slice(2));
  const files = names.map((name) => ({ name, file: join(from, `${name}.png`) }));
  const missing = files.filter(({ file }) => !existsSync(file) || !isPng(file));
  if (missing.length > 0) {
    console.error(
      `missing in ${relative(process.cwd(), from)}: ${missing.map((m) => `${m.name}.png`).join(', ')}\n` +
        'run the end-to-end test first: npm run package && node out/test/e2e/run.js',
    );
    return 1;
  }
  mkdirSync(out, { recursive: true });
  for (const { name, file } of files) {
    const target = join(out, `${name}.png`);
    copyFileSync(file, target);
    const taken = statSync(file).mtime.toISOString().replace('T', ' ').slice(0, 16);
    console.log(`${relative(process.cwd(), target)}  (screenshot of ${taken} UTC)`);
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 2;
}
