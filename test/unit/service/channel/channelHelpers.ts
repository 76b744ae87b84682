import * as assert from 'node:assert/strict';
import { readCatalogDocument } from '../../../../server/src/service/catalog/read';
import { mergeCatalogs } from '../../../../server/src/service/catalog/merge';
import type { MergedCatalog } from '../../../../server/src/service/catalog/types';
import type { ChannelDecision } from '../../../../server/src/service/channel/decideChannel';
import { decideChannel } from '../../../../server/src/service/channel/decideChannel';
import { viewAccountRequest } from '../../../../server/src/service/request/accountRequestView';
import { DEFAULT_LIMITS } from '../../../../server/src/service/syntax/limits';
import { parseYamlText } from '../../../../server/src/service/syntax/yamlSyntax';
import { CATALOG } from '../../helpers';

/** The merged catalog of one YAML catalog text. */
export function catalogOf(yaml: string): MergedCatalog {
  const [doc] = parseYamlText(yaml, DEFAULT_LIMITS);
  const content = readCatalogDocument('/ws/t.sources.yaml', doc!.root);
  assert.ok(content, 'the test catalog must be recognised');
  return mergeCatalogs([content]);
}

/** Decides the channel of one request written as a YAML mapping. */
export function decide(
  request: string,
  catalog: MergedCatalog | 'no catalog' = catalogOf(CATALOG),
): ChannelDecision {
  const [doc] = parseYamlText(request, DEFAULT_LIMITS);
  const root = doc!.root;
  assert.ok(root?.kind === 'map', 'the test request must be a mapping');
  return decideChannel(viewAccountRequest(root), catalog === 'no catalog' ? undefined : catalog);
}

/** A catalog with one source `S` (owned by s.owner) that has exactly `features`. */
export function oneSource(features: string[], extra = ''): MergedCatalog {
  return catalogOf(
    `kind: SourceCatalog\nsources:\n  - { name: S, id: s-id-1, features: [${features.join(', ')}], owner: { name: s.owner } }\n${extra}`,
  );
}

export function summary(d: ChannelDecision): {
  channel: string;
  target: string | null;
  missing: string[];
  parts: number;
} {
  return { channel: d.channel, target: d.target, missing: d.missingFeatures, parts: d.parts.length };
}

/** An attribute request that sets the password. */
export const PASSWORD_SET = 'attributeRequests: [{ name: password, operation: Set, value: x }]';
