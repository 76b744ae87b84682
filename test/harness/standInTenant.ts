import * as fs from 'fs';
import * as http from 'http';
import yaml from 'js-yaml';
import type { AddressInfo } from 'net';
import * as path from 'path';
import type { IHttpOperation } from '@stoplight/types';
import { DiagnosticSeverity } from '@stoplight/types';
import { createLogger } from '@stoplight/prism-core';
import type { IHttpRequest, IHttpResponse, PrismHttpInstance } from '@stoplight/prism-http';
import { createInstance, getHttpOperationsFromSpec } from '@stoplight/prism-http';
import { REPO_ROOT } from '../repoPaths';
import type { TenantData } from './tenantFixtures';
import { generateTenant } from './tenantFixtures';

/**
 * A stand-in ISC tenant on 127.0.0.1: Stoplight Prism validates every request against
 * test/fixtures/tenant/openapi.yaml (SailPoint's own API specification, the operations a pull
 * uses) and checks it carries a bearer token; the answers come from the generated tenant
 * (tenantFixtures.ts), paged as ISC pages (`limit`, `offset`, `X-Total-Count`), and Prism checks
 * them against the document too. Operations without fixture data answer with the document's
 * examples. Faults for tests: 429s, missing scopes, a dropped connection, no answer at all.
 */

export const OPENAPI_DOCUMENT = path.join(REPO_ROOT, 'test', 'fixtures', 'tenant', 'openapi.yaml');

export interface Faults {
  /** Answer 429 with this Retry-After (seconds) to the first `times` requests whose path starts with `path`. */
  tooManyRequests?: { path: string; times: number; retryAfter: string };
  /** The scopes the token carries; an operation needing another answers 403 (default: all). */
  scopes?: string[];
  /** Destroy the socket of every request for `path` from `offset` on. */
  drop?: { path: string; fromOffset: number };
  /** Never answer requests whose path starts with this. */
  hang?: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
}

export interface StandInTenant {
  url: string;
  clientId: string;
  clientSecret: string;
  data: TenantData;
  requests: RecordedRequest[];
  /** Answers the document's schema did not allow (each `METHOD path: message`); a faithful stand-in has none. */
  invalidAnswers: string[];
  faults: Faults;
  close(): Promise<void>;
}

const logger = createLogger('stand-in-tenant', { level: 'silent' });

function right<T>(value: T): { _tag: 'Right'; right: T } {
  // fp-ts' Either, which Prism's components return.
  return { _tag: 'Right', right: value };
}

/** `METHOD path` -> the scope an operation needs: the first `:read` scope of its security in the document. */
function neededScopes(document: {
  paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
}): Map<string, string> {
  const scopes = new Map<string, string>();
  for (const [route, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const all = (operation.security ?? []).flatMap((requirement) => Object.values(requirement).flat());
      const scope = all.find((s) => s.endsWith(':read')) ?? all[0];
      if (scope) scopes.set(`${method.toUpperCase()} ${route}`, scope);
    }
  }
  return scopes;
}

