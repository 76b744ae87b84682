import type { MergedCatalog } from '../catalog/types';
import type { ChannelDecision } from '../channel/decideChannel';
import { OPERATIONS } from '../channel/decideChannel';
import { featureReading } from '../channel/fallback';
import type { Finding, FixData } from '../findings/finding';
import { changeTo, finding } from '../findings/finding';
import type { AccountRequestView } from '../request/accountRequestView';
import { closest } from '../text/closest';
import { attributeRules } from './attributeRules';

/** Everything a request rule may read. */
export interface RequestContext {
  view: AccountRequestView;
  decision: ChannelDecision;
  /** The merged catalogs of the plan; undefined when the plan has none (`no-catalog` reports that once). */
  catalog: MergedCatalog | undefined;
}

/** The request-level rules of docs/rules.md#request-rules, in a fixed order. */
export function requestRules(ctx: RequestContext): Finding[] {
  return [
    ...unknownSource(ctx),
    ...missingNativeIdentity(ctx),
    ...routing(ctx),
    ...channelMismatch(ctx),
    ...integrationMismatch(ctx),
    ...attributeRules(ctx.view, ctx.decision.source),
    ...deleteAccount(ctx),
    ...noVerification(ctx),
  ];
}

function unknownSource({ view, decision, catalog }: RequestContext): Finding[] {
  if (!catalog || !view.source || decision.source) return [];
  const names = catalog.sources.map((s) => s.name);
  const suggestion = closest(view.source.value, names);
  const add = "add the source to a catalog or to the plan's inline sources";
  const next = suggestion
    ? `Did you mean "${suggestion}"? If not, ${add}.`
    : `Write the source's name exactly as in ISC, or ${add}.`;
  const files = catalog.files.length > 0 ? ` (catalogs: ${catalog.files.map(baseName).join(', ')})` : '';
  const fixes: FixData[] = [];
  if (suggestion) {
    fixes.push(changeTo(view.source.node, suggestion));
  }
  fixes.push({
    kind: 'catalog-stub' as const,
    title: `Add "${view.source.value}" to the plan's inline sources`,
    sourceName: view.source.value,
  });
  return [
    finding(
      'unknown-source',
      view.source.node.start,
      view.source.node.end,
      `No loaded catalog has a source named "${view.source.value}"${files}, so ISC's channel for this request cannot be predicted. ${next}`,
      fixes,
    ),
  ];
}

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

function missingNativeIdentity({ view }: RequestContext): Finding[] {
  const operation = view.operation;
  if (!operation || operation.value === 'Create' || view.nativeIdentity) return [];
  // An operation ISC does not have is reported by the schema alone: one cause, one message.
  if (!(OPERATIONS as readonly string[]).includes(operation.value)) return [];
  const last = view.node.pairs[view.node.pairs.length - 1]!;
  const after = last.value ? last.value.end : last.key.end;
  return [
    finding(
      'missing-native-identity',
      operation.node.start,
      operation.node.end,
      `${operation.value} needs nativeIdentity: ISC must know which existing account to change (only Create makes a new one). Add the account's native identity, e.g. its DN or user name on the source.`,
      [
        {
          kind: 'insert-key',
          title: 'Add a nativeIdentity placeholder',
          after,
          anchor: view.node.pairs[0]!.key.start,
          key: 'nativeIdentity',
          value: 'TODO-account-id',
        },
      ],
    ),
  ];
}

function routing(ctx: RequestContext): Finding[] {
  const { view, decision } = ctx;
  const findings: Finding[] = [...lockRule(ctx), ...passwordRule(ctx), ...fallbackRule(ctx)];
  const source = decision.source;
  if (decision.channel === 'manual' && source && !decision.target && view.source) {
    findings.push(
      finding(
        'manual-no-assignee',
        view.source.node.start,
        view.source.node.end,
        `${source.name} has no owner, so nobody would receive the manual work item for this ${view.operation?.value ?? 'request'} (the model's assumption: ISC documents no source without owner). Set the source's owner in ISC (and in the catalog).`,
      ),
    );
  }
  return [...findings, ...splitRules(ctx)];
}

