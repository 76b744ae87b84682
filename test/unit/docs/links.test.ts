import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../../repoPaths';

/** Text files the repository tracks (sources, docs, schemas, samples), by path relative to the root. */
function trackedTextFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return listed
    .split('\n')
    .filter((file) => /\.(ts|mjs|md|json|ya?ml|xml)$/.test(file) && !file.startsWith('node_modules/'))
    .filter((file) => file !== 'package-lock.json' && fs.existsSync(path.join(REPO_ROOT, file)));
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function headingSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}

const anchorsCache = new Map<string, Set<string>>();

/** The anchors a Markdown file offers: explicit `<a id>` and its headings. */
function anchorsOf(file: string): Set<string> {
  let anchors = anchorsCache.get(file);
  if (!anchors) {
    const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
    anchors = new Set<string>();
    for (const match of text.matchAll(/<a id="([^"]+)"/g)) anchors.add(match[1]!);
    for (const match of text.matchAll(/^#+ (.+)$/gm)) anchors.add(headingSlug(match[1]!));
    anchorsCache.set(file, anchors);
  }
  return anchors;
}

/** Where a reference points to that does not exist, or undefined when it does. */
function brokenTarget(target: string, anchors: string[]): string | undefined {
  if (!fs.existsSync(path.join(REPO_ROOT, target))) return `${target} does not exist`;
  if (!target.endsWith('.md')) return undefined;
  const missing = anchors.filter((anchor) => !anchorsOf(target).has(anchor));
  return missing.length > 0 ? `${target} has no anchor ${missing.map((a) => `#${a}`).join(', ')}` : undefined;
}

suite('docs: every reference stays inside the repository and resolves', () => {
  const files = trackedTextFiles();

  test('no file cites a design document outside the repository', () => {
    // The product contract and the domain notes the project started from, and their section signs.
    const outside =
      /\b(?:prediction|channels|features)\.md\b|isc-facts|seed-fulfil|shared\/(?:spec|domain|recipes|style)\b|§/;
    const offenders: string[] = [];
    for (const file of files.filter((name) => name !== 'test/unit/docs/links.test.ts')) {
      const lines = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n');
      lines.forEach((line, index) => {
        if (outside.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim().slice(0, 120)}`);
      });
    }
    assert.deepStrictEqual(offenders, []);
  });

  test('every docs/…md reference names a file and anchors that exist', () => {
    const broken: string[] = [];
    for (const file of files) {
      const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
      for (const match of text.matchAll(/\bdocs\/([a-z-]+\.md)((?:#[a-z0-9-]+)?(?:, #[a-z0-9-]+)*)/g)) {
        const anchors = [...match[2]!.matchAll(/#([a-z0-9-]+)/g)].map((m) => m[1]!);
        const problem = brokenTarget(`docs/${match[1]!}`, anchors);
        if (problem) broken.push(`${file}: ${match[0]}: ${problem}`);
      }
    }
    assert.deepStrictEqual(broken, []);
  });

  test('every relative link of the Markdown files resolves, anchors included', () => {
    const broken: string[] = [];
    for (const file of files.filter((name) => name.endsWith('.md'))) {
      const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
      for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const link = match[1]!;
        if (/^[a-z]+:/i.test(link)) continue;
        const [target, anchor] = link.split('#');
        const resolved = target
          ? path.posix.normalize(path.posix.join(path.posix.dirname(file), target))
          : file;
        const problem = brokenTarget(resolved.replace(/\/$/, ''), anchor ? [anchor] : []);
        if (problem) broken.push(`${file}: (${link}): ${problem}`);
      }
    }
    assert.deepStrictEqual(broken, []);
  });
});
