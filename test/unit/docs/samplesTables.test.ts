import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { createNodeHost } from '../../../server/src/platform/nodeFiles';
import type { FileState } from '../../../server/src/service/planService';
import { PlanService } from '../../../server/src/service/planService';
import { parse } from 'yaml';
import { REPO_ROOT } from '../../repoPaths';

/**
 * samples/README.md promises, per plan, each request's channel, target and diagnostic codes, and per
 * mistake file the code each request or entry triggers. These tests hold the tables to what the
 * plan service says about the files, so the samples' description cannot drift from the product.
 */
const SAMPLES = path.join(REPO_ROOT, 'samples');
const README = fs.readFileSync(path.join(SAMPLES, 'README.md'), 'utf8');

/** One table row under a `**`file`**` heading (or a mistakes row naming its file), cells by column name. */
interface Row {
  file: string;
  cells: Record<string, string>;
}

function cellsOf(line: string): string[] {
  return line
    .replace(/^\s*\|/, '')
    .replace(/\|\s*$/, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** The rows of every table in the README, each with the file it describes (its heading or `file` column; '' for none). */
function tableRows(): Row[] {
  const rows: Row[] = [];
  let heading: string | undefined;
  let columns: string[] | undefined;
  let lastFile: string | undefined;
  for (const line of README.split('\n')) {
    const named = /^\*\*`([^`]+)`\*\*/.exec(line);
    if (named) heading = named[1];
    if (!line.startsWith('|')) {
      columns = undefined;
      continue;
    }
    const cells = cellsOf(line);
    if (!columns) {
      columns = cells;
      continue;
    }
    if (cells.every((cell) => /^-+$/.test(cell))) continue;
    const byColumn = Object.fromEntries(columns.map((name, i) => [name, cells[i] ?? '']));
    const file =
      /^`([^`]+)`$/.exec(byColumn['file'] ?? '')?.[1] ?? (byColumn['file'] === '' ? lastFile : heading);
    lastFile = file;
    rows.push({ file: file ?? '', cells: byColumn });
  }
  return rows;
}

/** `1`, `1–11`, `1, 2` → the zero-based request indexes; `–` → none. */
function requestIndexes(cell: string): number[] {
  const range = /^(\d+)–(\d+)$/.exec(cell);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    return Array.from({ length: to - from + 1 }, (_, i) => from - 1 + i);
  }
  return [...cell.matchAll(/\d+/g)].map((m) => Number(m[0]) - 1);
}

function codesIn(cell: string): string[] {
  return [...new Set([...cell.matchAll(/`([a-z-]+)`/g)].map((m) => m[1]!))].sort();
}

const service = new PlanService(createNodeHost(true), { root: SAMPLES });
const files = new Map<string, FileState>();

function sampleFile(name: string): FileState {
  const known = files.get(name);
  if (known) return known;
  const found = ['plans', 'export', 'universal', 'mistakes', 'tenant']
    .map((folder) => path.join(SAMPLES, folder, name))
    .find((candidate) => fs.existsSync(candidate));
  assert.ok(found, `samples/README.md names ${name}, which is not in samples/`);
  const file = service.open(found, fs.readFileSync(found, 'utf8'));
  assert.ok(file, `${name} is not a plan or catalog`);
  files.set(name, file);
  return file;
}

/** The plan documents of a file, in order. */
function plansOf(file: FileState): Extract<FileState['docs'][number], { kind: 'plan' }>[] {
  return file.docs.filter((doc) => doc.kind === 'plan');
}

/** The codes of the findings inside each request `indexes` of a plan document, together. */
function codesOfRequests(file: FileState, document: number, indexes: number[]): string[] {
  const doc = plansOf(file)[document]!;
  const findings = service.findings(file.path);
  return [
    ...new Set(
      indexes.flatMap((index) => {
        const node = doc.requests[index]?.node;
        assert.ok(node, `${path.basename(file.path)} has no request ${index + 1}`);
        return findings.filter((f) => f.start >= node.start && f.end <= node.end).map((f) => f.code);
      }),
    ),
  ].sort();
}

const submittedAt = Date.parse('2026-11-30T08:00:00Z');

suite('samples/README.md: the tables say what the service says', () => {
  const rows = tableRows();
  const planRows = rows.filter((row) => row.cells['channel → target'] !== undefined);
  const mistakeRows = rows.filter((row) => row.cells['code (severity)'] !== undefined);

  test('the README has tables for every plan and every mistake file', () => {
    const planFiles = new Set(planRows.map((row) => row.file));
    for (const name of fs.readdirSync(path.join(SAMPLES, 'plans'))) assert.ok(planFiles.has(name), name);
    const mistakeFiles = new Set(mistakeRows.map((row) => row.file));
    for (const name of fs.readdirSync(path.join(SAMPLES, 'mistakes'))) {
      assert.ok(mistakeFiles.has(name), name);
    }
  });

  for (const row of planRows) {
    const cells = row.cells;
    const document = Number(cells['doc'] ?? 0);
    test(`${row.file} ${cells['doc'] !== undefined ? `doc ${document} ` : ''}#${cells['#']}: ${cells['channel → target']}`, () => {
      const file = sampleFile(row.file);
      const indexes = requestIndexes(cells['#']!);
      const doc = plansOf(file)[document]!;
      const predictions = service.predict(file, doc, { submittedAt, runs: 20, seed: 1 });
      const said = cells['channel → target']!;
      const [, channel, target] = /^(connector|manual|ticketing|none)(?: → ([^;(]+))?/.exec(said) ?? [];
      assert.ok(channel, `"${said}" names no channel`);
      const split = /split part (?:(manual|ticketing) )?→ ([^;)]+)/.exec(said);
      for (const index of indexes) {
        const p = predictions[index];
        assert.ok(p, `no prediction for request ${index + 1}`);
        if (cells['source']) assert.equal(p.source, cells['source'].replace(/ \(.*$/, ''));
        assert.equal(p.channel, channel, `request ${index + 1}`);
        // The target is the text up to ";", less a parenthetical note, unless the parentheses are its name's.
        if (target) {
          const named = said
            .slice(said.indexOf('→') + 1)
            .split(';')[0]!
            .trim();
          assert.ok([named, target.trim()].includes(p.target ?? ''), `request ${index + 1}: ${p.target}`);
        }
        if (split && p.parts.length > 0) {
          assert.equal(p.parts[0]!.channel, split[1] ?? 'manual', `request ${index + 1}'s split part`);
          assert.equal(p.parts[0]!.target, split[2]!.trim(), `request ${index + 1}'s split part`);
        }
      }
      if (split) {
        assert.ok(
          indexes.some((i) => predictions[i]!.parts.length > 0),
          'no request has a split part',
        );
      }
      assert.deepEqual(codesOfRequests(file, document, indexes), codesIn(cells['codes'] ?? ''));
    });
  }

  test('the Acme tenant table gives each source its owner and aggregation schedule from the catalog', () => {
    const catalog = parse(fs.readFileSync(path.join(SAMPLES, 'tenant', 'acme.sources.yaml'), 'utf8')) as {
      sources: { name: string; owner?: { name: string }; aggregation?: { schedule?: string } }[];
    };
    const tenantRows = rows.filter((row) => row.cells['owner'] !== undefined && row.cells['connection']);
    assert.deepEqual(
      tenantRows.map((row) => row.cells['source']!.replace(/ \(.*$/, '')),
      catalog.sources.map((source) => source.name),
    );
    for (const row of tenantRows) {
      const source = catalog.sources.find((s) => s.name === row.cells['source']!.replace(/ \(.*$/, ''))!;
      assert.equal(row.cells['owner'], source.owner?.name, `${source.name}'s owner`);
      const schedule = /`([^`]+)`/.exec(row.cells['aggregation (verifies)']!)?.[1];
      assert.equal(schedule, source.aggregation?.schedule, `${source.name}'s schedule`);
    }
  });

  for (const row of mistakeRows.filter((r) => /\d/.test(r.cells['#'] ?? ''))) {
    test(`${row.file} #${row.cells['#']}: ${row.cells['code (severity)']}`, () => {
      const file = sampleFile(row.file);
      const indexes = requestIndexes(row.cells['#']!);
      assert.deepEqual(codesOfRequests(file, 0, indexes), codesIn(row.cells['code (severity)']!));
    });
  }

  for (const name of new Set(mistakeRows.map((row) => row.file))) {
    test(`${name}: the codes of all its rows are the codes of the file, with their severities`, () => {
      const said = mistakeRows
        .filter((row) => row.file === name)
        .flatMap((row) =>
          [
            ...row.cells['code (severity)']!.matchAll(/`([a-z-]+)`(?: \((error|warning|information)\))?/g),
          ].map((m) => `${m[1]}${m[2] ? ` ${m[2]}` : ''}`),
        );
      const found = service.findings(sampleFile(name).path).map((f) => `${f.code} ${f.severity}`);
      for (const code of said) {
        assert.ok(
          found.some((f) => f === code || f.startsWith(`${code} `)),
          `${name}: the README says ${code}; the file has ${found.join(', ')}`,
        );
      }
      const saidCodes = new Set(said.map((s) => s.split(' ')[0]));
      const unsaid = found.filter((f) => !saidCodes.has(f.split(' ')[0]));
      assert.deepEqual(unsaid, [], `${name}: codes the README does not mention`);
    });
  }
});
