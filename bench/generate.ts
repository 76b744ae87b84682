import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLE_CATALOG_START, EXAMPLE_PAYROLL_SOURCE } from '../client/src/templates';
import { AD_ACCOUNT_SCHEMA } from '../test/unit/helpers';

/** Sources of the generated catalog, one per channel situation. */
const SOURCES = ['Active Directory', 'Salesforce', 'Payroll', 'HR Portal', 'Finance File Share'];

/** A catalog for generated plans: connector, manual, ticketing and a split source, on the templates' example tenant. */
export const BENCH_CATALOG = `${EXAMPLE_CATALOG_START}${AD_ACCOUNT_SCHEMA}  - name: Salesforce
    connectionType: direct
    features: [PROVISIONING, ENABLE]
    owner: { name: crm.admin }
    aggregation: { schedule: '0 30 1 * * ?', durationMinutes: 10 }
${EXAMPLE_PAYROLL_SOURCE}  - name: HR Portal
    features: [PROVISIONING]
    owner: { name: hr.admin }
  - name: Finance File Share
    features: [PROVISIONING, NO_PERMISSIONS_PROVISIONING]
    owner: { name: files.admin }
serviceDeskIntegrations:
  - name: ServiceNow SDIM
    managedSources: [HR Portal]
    statusMap: { requested: Queued, in_process: Queued, closed_complete: Committed, closed_cancelled: Failed }
    ticketWorkflow:
      - { status: requested, hours: { p50: 1, p90: 8 } }
      - { status: in_process, hours: { p50: 4, p90: 24 }, failureChance: 0.05 }
      - { status: closed_complete }
statusCheck: { provisioningStatusCheckIntervalMinutes: 30, provisioningMaxStatusCheckDays: 3 }
`;

/** One generated request (about 180 bytes), deterministic in its index. */
export function generatedRequest(i: number): string {
  const source = SOURCES[i % SOURCES.length]!;
  return (
    `  - source: ${source}\n` +
    `    operation: Modify\n` +
    `    nativeIdentity: CN=User ${i},OU=Users,DC=acme,DC=example\n` +
    `    attributeRequests:\n` +
    `      - { name: memberOf, operation: Add, value: 'CN=Group ${i % 97},OU=Groups' }\n`
  );
}

/** A plan of `count` requests that uses `acme.sources.yaml` beside it. */
export function generatePlan(count: number): string {
  const parts = [
    `kind: ProvisioningPlan\nname: Reorganisation wave (${count} requests)\ntrackingId: BULK-${count}\nidentity: { name: bulk.service }\ncatalog: acme.sources.yaml\naccountRequests:\n`,
  ];
  for (let i = 0; i < count; i++) parts.push(generatedRequest(i));
  return parts.join('');
}

/** Writes `plan-N.plan.yaml` and the catalog into `folder`; returns the plan's path. */
export function writeGenerated(folder: string, count: number): string {
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, 'acme.sources.yaml'), BENCH_CATALOG);
  const file = path.join(folder, `plan-${count}.plan.yaml`);
  fs.writeFileSync(file, generatePlan(count));
  return file;
}

if (require.main === module) {
  const count = Number(process.argv[2] ?? 10_000);
  const folder = path.resolve(process.argv[3] ?? 'bench/.work');
  const file = writeGenerated(folder, count);
  console.log(`${file} (${(fs.statSync(file).size / 1e6).toFixed(2)} MB)`);
}
