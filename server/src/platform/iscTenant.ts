import axios from 'axios';
import type { AxiosError, AxiosInstance, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import {
  AccountActivitiesApi,
  Configuration,
  ServiceDeskIntegrationApi,
  SourcesApi,
  SourcesV2024Api,
} from 'sailpoint-api-client';
import type { IAxiosRetryConfig } from 'axios-retry';
import { describeFailure, PullError, type Call } from './iscTenantErrors';

/**
 * Reads a tenant through SailPoint's own TypeScript client, `sailpoint-api-client`
 * (docs/isc-behaviour.md#api). Read-only by construction: every request goes through an axios
 * instance that refuses any method but GET, and the one POST the SDK sends, for the access token,
 * is allowed only to `BASE/oauth/token`. Built into its own bundle (`dist/iscTenant.js`), loaded
 * only when a pull runs.
 */

/** The SDK's version, written into the manifest. */
export const SDK = 'sailpoint-api-client 1.4.15';

/** ISC's largest page for its list endpoints (the `limit` parameter's maximum). */
const PAGE = 250;

export interface PullProgress {
  /** What is being read, e.g. "sources" or "account activities". */
  step: string;
  done: number;
  /** Known when ISC said (X-Total-Count) or the number of sources is known. */
  total?: number;
}

export interface TenantPullOptions {
  /** `SAIL_BASE_URL`, e.g. `https://acme.api.identitynow.com`. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** ISO time: also read the account activities created since then. */
  activitiesSince?: string;
  /** Source names to keep (all when empty). */
  sourceNames: readonly string[];
  /** Per request, milliseconds. */
  timeoutMs: number;
  /** First back-off of a retry, doubled each time (a `Retry-After` wins). */
  backoffMs: number;
  retries: number;
  signal?: AbortSignal;
  onProgress(progress: PullProgress): void;
}

/** What a pull read: ISC's own JSON, unchanged. */
export interface PulledTenant {
  sources: unknown[];
  /** Source id -> List schemas on source. */
  schemas: Record<string, unknown[]>;
  /** Source id -> List schedules on source. */
  schedules: Record<string, unknown[]>;
  serviceDeskIntegrations: unknown[];
  statusCheck: unknown;
  accountActivities?: unknown[];
  /** `METHOD /version/path` of every operation used. */
  operations: string[];
}

const TOKEN_PATH = '/oauth/token';

/** Refuses, before it is sent, any request that is not a GET or the token POST. */
function readOnly(baseUrl: string): (config: InternalAxiosRequestConfig) => InternalAxiosRequestConfig {
  return (config) => {
    const method = (config.method ?? 'get').toUpperCase();
    const url = config.url ?? '';
    if (method === 'GET') return config;
    if (method === 'POST' && url === `${baseUrl}${TOKEN_PATH}`) return config;
    throw new PullError(`isc-plan pull only reads: it refused to send ${method} ${url.replace(baseUrl, '')}`);
  };
}

function retryAfterMs(response: AxiosResponse | undefined): number | undefined {
  const header = response?.headers['retry-after'] as string | undefined;
  if (header === undefined) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function retries(options: TenantPullOptions): IAxiosRetryConfig {
  return {
    retries: options.retries,
    shouldResetTimeout: true,
    retryCondition: (error) => {
      if (error.code === 'ERR_CANCELED' || error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
        return false;
      }
      const status = error.response?.status;
      if (status === undefined) {
        return error.code !== undefined && !/ENOTFOUND|EAI_AGAIN|ECONNREFUSED/.test(error.code);
      }
      return status === 429 || status === 502 || status === 503 || status === 504;
    },
    retryDelay: (count, error) =>
      Math.min(retryAfterMs(error.response) ?? options.backoffMs * 2 ** (count - 1), 120_000),
  };
}

/** Reads the tenant. Rejects with a {@link PullError} whose message says what failed and why. */
export async function pullTenant(options: TenantPullOptions): Promise<PulledTenant> {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const guard = readOnly(baseUrl);
  const tokenFailure: { error?: AxiosError } = {};
  // The SDK requests its token through axios' default instance: guard it and bound its wait too.
  const requestHook = axios.interceptors.request.use((config) =>
    guard({ ...config, timeout: options.timeoutMs }),
  );
  const responseHook = axios.interceptors.response.use(undefined, (error: AxiosError) => {
    tokenFailure.error = error;
    return Promise.reject(error);
  });
  try {
    const configuration = new Configuration({
      baseurl: baseUrl,
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      tokenUrl: `${baseUrl}${TOKEN_PATH}`,
    });
    configuration.retriesConfig = retries(options);
    const token = Promise.resolve(configuration.accessToken as Promise<string>);
    token.catch(() => undefined);
    try {
      await token;
    } catch (error) {
      throw describeFailure(
        tokenFailure.error ?? error,
        { what: 'the access token', operation: `POST ${TOKEN_PATH}` },
        baseUrl,
      );
    }
    return await readAll(new Reader(configuration, options, guard, baseUrl), options);
  } finally {
    axios.interceptors.request.eject(requestHook);
    axios.interceptors.response.eject(responseHook);
  }
}

/** One SDK call at a time, each through a fresh guarded axios instance (the SDK adds its retry to it). */
class Reader {
  readonly operations = new Set<string>();

  constructor(
    readonly configuration: Configuration,
    private readonly options: TenantPullOptions,
    private readonly guard: ReturnType<typeof readOnly>,
    private readonly baseUrl: string,
  ) {}

  instance(): AxiosInstance {
    const instance = axios.create({ timeout: this.options.timeoutMs, signal: this.options.signal });
    instance.interceptors.request.use(this.guard);
    return instance;
  }

  /** Runs one call; a failure becomes a PullError naming what was read. */
  async call<T>(
    call: Call,
    send: (instance: AxiosInstance) => Promise<AxiosResponse<T>>,
  ): Promise<AxiosResponse<T>> {
    this.options.signal?.throwIfAborted();
    this.operations.add(call.operation);
    try {
      return await send(this.instance());
    } catch (error) {
      throw describeFailure(error, call, this.baseUrl);
    }
  }

  /** Pages a list call (`limit`, `offset`) until a short page, reporting progress. */
  async pages(
    call: Call,
    step: string,
    send: (instance: AxiosInstance, offset: number) => Promise<AxiosResponse<unknown[]>>,
  ): Promise<unknown[]> {
    const all: unknown[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const response = await this.call(call, (instance) => send(instance, offset));
      const page = Array.isArray(response.data) ? response.data : [];
      all.push(...page);
      const total = Number(response.headers['x-total-count']);
      this.options.onProgress({
        step,
        done: all.length,
        ...(Number.isFinite(total) && total > 0 ? { total } : {}),
      });
      if (page.length < PAGE) return all;
    }
  }
}

async function readAll(reader: Reader, options: TenantPullOptions): Promise<PulledTenant> {
  const config = reader.configuration;
  const listed = await reader.pages(
    { what: 'the sources', operation: 'GET /v3/sources' },
    'sources',
    (instance, offset) =>
      new SourcesApi(config, undefined, instance).listSources({ limit: PAGE, offset, count: true }),
  );
  const sources = selectSources(listed, options.sourceNames);
  const { schemas, schedules } = await readSourceDetails(reader, sources, options);
  const sdims = (instance: AxiosInstance): ServiceDeskIntegrationApi =>
    new ServiceDeskIntegrationApi(config, undefined, instance);
  const serviceDeskIntegrations = await reader.pages(
    { what: 'the service desk integrations', operation: 'GET /v3/service-desk-integrations' },
    'service desk integrations',
    (instance, offset) => sdims(instance).getServiceDeskIntegrations({ limit: PAGE, offset }),
  );
  const statusCheck = (
    await reader.call(
      {
        what: 'the status-check configuration',
        operation: 'GET /v3/service-desk-integrations/status-check-configuration',
      },
      (instance) => sdims(instance).getStatusCheckDetails(),
    )
  ).data;
  const pulled: PulledTenant = {
    sources,
    schemas,
    schedules,
    serviceDeskIntegrations,
    statusCheck,
    operations: [],
  };
  if (options.activitiesSince !== undefined) {
    pulled.accountActivities = await readActivities(
      reader,
      options.activitiesSince,
      sources,
      options.sourceNames.length > 0,
    );
  }
  pulled.operations = [...reader.operations];
  return pulled;
}

/** The sources `--sources` names (all when it names none); an unknown name is an error. */
function selectSources(listed: unknown[], names: readonly string[]): unknown[] {
  if (names.length === 0) return listed;
  const missing = names.filter((name) => !listed.some((s) => nameOf(s) === name));
  if (missing.length > 0) {
    throw new PullError(
      `--sources: the tenant has no source named ${missing.map((n) => `"${n}"`).join(', ')}`,
    );
  }
  return listed.filter((s) => names.includes(nameOf(s)));
}

/** Each source's schemas (v3) and schedules (v2024), by source id. */
async function readSourceDetails(
  reader: Reader,
  sources: unknown[],
  options: TenantPullOptions,
): Promise<Pick<PulledTenant, 'schemas' | 'schedules'>> {
  const config = reader.configuration;
  const schemas: Record<string, unknown[]> = {};
  const schedules: Record<string, unknown[]> = {};
  let done = 0;
  for (const source of sources) {
    const id = idOf(source);
    const name = nameOf(source);
    const schemaCall = {
      what: `the schemas of source "${name}"`,
      operation: 'GET /v3/sources/{sourceId}/schemas',
    };
    const schemaList = await reader.call(schemaCall, (i) =>
      new SourcesApi(config, undefined, i).getSourceSchemas({ sourceId: id }),
    );
    schemas[id] = schemaList.data;
    const scheduleCall = {
      what: `the schedules of source "${name}"`,
      operation: 'GET /v2024/sources/{sourceId}/schedules',
    };
    const scheduleList = await reader.call(scheduleCall, (i) =>
      new SourcesV2024Api(config, undefined, i).getSourceSchedules({ sourceId: id }),
    );
    schedules[id] = scheduleList.data;
    options.onProgress({ step: 'schemas and schedules', done: ++done, total: sources.length });
  }
  return { schemas, schedules };
}

async function readActivities(
  reader: Reader,
  since: string,
  sources: unknown[],
  limited: boolean,
): Promise<unknown[]> {
  const activities = await reader.pages(
    { what: 'the account activities', operation: 'GET /v3/account-activities' },
    'account activities',
    (instance, offset) =>
      new AccountActivitiesApi(reader.configuration, undefined, instance).listAccountActivities({
        limit: PAGE,
        offset,
        count: true,
        filters: `created ge ${since}`,
        sorters: 'created',
      }),
  );
  if (!limited) return activities;
  const ids = new Set(sources.map(idOf));
  return activities.filter((activity) => itemsOf(activity).some((item) => ids.has(text(item['sourceId']))));
}

function field(record: unknown, key: string): unknown {
  return typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[key] : undefined;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function nameOf(record: unknown): string {
  return text(field(record, 'name'));
}

function idOf(record: unknown): string {
  return text(field(record, 'id'));
}

function itemsOf(activity: unknown): Record<string, unknown>[] {
  const items = field(activity, 'items');
  return Array.isArray(items)
    ? items.filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null)
    : [];
}
