/**
 * The messages of a failed pull (docs/formats.md#pull). They name what was being read, the
 * host and the reason, never a credential: nothing of the request (headers, body, the token) is
 * ever put into a message.
 */

/** A failure of `isc-plan pull` with a message fit for the user. */
export class PullError extends Error {
  override readonly name = 'PullError';
}

/** What a request was reading: for the message, and the operation that the scope table knows. */
export interface Call {
  /** e.g. `the sources`. */
  what: string;
  /** `METHOD /version/path` as in the API specification. */
  operation: string;
}

/**
 * The read scope each operation needs, from its `security` in SailPoint's API specification
 * (docs/isc-behaviour.md#api-scopes). Account activities name no scope of their own there.
 */
export const READ_SCOPES: Readonly<Record<string, string>> = {
  'GET /v3/sources': 'idn:sources:read',
  'GET /v3/sources/{sourceId}/schemas': 'idn:source-schema:read',
  'GET /v2024/sources/{sourceId}/schedules': 'idn:sources:read',
  'GET /v3/service-desk-integrations': 'idn:service-desk-integration:read',
  'GET /v3/service-desk-integrations/status-check-configuration': 'idn:service-desk-integration:read',
  'GET /v3/account-activities': 'sp:scopes:all',
};

interface HttpFailure {
  code?: string;
  message?: string;
  response?: { status: number };
}

function asFailure(error: unknown): HttpFailure {
  return typeof error === 'object' && error !== null ? error : {};
}

/** The message for a failed request (axios' error, or anything the SDK threw instead). */
export function describeFailure(error: unknown, call: Call, baseUrl: string): PullError {
  if (error instanceof PullError) return error;
  const host = hostOf(baseUrl);
  const failure = asFailure(error);
  const status = failure.response?.status;
  const reading = `reading ${call.what} (${call.operation})`;
  if (status === 401) {
    return new PullError(
      call.operation.includes('/oauth/token')
        ? `${host} refused the client credentials (401): check SAIL_CLIENT_ID and SAIL_CLIENT_SECRET, and that the API client is enabled`
        : `${host} refused the access token (401) ${reading}: the token expired or was revoked; pull again`,
    );
  }
  if (status === 403) {
    const scope = READ_SCOPES[call.operation];
    const need = scope ? `the API client lacks the scope ${scope}` : 'the API client lacks a scope it needs';
    return new PullError(
      `${host} forbade ${reading} (403): ${need}; add it to the API client in ISC and pull again`,
    );
  }
  if (status === 429) {
    return new PullError(`${host} kept answering 429 Too Many Requests ${reading}; try again later`);
  }
  if (status !== undefined) return new PullError(`${host} answered ${status} ${reading}`);
  return new PullError(networkMessage(failure, host, reading));
}

function networkMessage(failure: HttpFailure, host: string, reading: string): string {
  const code = failure.code ?? '';
  const text = failure.message ?? '';
  if (code === 'ERR_CANCELED') return 'the pull was cancelled';
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(text)) {
    return `${host} did not answer in time ${reading}`;
  }
  if (/ENOTFOUND|EAI_AGAIN/.test(code + text)) {
    return `cannot reach ${host}: no such host (check SAIL_BASE_URL)`;
  }
  if (/ECONNREFUSED/.test(code + text)) {
    return `cannot reach ${host}: connection refused (check SAIL_BASE_URL)`;
  }
  if (/ECONNRESET|EPIPE|socket hang up|ERR_BAD_RESPONSE/i.test(code + text)) {
    return `the connection to ${host} dropped ${reading}`;
  }
  return `cannot read from ${host} ${reading}: ${code || 'network error'}`;
}

/** The host of a base URL (never its credentials: the URL has none, but strip any to be sure). */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return (
      baseUrl
        .replace(/^[a-z]+:\/\//i, '')
        .replace(/^[^@/]*@/, '')
        .split('/')[0] ?? baseUrl
    );
  }
}