/** A Lock: ISC has no lock action and creates no task, so nothing happens (docs/isc-behaviour.md#lock-no-command). */
function lockRule({ view, decision }: RequestContext): Finding[] {
  const operation = view.operation;
  if (operation?.value !== 'Lock' || decision.channel === 'ticketing') return [];
  return [
    finding(
      'lock-not-automatable',
      operation.node.start,
      operation.node.end,
      'Nothing will happen: ISC has no lock action (no connector command locks an account) and creates no task for a Lock; accounts get locked only on the source itself. Use Disable to stop access.',
      [{ ...changeTo(operation.node, 'Disable'), title: 'Change the operation to Disable' }],
    ),
  ];
}

/** A password change ISC cannot make (channel none, docs/isc-behaviour.md#password-channel). */
function passwordRule({ view, decision }: RequestContext): Finding[] {
  if (decision.channel !== 'none' || !decision.password || !decision.source) return [];
  const attribute = view.attributeRequests.find(
    (a) => a.name?.value.toLowerCase() === 'password' && a.operation?.value !== 'Remove',
  );
  const node = attribute?.name?.node ?? view.operation?.node;
  if (!node) return [];
  return [
    finding(
      'password-not-provisionable',
      node.start,
      node.end,
      `ISC cannot change this password: ${decision.reasons[0] ?? ''} Change it on the source itself, or give the source PROVISIONING and PASSWORD if its connector can set passwords.`,
    ),
  ];
}

/** No connector provisions the request: it goes to the fallback of step 7 (a work item, or a universal SDIM's ticket). */
function fallbackRule({ view, decision }: RequestContext): Finding[] {
  const operation = view.operation;
  const fallback = decision.fallback;
  if (!operation || !fallback || decision.channel === 'unknown') return [];
  const where =
    decision.channel === 'ticketing'
      ? `ISC sends the ${operation.value} as a ticket to the universal SDIM "${decision.target ?? ''}" (isc-plan's reading of a universal SDIM). Expect the service desk's hours or days`
      : `A person will do it: ISC creates a manual work item${decision.target ? ` for ${decision.target}` : ''}${featureReading(fallback)}. Expect hours or days`;
  const verified =
    fallback.cause === 'flat-file'
      ? 'no verification until a newer file is uploaded and aggregated'
      : 'no verification until the next aggregation';
  return [
    finding(
      'routed-to-manual',
      operation.node.start,
      operation.node.end,
      `${fallback.why}. ${where}, and ${verified}.`,
    ),
  ];
}

/** The permission requests a NO_PERMISSIONS_PROVISIONING source splits off (step 8). */
function splitRules({ view, decision }: RequestContext): Finding[] {
  const findings: Finding[] = [];
  const source = decision.source;
  const key = view.permissionKey;
  if (!key || !source) return findings;
  for (const part of decision.parts) {
    const to =
      part.channel === 'ticketing'
        ? `a ticket for the universal SDIM "${part.target ?? ''}" (isc-plan's reading of a universal SDIM)`
        : `a manual work item${part.target ? ` for ${part.target}` : ''}`;
    findings.push(
      finding(
        'permissions-to-work-item',
        key.start,
        key.end,
        `${source.name} has NO_PERMISSIONS_PROVISIONING: ISC splits these permission requests off into ${to}; the rest goes to the connector (the model's reading: ISC documents only that permission requests become work items).`,
      ),
    );
    if (part.channel === 'manual' && !part.target) {
      findings.push(
        finding(
          'manual-no-assignee',
          key.start,
          key.end,
          `${source.name} has no owner, so nobody would receive the work item for these permission requests (the model's assumption). Set the source's owner.`,
        ),
      );
    }
  }
  return findings;
}

/** The request's own `channel:` differs from what ISC would use. */
function channelMismatch({ view, decision }: RequestContext): Finding[] {
  if (decision.declaredOnly || decision.channel === 'unknown') return [];
  const actual = decision.channel;
  const findings: Finding[] = [];
  if (view.channel && view.channel.value !== actual) {
    const { start, end } = view.channel.node;
    const message = `The request expects channel "${view.channel.value}", but ISC would use "${actual}": ${decision.reasons[0] ?? ''}`;
    findings.push(finding('channel-mismatch', start, end, message, [changeTo(view.channel.node, actual)]));
  }
  return [...findings, ...misplacedChannelBlocks(view, actual, decision.reasons[0] ?? '')];
}

