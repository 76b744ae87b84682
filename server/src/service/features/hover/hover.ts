import type { CatalogSource, MergedCatalog, ServiceDeskIntegration } from '../../catalog/types';
import type { ParsedDocument } from '../../document/sourceFile';
import type { PlanDocument } from '../../document/planDocument';
import type { RequestPrediction } from '../../../../../shared/prediction';
import type { SchemaAt } from '../../schema/schemaPath';
import { describeSchema, enumOf, schemaAtPath } from '../../schema/schemaPath';
import type { NodeHit, ValueNode } from '../../syntax/ast';
import { nodeAt, stringOf } from '../../syntax/ast';
import { cronHover, statusMapValueHover } from './hoverTexts';
import { UPLOAD_REASON, isFlatFileSource } from '../../catalog/fileSource';
import { code, escapeMarkdown } from '../../text/markdown';
import { predictionMarkdown } from './predictionMarkdown';
import { schemaRootFor } from '../../document/schemaRoot';
import { secretValueHover } from './secretHover';

/** A hover: markdown, and the offsets it is about. */
export interface HoverResult {
  markdown: string;
  start: number;
  end: number;
}

/** What a hover may need beyond the document: the catalogs, the predictions, the time. */
export interface HoverContext {
  catalogOf(doc: PlanDocument): MergedCatalog | undefined;
  predictionOf(doc: PlanDocument, requestIndex: number): RequestPrediction | undefined;
  /** Epoch milliseconds, for "next runs" of schedules. */
  now: number;
}

/** The hover at an offset of a document: keys and values explain themselves; requests show their prediction. */
export function hoverAt(doc: ParsedDocument, offset: number, ctx: HoverContext): HoverResult | undefined {
  const root = doc.syntax.root;
  const hit = nodeAt(root, offset);
  if (!root || !hit) return undefined;
  if (doc.kind === 'plan') {
    const request = requestHover(doc, hit, offset, ctx);
    if (request) return request;
    const secret = hit.onKey ? undefined : secretValueHover(doc, hit, offset, ctx.catalogOf(doc));
    if (secret) return secret;
  }
  const schemaRoot = schemaRootFor(doc);
  if (!schemaRoot) return undefined;
  const path = schemaRoot.strip(hit.path);
  const at = path ? schemaAtPath(schemaRoot.id, path) : undefined;
  if (hit.onKey) {
    if (!at) return undefined;
    return {
      markdown: keyMarkdown(String(hit.node.kind === 'scalar' ? hit.node.value : ''), at),
      start: hit.node.start,
      end: hit.node.end,
    };
  }
  return valueHover(doc, hit, at, ctx);
}

function keyMarkdown(key: string, at: SchemaAt): string {
  const title = typeof at.schema.title === 'string' ? at.schema.title : key;
  return [`**${escapeMarkdown(title)}** (${code(key)})`, describeSchema(at) ?? '']
    .filter((s) => s !== '')
    .join('\n\n');
}

function valueHover(
  doc: ParsedDocument,
  hit: NodeHit,
  at: SchemaAt | undefined,
  ctx: HoverContext,
): HoverResult | undefined {
  const node = hit.node;
  const key = hit.pair ? String(hit.pair.key.value) : undefined;
  const text = stringOf(node);
  const range = { start: node.start, end: node.end };
  if (node.kind !== 'scalar' || text === undefined) return undefined;
  const parentKey = hit.path[hit.path.length - 2];
  if (key === 'schedule' && doc.kind !== 'other') {
    const zone = doc.kind === 'catalog' ? doc.content?.timeZone : undefined;
    return { markdown: cronHover(text, zone ?? 'UTC', ctx.now), ...range };
  }
  if (parentKey === 'statusMap' || (hit.path.length >= 2 && hit.path[hit.path.length - 2] === 'statusMap')) {
    return { markdown: statusMapValueHover(text), ...range };
  }
  if (at) {
    const values = enumOf(at);
    const index = values?.values.indexOf(text) ?? -1;
    if (values && index >= 0) {
      const description = values.descriptions[index] ?? '';
      return {
        markdown: [`${code(text)}`, description, contextLine(at)].filter((s) => s !== '').join('\n\n'),
        ...range,
      };
    }
  }
  if (doc.kind === 'plan') {
    const catalog = ctx.catalogOf(doc);
    if (key === 'integration') {
      const sdim = catalog?.findIntegration(text);
      if (sdim) return { markdown: integrationMarkdown(sdim), ...range };
    }
  }
  if (!at) return undefined;
  const title = typeof at.schema.title === 'string' ? `**${escapeMarkdown(at.schema.title)}**\n\n` : '';
  const description = describeSchema(at);
  return description ? { markdown: `${title}${description}`, ...range } : undefined;
}

