// The main job on the bundled samples: validate the tenant catalogs, the export and the plans,
// predict and simulate the flagship plan, then show what the common mistakes look like.
import { spawnSync } from 'node:child_process';

const cli = (args, expected = [0]) => {
  console.log(`\n$ isc-plan ${args.join(' ')}`);
  const result = spawnSync(process.execPath, ['dist/cli.js', ...args], { stdio: 'inherit' });
  if (!expected.includes(result.status)) {
    console.error(`isc-plan ${args[0]} exited with ${result.status}, expected ${expected.join(' or ')}`);
    process.exit(1);
  }
};

cli(['validate', 'samples/tenant', 'samples/export', 'samples/plans', 'samples/universal']);
// A fixed submission time (a Monday morning in Berlin), so the numbers are the README's.
const AT = ['--at', '2026-11-30T09:00:00+01:00'];
for (const step of process.env.ISC_PLAN_SAMPLE_STEPS?.split(',') ?? ['predict', 'simulate']) {
  if (step === 'predict') cli(['predict', 'samples/plans/jane-joins-finance.plan.yaml', ...AT]);
  if (step === 'simulate')
    cli([
      'simulate',
      'samples/plans/jane-joins-finance.plan.yaml',
      ...AT,
      '--scenario',
      'away:payroll.admin:3',
    ]);
}
// The mistakes are there to be found: validate exits 1.
cli(['validate', 'samples/mistakes'], [1]);
