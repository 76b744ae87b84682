import * as path from 'path';
import type { LspTestClient } from '../lsp/lspClient';
import { BUDGET } from './fuzzCase';

/** Helpers of the language-server families: deadlines and the probe. */

/** Thrown when the server does not answer in time: the case fails and the server is replaced. */
export class NoAnswer extends Error {}

/** `promise`, or a {@link NoAnswer} after `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NoAnswer(`no answer to ${what} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A request's answer: its result, or the error the server answered with. */
export type Answer = { result: unknown } | { error: { code: number; message: string } };

/** Sends a request and waits for its answer (a result or an error response) within the budget. */
export async function ask(
  client: LspTestClient,
  method: string,
  params: unknown,
  ms: number = BUDGET.lspAnswer,
): Promise<Answer> {
  try {
    const result = await within(client.connection.sendRequest(method, params), ms, method);
    return { result };
  } catch (error) {
    if (error instanceof NoAnswer) throw error;
    const { code, message } = error as { code?: number; message?: string };
    return { error: { code: code ?? 0, message: message ?? String(error) } };
  }
}

/** The text of the plan every server keeps open: its outline must stay the same whatever a case sends. */
export const PROBE_TEXT = `kind: ProvisioningPlan
name: Probe
identity: { name: probe }
accountRequests:
  - { source: Active Directory, operation: Modify, nativeIdentity: CN=Probe }
`;

/** The URI of the probe plan in a workspace. */
export function probeFile(root: string): string {
  return path.join(root, 'probe', 'probe.plan.yaml');
}

/**
 * The server still answers: the probe plan's outline arrives within the budget and equals `expected`
 * (what it was when the server started).
 */
export async function probe(
  client: LspTestClient,
  uri: string,
  expected: string,
): Promise<string | undefined> {
  if (!client.alive) return `the server exited (stderr: ${client.stderr.slice(-300)})`;
  const answer = await ask(client, 'textDocument/documentSymbol', { textDocument: { uri } });
  if ('error' in answer) return `the probe's outline failed: ${answer.error.message}`;
  const got = JSON.stringify(answer.result);
  return got === expected ? undefined : `the probe's outline changed: ${got.slice(0, 200)}`;
}
