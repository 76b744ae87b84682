import * as path from 'path';
import type * as IscTenant from '../platform/iscTenant';
import { activitiesSince, describeChanges } from '../service/catalog/tenantPull';
import { UsageError } from './context';
import { CATALOG_FILES, PULLED_FILES, changesSince, pulledFiles, refusal, writeAndSwap } from './pullFiles';

/**
 * `isc-plan pull` (docs/formats.md#pull): reads the tenant named by `SAIL_BASE_URL` with the API
 * client `SAIL_CLIENT_ID` / `SAIL_CLIENT_SECRET`, and writes its sources, service desk
 * integrations, status-check configuration, account schemas, aggregation schedules and (with
 * `--activities`) account activities into `--out` (default `isc-tenant`).
 */

export interface PullArgs {
  out?: string;
  activities?: string;
  sources: string[];
  timeout?: string;
}

/** What a pull needs from its process (the CLI's context, or the VS Code command's child process). */
export interface PullIo {
  cwd: string;
  version: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Whether stderr is a terminal: the progress line is then rewritten in place. */
  progressInPlace: boolean;
  stdout(text: string): void;
  stderr(text: string): void;
  signal?: AbortSignal;
}

/** Loads the SDK's bundle only now (dist/iscTenant.js in the bundles, see esbuild.mjs). */
function loadTenantReader(): typeof IscTenant {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when a pull runs
  return require('../platform/iscTenant') as typeof IscTenant;
}

function numberSetting(value: string | undefined, fallback: number, what: string): number {
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) {
    throw new UsageError(`${what} ${value}: give a number of seconds`);
  }
  return number;
}

function credentials(env: PullIo['env']): { baseUrl: string; clientId: string; clientSecret: string } {
  const missing = ['SAIL_BASE_URL', 'SAIL_CLIENT_ID', 'SAIL_CLIENT_SECRET'].filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new UsageError(
      `pull needs the environment variable${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (the tenant's API URL and a read-only API client; see README)`,
    );
  }
  const baseUrl = env['SAIL_BASE_URL']!;
  if (!/^https?:\/\/[^\s/@]+(\/.*)?$/i.test(baseUrl)) {
    throw new UsageError(`SAIL_BASE_URL: give the tenant's API URL, e.g. https://acme.api.identitynow.com`);
  }
  return { baseUrl, clientId: env['SAIL_CLIENT_ID']!, clientSecret: env['SAIL_CLIENT_SECRET']! };
}

/** A progress reporter: a line rewritten in place on a terminal, else a line per step and page. */
function progressReporter(io: PullIo): { report(p: IscTenant.PullProgress): void; end(): void } {
  let shown = false;
  return {
    report: (p) => {
      const line = `isc-plan pull: ${p.step} ${p.done}${p.total !== undefined ? `/${p.total}` : ''}`;
      if (io.progressInPlace) {
        io.stderr(`\r${line}\u001b[K`);
        shown = true;
      } else {
        io.stderr(`${line}\n`);
      }
    },
    end: () => {
      if (shown) io.stderr('\r\u001b[K');
    },
  };
}

/** Runs a pull; resolves to the exit status (0 written, 1 the tenant could not be read, 2 bad usage). */
export async function runPull(io: PullIo, args: PullArgs): Promise<number> {
  const { baseUrl, clientId, clientSecret } = credentials(io.env);
  const now = new Date();
  let since: string | undefined;
  if (args.activities !== undefined) {
    const parsed = activitiesSince(args.activities, now);
    if (typeof parsed !== 'string') throw new UsageError(parsed.error);
    since = parsed;
  }
  const shownOut = args.out ?? 'isc-tenant';
  const folder = path.resolve(io.cwd, shownOut);
  const refused = refusal(folder, shownOut);
  if (refused) throw new UsageError(refused);
  const timeoutMs = numberSetting(args.timeout, 60, '--timeout') * 1000;
  const backoffMs = numberSetting(io.env['ISC_PLAN_PULL_BACKOFF_MS'], 1000, 'ISC_PLAN_PULL_BACKOFF_MS');
  const reader = loadTenantReader();
  const progress = progressReporter(io);
  let pulled: IscTenant.PulledTenant;
  try {
    pulled = await reader.pullTenant({
      baseUrl,
      clientId,
      clientSecret,
      sourceNames: args.sources,
      timeoutMs,
      backoffMs,
      retries: 4,
      onProgress: (p) => progress.report(p),
      ...(since !== undefined ? { activitiesSince: since } : {}),
      ...(io.signal ? { signal: io.signal } : {}),
    });
  } catch (error) {
    progress.end();
    if ((error as Error).name !== 'PullError') throw error;
    io.stderr(`isc-plan pull: ${(error as Error).message}; nothing was written, ${shownOut} is as it was\n`);
    return 1;
  }
  progress.end();
  const { files, manifest } = pulledFiles(pulled, {
    kind: 'IscTenantPull',
    tenant: new URL(baseUrl).host,
    pulledAt: now.toISOString(),
    isc_plan: io.version,
    sdk: reader.SDK,
    ...(since !== undefined ? { activitiesSince: since } : {}),
    ...(args.sources.length > 0 ? { sourcesLimitedTo: args.sources } : {}),
  });
  const changes = changesSince(folder, files);
  if (changes) manifest.changes = changes;
  files[PULLED_FILES.manifest] = manifest as unknown as (typeof files)[string];
  writeAndSwap(folder, files);
  io.stdout(summary(shownOut, manifest, changes ? describeChanges(changes) : undefined));
  return 0;
}

function summary(
  out: string,
  manifest: ReturnType<typeof pulledFiles>['manifest'],
  changes: string[] | undefined,
): string {
  const c = manifest.counts;
  const lines = [
    `Pulled ${manifest.tenant} into ${out}/: ${c['sources']} sources, ${c['serviceDeskIntegrations']} service desk integrations, ` +
      `${c['accountSchemas']} account schemas, ${c['aggregationSchedules']} aggregation schedules` +
      (c['accountActivities'] !== undefined ? `, ${c['accountActivities']} account activities` : '') +
      ` (API ${manifest.apiVersions.join(', ')}).`,
  ];
  if (manifest.droppedAsSecret.length > 0) {
    lines.push(
      `Not written, as they look like secrets: ${manifest.droppedAsSecret.length} attribute values (names in ${out}/${PULLED_FILES.manifest}).`,
    );
  }
  if (changes) lines.push('Since the last pull:', ...changes.map((line) => `  ${line}`));
  lines.push(
    'Plans use it with:',
    '  catalog:',
    ...CATALOG_FILES.map((name) => `    - ${path.posix.join(out.split(path.sep).join('/'), name)}`),
  );
  return `${lines.join('\n')}\n`;
}
