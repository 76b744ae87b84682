import * as fs from 'fs';
import * as path from 'path';
import type { CliRun } from '../cli/cliHelpers';
import { TempFolder } from '../cli/cliHelpers';
import { main } from '../../../server/src/cli/main';
import type { StandInTenant } from '../../harness/standInTenant';

/** Runs `isc-plan ARGS` in-process in `folder` with the stand-in tenant's credentials (or `env`). */
export async function pullIn(
  folder: TempFolder,
  tenant: Pick<StandInTenant, 'url' | 'clientId' | 'clientSecret'>,
  argv: string[],
  env: Record<string, string> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['pull', ...argv], {
    cwd: folder.root,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    env: {
      SAIL_BASE_URL: tenant.url,
      SAIL_CLIENT_ID: tenant.clientId,
      SAIL_CLIENT_SECRET: tenant.clientSecret,
      ISC_PLAN_PULL_BACKOFF_MS: '10',
      ...env,
    },
  });
  return { code, stdout, stderr };
}

/** A pulled file, parsed. */
export function readPulled<T = unknown>(folder: TempFolder, name: string, out = 'isc-tenant'): T {
  return JSON.parse(fs.readFileSync(path.join(folder.root, out, name), 'utf8')) as T;
}

/** Every file under `dir`, with its text. */
export function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  if (!fs.existsSync(dir)) return files;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(dir, file)] = fs.readFileSync(file, 'utf8');
  }
  return files;
}

export { TempFolder };