function page<T>(all: readonly T[], query: Record<string, string | string[]>): { body: T[]; total: number } {
  const one = (key: string): string | undefined => {
    const value = query[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const offset = Number(one('offset') ?? 0);
  const limit = Number(one('limit') ?? 250);
  return { body: all.slice(offset, offset + limit), total: all.length };
}

function createdSince(
  activities: TenantData['accountActivities'],
  filters: string | undefined,
): TenantData['accountActivities'] {
  const since = /^created ge (\S+)$/.exec(filters ?? '')?.[1];
  if (!since) return activities;
  const from = Date.parse(since);
  return activities.filter((a) => Date.parse(a['created'] as string) >= from);
}

/** The fixture answer for an operation, or undefined to let Prism answer from the document's examples. */
function fixtureAnswer(
  data: TenantData,
  operation: IHttpOperation,
  request: IHttpRequest,
): IHttpResponse | undefined {
  const query = (request.url.query ?? {}) as Record<string, string | string[]>;
  const json = (body: unknown, total?: number): IHttpResponse => ({
    statusCode: 200,
    headers: {
      'content-type': 'application/json',
      ...(total !== undefined ? { 'x-total-count': String(total) } : {}),
    },
    body,
  });
  const sourceId = /^\/v\d+\/sources\/([^/]+)\//.exec(request.url.path)?.[1] ?? '';
  switch (operation.path) {
    case '/v3/sources': {
      const { body, total } = page(data.sources, query);
      return json(body, query['count'] === 'true' ? total : undefined);
    }
    case '/v3/sources/{sourceId}/schemas':
      return data.schemas[sourceId]
        ? json(data.schemas[sourceId])
        : { statusCode: 404, body: { detailCode: '404 Not found', messages: [] } };
    case '/v2024/sources/{sourceId}/schedules':
      return data.schedules[sourceId]
        ? json(data.schedules[sourceId])
        : { statusCode: 404, body: { detailCode: '404 Not found', messages: [] } };
    case '/v3/service-desk-integrations':
      return json(page(data.serviceDeskIntegrations, query).body);
    case '/v3/service-desk-integrations/status-check-configuration':
      return json(data.statusCheck);
    case '/v3/account-activities': {
      const filters = Array.isArray(query['filters']) ? query['filters'][0] : query['filters'];
      const { body, total } = page(createdSince(data.accountActivities, filters), query);
      return json(body, query['count'] === 'true' ? total : undefined);
    }
    default:
      return undefined;
  }
}

/** Parses the SDK's token request (multipart/form-data, or a URL-encoded form). */
function formFields(body: string, contentType: string): Record<string, string> {
  const fields: Record<string, string> = {};
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (boundary) {
    for (const part of body.split(`--${boundary[1] ?? boundary[2]}`)) {
      const match = /name="([^"]+)"\r?\n\r?\n([\s\S]*?)\r?\n$/.exec(part);
      if (match) fields[match[1]!] = match[2]!;
    }
    return fields;
  }
  for (const [key, value] of new URLSearchParams(body)) fields[key] = value;
  return fields;
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: http.ServerResponse, answer: IHttpResponse): void {
  const body =
    answer.body === undefined
      ? ''
      : typeof answer.body === 'string'
        ? answer.body
        : JSON.stringify(answer.body);
  const headers: Record<string, string> = { ...(answer.headers ?? {}) };
  if (body !== '' && !headers['content-type']) headers['content-type'] = 'application/json';
  response.writeHead(answer.statusCode, headers);
  response.end(body);
}

/** ISC's error body (ErrorResponseDto). */
function iscError(status: number, detailCode: string, text: string): IHttpResponse {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json' },
    body: {
      detailCode,
      trackingId: 'stand-in',
      messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }],
    },
  };
}

class Tenant {
  readonly requests: RecordedRequest[] = [];
  readonly invalidAnswers: string[] = [];
  faults: Faults = {};
  private tokens = 0;
  private readonly tokenScopes = new Map<string, string[] | undefined>();
  private tooManySent = 0;

  constructor(
    readonly data: TenantData,
    readonly clientId: string,
    readonly clientSecret: string,
    private readonly prism: PrismHttpInstance,
    private readonly operations: IHttpOperation[],
    private readonly scopes: Map<string, string>,
  ) {}

