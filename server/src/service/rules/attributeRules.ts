import type { CatalogSource } from '../catalog/types';
import type { Finding } from '../findings/finding';
import { changeTo, finding } from '../findings/finding';
import type { AccountRequestView, AttributeRequestView } from '../request/accountRequestView';
import type { PlainValue } from '../syntax/ast';
import { closest } from '../text/closest';
import { shownValue } from '../catalog/secrets';
import { plaintextSecrets } from './secretRules';

/** `unknown-attribute`, `add-to-single-valued`, `conflicting-attribute-requests` and `plaintext-secret` for one request. */
export function attributeRules(view: AccountRequestView, source: CatalogSource | undefined): Finding[] {
  const findings: Finding[] = [];
  const schema = source?.accountSchema?.attributes;
  if (schema && source) {
    const names = schema.map((a) => a.name);
    for (const attribute of view.attributeRequests) {
      const name = attribute.name;
      if (!name) continue;
      const known = schema.find((a) => a.name === name.value);
      if (!known) {
        const suggestion = closest(name.value, names);
        findings.push(
          finding(
            'unknown-attribute',
            name.node.start,
            name.node.end,
            `${source.name}'s account schema has no attribute "${name.value}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} The connector would reject or ignore it (connector-dependent: the model's assumption).`,
            suggestion ? [changeTo(name.node, suggestion)] : [],
          ),
        );
      } else if (!known.multi && attribute.operation?.value === 'Add') {
        const op = attribute.operation;
        findings.push(
          finding(
            'add-to-single-valued',
            op.node.start,
            op.node.end,
            `"${name.value}" is single-valued on ${source.name}: ISC uses Add for multi-valued attributes; use Set to replace the value.`,
            [
              {
                kind: 'replace',
                title: 'Change Add to Set',
                start: op.node.start,
                end: op.node.end,
                text: 'Set',
              },
            ],
          ),
        );
      }
    }
  }
  findings.push(...conflictingAttributes(view.attributeRequests, source));
  findings.push(...plaintextSecrets(view, source));
  return findings;
}

function valuesOf(value: PlainValue): string[] {
  if (Array.isArray(value)) return value.map((v) => JSON.stringify(v));
  return value === null ? [] : [JSON.stringify(value)];
}

/** A value as a message quotes it (JSON text), masked when the attribute is secret. */
function quoted(name: string, value: unknown, source: CatalogSource | undefined): string {
  return JSON.stringify(shownValue(name, value, source));
}

/** The same value both added and removed, or Set twice to different values, in one request. */
function conflictingAttributes(
  attributes: readonly AttributeRequestView[],
  source: CatalogSource | undefined,
): Finding[] {
  const findings: Finding[] = [];
  const added = new Map<string, Set<string>>();
  const removed = new Map<string, Set<string>>();
  const set = new Map<string, { text: string; value: PlainValue }>();
  for (const attribute of attributes) {
    const name = attribute.name?.value;
    const op = attribute.operation?.value;
    if (!name || !op || !attribute.name) continue;
    const values = valuesOf(attribute.value);
    const place = attribute.operation!.node;
    if (op === 'Set') {
      const text = JSON.stringify(attribute.value);
      const earlier = set.get(name);
      if (earlier !== undefined && earlier.text !== text) {
        const values = `${quoted(name, earlier.value, source)} and ${quoted(name, attribute.value, source)}`;
        findings.push(
          finding(
            'conflicting-attribute-requests',
            place.start,
            place.end,
            `"${name}" is Set twice in this request to different values (${values}); only one can win. Keep one Set.`,
          ),
        );
      }
      set.set(name, { text, value: attribute.value });
      continue;
    }
    const mine = op === 'Add' ? added : op === 'Remove' ? removed : undefined;
    const other = op === 'Add' ? removed : added;
    if (!mine) continue;
    const clash = values.filter((v) => other.get(name)?.has(v));
    if (clash.length > 0) {
      const shown = clash.map((v) => quoted(name, JSON.parse(v), source));
      findings.push(
        finding(
          'conflicting-attribute-requests',
          place.start,
          place.end,
          `${shown.join(', ')} is both added to and removed from "${name}" in this request; ISC cannot do both (the model's assumption: ISC documents no order for them). Keep one of them.`,
        ),
      );
    }
    const bucket = mine.get(name) ?? new Set<string>();
    for (const v of values) bucket.add(v);
    mine.set(name, bucket);
  }
  return findings;
}