/** A `manual:` or `ticketing:` block on a request that ISC fulfils another way. */
function misplacedChannelBlocks(view: AccountRequestView, actual: string, why: string): Finding[] {
  const findings: Finding[] = [];
  for (const [block, channel] of [
    [view.manual, 'manual'],
    [view.ticketing, 'ticketing'],
  ] as const) {
    if (!block || actual === channel) continue;
    const remove: FixData = {
      kind: 'remove',
      title: `Remove the ${channel}: block`,
      start: block.key.start,
      end: block.node?.end ?? block.key.end,
    };
    const what = channel === 'manual' ? 'a manual task' : 'a ticket';
    const message = `A ${channel}: block only applies to ${what}, but ISC would use "${actual}" for this request: ${why}`;
    findings.push(finding('channel-mismatch', block.key.start, block.key.end, message, [remove]));
  }
  return findings;
}

/** The `ticketing.integration` names no integration, or not the one that manages the source. */
function integrationMismatch({ view, decision, catalog }: RequestContext): Finding[] {
  const integration = view.ticketing?.integration;
  if (!integration || !catalog || decision.declaredOnly || decision.channel === 'unknown') return [];
  const { start, end } = integration.node;
  const named = catalog.findIntegration(integration.value);
  if (!named) {
    const names = catalog.serviceDeskIntegrations.map((s) => s.name);
    const suggestion = closest(integration.value, names);
    const did = suggestion ? ` Did you mean "${suggestion}"?` : '';
    const message = `No loaded catalog has a service desk integration named "${integration.value}".${did}`;
    const fixes = suggestion ? [changeTo(integration.node, suggestion)] : [];
    return [finding('unknown-integration', start, end, message, fixes)];
  }
  if (decision.channel !== 'ticketing' || !decision.integration || named === decision.integration) return [];
  const right = decision.integration.name;
  const message = `"${integration.value}" does not manage ${decision.source?.name ?? 'this source'}; ISC sends the ticket to "${right}".`;
  return [finding('channel-mismatch', start, end, message, [changeTo(integration.node, right)])];
}

/** Where a Delete comes from in ISC and what it needs (docs/isc-behaviour.md#delete-account). */
function deleteAccount({ view }: RequestContext): Finding[] {
  const operation = view.operation;
  if (operation?.value !== 'Delete') return [];
  return [
    finding(
      'delete-account',
      operation.node.start,
      operation.node.end,
      'ISC sends a Delete (std:account:delete on a SaaS connector) from: a lifecycle state configured to delete accounts (on connectors that support deletion; on disconnected sources ISC creates a work item instead); a Delete Account request, which needs approval (by default the source owner reviews it); or a BeforeProvisioning rule that changes the operation. Without one of these, a leaver is disabled, not deleted.',
    ),
  ];
}

/** A Modify that only sets the password: never verified by design, whatever the source's aggregation. */
function onlyPassword(view: RequestContext['view']): boolean {
  return (
    view.operation?.value === 'Modify' &&
    view.permissionRequests.length === 0 &&
    view.attributeRequests.length > 0 &&
    view.attributeRequests.every(
      (a) => a.name?.value.trim().toLowerCase() === 'password' && a.operation?.value !== 'Remove',
    )
  );
}

function noVerification({ view, decision }: RequestContext): Finding[] {
  const source = decision.source;
  if (!source || !view.source || decision.channel === 'none' || onlyPassword(view)) return [];
  const noAggregation = source.features.includes('NO_AGGREGATION');
  const none = source.aggregation?.schedule?.trim().toLowerCase() === 'none';
  if (!noAggregation && !none) return [];
  const why = noAggregation ? 'has the NO_AGGREGATION feature' : 'is never aggregated (aggregation: none)';
  return [
    finding(
      'no-verification',
      view.source.node.start,
      view.source.node.end,
      `${source.name} ${why}, so ISC can never verify this request: the item ends as UNVERIFIABLE ("Not Verifiable") even when the change was made (the model's reading: verification is by aggregation). Check the result on the source itself.`,
    ),
  ];
}