  async handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const method = (request.method ?? 'GET').toUpperCase();
    this.requests.push({ method, path: url.pathname });
    const body = await readBody(request);
    const faults = this.faults;
    if (faults.hang && url.pathname.startsWith(faults.hang)) return;
    if (
      faults.drop &&
      url.pathname.startsWith(faults.drop.path) &&
      Number(url.searchParams.get('offset') ?? 0) >= faults.drop.fromOffset
    ) {
      request.socket.destroy();
      return;
    }
    const tooMany = faults.tooManyRequests;
    if (tooMany && url.pathname.startsWith(tooMany.path) && this.tooManySent < tooMany.times) {
      this.tooManySent++;
      // components.responses.429 of the API specification.
      send(response, {
        statusCode: 429,
        body: { message: ' Rate Limit Exceeded ' },
        headers: { 'content-type': 'application/json', 'retry-after': tooMany.retryAfter },
      });
      return;
    }
    const query: Record<string, string | string[]> = {};
    for (const key of new Set(url.searchParams.keys())) {
      const values = url.searchParams.getAll(key);
      query[key] = values.length === 1 ? values[0]! : values;
    }
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') headers[key] = value;
    }
    const contentType = headers['content-type'] ?? '';
    const input: IHttpRequest = {
      method: method.toLowerCase() as IHttpRequest['method'],
      url: { path: url.pathname, query },
      headers,
      ...(body !== '' ? { body } : {}),
    };
    send(
      response,
      await this.answer(input, url.pathname === '/oauth/token' ? formFields(body, contentType) : undefined),
    );
  }

  private async answer(
    input: IHttpRequest,
    form: Record<string, string> | undefined,
  ): Promise<IHttpResponse> {
    const result = await this.prism.request(input, this.operations)();
    if (result._tag === 'Left') {
      // Prism's problem+json: no such operation (404, 405) or a request the document does not allow (422).
      const problem = result.left as Error & { status?: number; detail?: string; additional?: unknown };
      return {
        statusCode: problem.status ?? 404,
        body: { title: problem.message, detail: problem.detail, ...(problem.additional as object) },
      };
    }
    const { output, validations } = result.right;
    if (validations.input.some((v) => v.severity === DiagnosticSeverity.Error)) return output;
    for (const problem of validations.output.filter((v) => v.severity === DiagnosticSeverity.Error)) {
      this.invalidAnswers.push(
        `${input.method.toUpperCase()} ${input.url.path}: ${problem.path?.join('.') ?? ''} ${problem.message}`,
      );
    }
    if (form) return this.token(form);
    const operation = this.operations.find(
      (op) => op.method === input.method && matches(op.path, input.url.path),
    );
    const need = operation ? this.scopes.get(`${input.method.toUpperCase()} ${operation.path}`) : undefined;
    const granted = this.tokenScopes.get((input.headers?.['authorization'] ?? '').replace(/^Bearer /i, ''));
    if (need && granted && !granted.includes(need)) {
      return iscError(403, '403 Forbidden', 'The server understood the request but refuses to authorize it.');
    }
    return output;
  }

  private token(fields: Record<string, string>): IHttpResponse {
    if (fields['client_id'] !== this.clientId || fields['client_secret'] !== this.clientSecret) {
      return {
        statusCode: 401,
        headers: { 'content-type': 'application/json' },
        body: { error: 'invalid_client', error_description: 'Bad credentials' },
      };
    }
    const token = `stand-in-token-${++this.tokens}`;
    this.tokenScopes.set(token, this.faults.scopes);
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json' },
      body: { access_token: token, token_type: 'bearer', expires_in: 749, scope: 'sp:scopes:all' },
    };
  }

  /** The fixture layer inside Prism: Prism routes and validates; this answers from the generated tenant. */
  mock(fallback: PrismMock): PrismMock {
    return (opts) => {
      if (opts.input.validations.some((v) => v.severity === DiagnosticSeverity.Error)) return fallback(opts);
      const answer = fixtureAnswer(this.data, opts.resource, opts.input.data);
      return answer ? () => right(answer) : fallback(opts);
    };
  }
}

type PrismMock = NonNullable<Parameters<typeof createInstance>[1]['mock']>;

function matches(template: string, actual: string): boolean {
  const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
  return pattern.test(actual);
}

/**
 * Starts a stand-in tenant on a free port of 127.0.0.1. `activityCount` account activities
 * (default 3000), the generator's `seed` (default 1).
 */
export async function startStandInTenant(
  options: { seed?: number; activityCount?: number } = {},
): Promise<StandInTenant> {
  const document = yaml.load(fs.readFileSync(OPENAPI_DOCUMENT, 'utf8')) as Parameters<typeof neededScopes>[0];
  const operations = await getHttpOperationsFromSpec(OPENAPI_DOCUMENT);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- Prism's default mocker, which the fixture layer falls back on
  const defaultMock = (require('@stoplight/prism-http/dist/mocker') as { default: PrismMock }).default;
  const data = generateTenant(options.seed ?? 1, undefined, options.activityCount ?? 3000);
  const holder: { tenant?: Tenant } = {};
  const config = {
    checkSecurity: true,
    validateRequest: true,
    validateResponse: true,
    errors: false,
    upstreamProxy: undefined,
    isProxy: false as const,
    mock: { dynamic: false },
  };
  const prism = createInstance(config, { logger, mock: (opts) => holder.tenant!.mock(defaultMock)(opts) });
  const tenant = new Tenant(
    data,
    'stand-in-client',
    `stand-in-secret-${data.secrets.length}`,
    prism,
    operations,
    neededScopes(document),
  );
  const server = http.createServer((request, response) => {
    tenant
      .handle(request, response)
      .catch((error: unknown) => send(response, iscError(500, '500 Internal Server Error', String(error))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  holder.tenant = tenant;
  const self = tenant;
  return {
    url: `http://127.0.0.1:${port}`,
    clientId: self.clientId,
    clientSecret: self.clientSecret,
    data,
    requests: self.requests,
    invalidAnswers: self.invalidAnswers,
    get faults() {
      return self.faults;
    },
    set faults(value: Faults) {
      self.faults = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
