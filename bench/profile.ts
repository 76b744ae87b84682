/**
 * Where the time goes: sums the self time of each function over the `.cpuprofile` files that
 * `node --cpu-prof` wrote, maps bundle positions back to the sources through the bundle's source
 * map (dist/*.js.map of the development build), and lists the top source files and functions.
 */
import * as fs from 'fs';
import { SourceMap } from 'module';
import type { SourceMapPayload } from 'module';
import * as path from 'path';
import { fileURLToPath } from 'url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/** Self time (ms) per node id, from the samples and their time deltas. */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const times = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i]!;
    times.set(id, (times.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0) / 1000);
  }
  return times;
}

const maps = new Map<string, SourceMap | null>();

/** The source map beside a bundle (`x.js.map`), cached; null when there is none. */
function mapOf(url: string): SourceMap | null {
  if (!maps.has(url)) {
    try {
      const file = url.startsWith('file:') ? fileURLToPath(url) : url;
      maps.set(url, new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload));
    } catch {
      maps.set(url, null);
    }
  }
  return maps.get(url)!;
}

/** Where a frame's code comes from, through the source map when there is one: `server/src/...ts` or `node_modules/<package>`. */
function origin(frame: ProfileNode['callFrame']): { file: string; module: string; line: number } {
  if (!frame.url) return { file: '(native)', module: '(native)', line: 0 };
  const entry: { originalSource?: string; originalLine?: number } | undefined = mapOf(frame.url)?.findEntry(
    frame.lineNumber,
    frame.columnNumber,
  );
  const source = (entry?.originalSource ?? frame.url).replace(/^file:\/\//, '');
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)(\/.*)?$/.exec(source);
  const file = inPackage
    ? `node_modules/${inPackage[1]!}${inPackage[2] ?? ''}`
    : source.replace(/^(\.\.\/)+/, '').replace(/^\/work\/main\//, '');
  return {
    file,
    module: inPackage ? `node_modules/${inPackage[1]!}` : file,
    line: (entry?.originalLine ?? frame.lineNumber) + 1,
  };
}

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function top(map: Map<string, number>, count: number, total: number): string[] {
  return [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([name, ms]) =>
        `| ${name.replace(/\|/g, '\\|')} | ${ms.toFixed(0)} | ${((100 * ms) / total).toFixed(1)} % |`,
    );
}

/** A Markdown summary of the profiles in `dir` (empty when there is none), idle time left out. */
export function summariseProfiles(
  dir: string,
  count = 15,
  title = 'CPU profile of our server over the whole run',
): string {
  if (!fs.existsSync(dir)) return '';
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as CpuProfile;
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    for (const [id, ms] of selfTimes(profile)) {
      const frame = nodes.get(id)?.callFrame;
      if (!frame || frame.functionName === '(idle)') continue;
      const where = origin(frame);
      add(byFunction, `${frame.functionName || '(anonymous)'} ${where.file}:${where.line}`, ms);
      add(byFile, where.module, ms);
      total += ms;
    }
  }
  if (total === 0) return '';
  const table = (what: string, map: Map<string, number>): string[] => [
    '',
    `| ${what} | self ms | share |`,
    '| --- | --- | --- |',
    ...top(map, count, total),
  ];
  return [
    `${title} (${files.length} profile(s), ${total.toFixed(0)} ms busy, idle left out). Self time:`,
    ...table('source file or package', byFile),
    ...table('function', byFunction),
  ].join('\n');
}