function contextLine(at: SchemaAt): string {
  const title = typeof at.schema.title === 'string' ? at.schema.title : undefined;
  return title ? `_${escapeMarkdown(title)}_` : '';
}

/** Hovering a request's `- `, its source or its operation shows the request's prediction. */
function requestHover(
  doc: PlanDocument,
  hit: NodeHit,
  offset: number,
  ctx: HoverContext,
): HoverResult | undefined {
  const index = requestIndexOf(doc, hit, offset);
  if (index === undefined) return undefined;
  const state = doc.requests[index];
  if (!state?.decision) return undefined;
  const key = hit.pair ? String(hit.pair.key.value) : undefined;
  const onMarker = hit.node === doc.requestsNode;
  const onField = hit.path.length === 3 && (key === 'source' || key === 'operation') && !hit.onKey;
  if (!onMarker && !onField) return undefined;
  const parts: string[] = [];
  if (key === 'source' && onField && state.decision.source) parts.push(sourceMarkdown(state.decision.source));
  parts.push(predictionMarkdown(state.decision, ctx.predictionOf(doc, index)));
  const node: ValueNode = hit.node;
  return {
    markdown: parts.join('\n\n---\n\n'),
    start: onMarker ? offset : node.start,
    end: onMarker ? offset + 1 : node.end,
  };
}

function requestIndexOf(doc: PlanDocument, hit: NodeHit, offset: number): number | undefined {
  if (hit.path[0] !== 'accountRequests') return undefined;
  if (typeof hit.path[1] === 'number') return hit.path[1];
  if (hit.node !== doc.requestsNode || !doc.requestsNode) return undefined;
  // On the "- " marker: the request whose content starts after it on the same line.
  const items = doc.requestsNode.items;
  const next = items.findIndex((item) => item.start > offset);
  const candidate = next === -1 ? undefined : next;
  return candidate !== undefined && items[candidate]!.start - offset <= 2 ? candidate : undefined;
}

/** What a catalog says about a source, in a few lines. */
export function sourceMarkdown(source: CatalogSource): string {
  const lines = [
    `**${escapeMarkdown(source.name)}**${source.type ? ` · ${escapeMarkdown(source.type)}` : ''}${source.connectionType ? ` · connectionType ${code(source.connectionType)}` : ''}`,
  ];
  lines.push(`Features: ${source.features.length > 0 ? source.features.map(code).join(', ') : '_none_'}`);
  lines.push(
    `Owner: ${source.owner ? escapeMarkdown(source.owner.name) : '_none: nobody would receive a manual work item_'}`,
  );
  const schedule = source.aggregation?.schedule;
  const file = isFlatFileSource(source);
  const missing = file
    ? `_not given: a flat-file source is aggregated when someone uploads a file (${UPLOAD_REASON})_`
    : '_not given (the prediction assumes daily at 02:00)_';
  lines.push(
    `Aggregation: ${schedule ? code(schedule) : missing}${schedule && file ? ' (read as the upload cadence)' : ''}`,
  );
  const files = [...new Set(source.origins.map((o) => o.file.split(/[\\/]/).pop() ?? o.file))];
  if (files.length > 0) lines.push(`_From ${files.map(escapeMarkdown).join(', ')}_`);
  return lines.join('  \n');
}

function integrationMarkdown(sdim: ServiceDeskIntegration): string {
  const manages = sdim.universalManager
    ? "every source no connector provisions (universal manager; isc-plan's reading: it replaces manual work items, an assumption)"
    : sdim.managedSources.map(escapeMarkdown).join(', ') || '_no source_';
  const lines = [
    `**${escapeMarkdown(sdim.name)}** · service desk integration${sdim.type ? ` (${escapeMarkdown(sdim.type)})` : ''}`,
    `Manages: ${manages}`,
  ];
  if (sdim.statusMap) {
    lines.push(
      `Status map: ${Object.entries(sdim.statusMap)
        .map(([k, v]) => `${code(k)} → ${escapeMarkdown(v)}`)
        .join(', ')}`,
    );
  }
  lines.push(
    "ISC creates a ticket and only sees its status at its status checks (the model's reading); a closed ticket does not prove the access exists (verification comes with the next aggregation).",
  );
  return lines.join('  \n');
}
