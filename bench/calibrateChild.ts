/**
 * One `isc-plan calibrate` run in a process of its own, for bench/calibrateBench.ts: prints its
 * wall time, CPU time and peak memory as JSON on the last line.
 *
 *   node out/bench/calibrateChild.js ACTIVITIES CATALOG OUT
 */
import { main } from '../server/src/cli/main';

async function run(): Promise<void> {
  const [activities, catalog, out] = process.argv.slice(2) as [string, string, string];
  const start = performance.now();
  const cpu = process.cpuUsage();
  let stdout = '';
  const code = await main(['calibrate', activities, '--catalog', catalog, '--out', out, '--format', 'json'], {
    cwd: process.cwd(),
    stdout: (text) => (stdout += text),
    stderr: (text) => process.stderr.write(text),
  });
  const used = process.cpuUsage(cpu);
  const report = JSON.parse(stdout) as { activities: number };
  process.stdout.write(
    `${JSON.stringify({
      code,
      activities: report.activities,
      ms: performance.now() - start,
      cpuMs: (used.user + used.system) / 1000,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    })}\n`,
  );
}

void run();
