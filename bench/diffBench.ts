/**
 * `isc-plan diff` of 1,000 plans × 10 requests (docs/architecture.md#performance): a child process,
 * as a CI job runs it, comparing the generated catalog with one where Salesforce has lost
 * PROVISIONING (a fifth of the requests change channel). Part of `npm run bench`; alone:
 * `node out/bench/diffBench.js [CLI]` (default dist/cli.js).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ProcessRun } from './cliBench';
import { timeNodeRuns } from './cliBench';
import { BENCH_CATALOG, generatedRequest } from './generate';

/** What the head side changes: Salesforce's connector can no longer provision. */
const SALESFORCE_FEATURES = '    features: [PROVISIONING, ENABLE]\n    owner: { name: crm.admin }';

/**
 * Writes `plans` plans of `perPlan` requests and their catalog (the changed one) into
 * `folder/plans`, and the catalog before the change into `folder/base`; returns the arguments of
 * the diff (after the CLI's path).
 */
export function writeDiffCase(folder: string, plans: number, perPlan: number): string[] {
  fs.rmSync(folder, { recursive: true, force: true });
  const planFolder = path.join(folder, 'plans');
  fs.mkdirSync(planFolder, { recursive: true });
  fs.mkdirSync(path.join(folder, 'base'), { recursive: true });
  if (!BENCH_CATALOG.includes(SALESFORCE_FEATURES)) {
    throw new Error('the bench catalog no longer lists Salesforce as expected');
  }
  fs.writeFileSync(path.join(folder, 'base', 'acme.sources.yaml'), BENCH_CATALOG);
  fs.writeFileSync(
    path.join(planFolder, 'acme.sources.yaml'),
    BENCH_CATALOG.replace(SALESFORCE_FEATURES, '    features: [ENABLE]\n    owner: { name: crm.admin }'),
  );
  for (let p = 0; p < plans; p++) {
    const requests = Array.from({ length: perPlan }, (_, r) => generatedRequest(p * perPlan + r)).join('');
    const header = `kind: ProvisioningPlan\nname: Plan ${p}\nidentity: { name: user.${p} }\naccountRequests:\n`;
    fs.writeFileSync(
      path.join(planFolder, `plan-${String(p).padStart(4, '0')}.plan.yaml`),
      header + requests,
    );
  }
  return [
    'diff',
    '--base',
    'base',
    'plans',
    '--at',
    '2026-11-25T09:00:00Z',
    '--format',
    'json',
    '--fail-on',
    'channel-change',
  ];
}

/** Times `repeats` runs of the diff of 1,000 plans × 10 requests in `work/diff-1000` (exit 1: the gate trips, as it should). */
export async function diffBench(cli: string, work: string, repeats: number): Promise<ProcessRun[]> {
  const folder = path.join(work, 'diff-1000');
  const args = writeDiffCase(folder, 1000, 10);
  return timeNodeRuns([cli, ...args], folder, repeats, 120_000);
}

if (require.main === module) {
  const repo = path.resolve(__dirname, '../..');
  const cli = path.resolve(process.argv[2] ?? path.join(repo, 'dist', 'cli.js'));
  diffBench(cli, path.join(repo, 'bench', '.work'), 3).then(
    (runs) => console.log(runs.map((r) => `${r.ms.toFixed(0)} ms (exit ${r.status})`).join(', ')),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
