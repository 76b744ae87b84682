import type { CatalogSource } from '../catalog/types';
import type { Finding } from '../findings/finding';
import { changeTo, finding } from '../findings/finding';
import type { AccountRequestView, AttributeRequestView } from '../request/accountRequestView';
import type { PlainValue } from '../syntax/ast';
import { closest } from '../text/closest';

/** `unknown-attribute`, `add-to-single-valued` and `conflicting-attribute-requests` for one request. */
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
            `${source.name}'s account schema has no attribute "${name.value}"${suggestion ? `; did you mean "${suggestion}"?` : '.'} The connector would reject or ignore it.`,
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
  findings.push(...conflictingAttributes(view.attributeRequests));
  return findings;
}

function valuesOf(value: PlainValue): string[] {
  if (Array.isArray(value)) return value.map((v) => JSON.stringify(v));
  return value === null ? [] : [JSON.stringify(value)];
}

/** The same value both added and removed, or Set twice to different values, in one request. */
function conflictingAttributes(attributes: readonly AttributeRequestView[]): Finding[] {
  const findings: Finding[] = [];
  const added = new Map<string, Set<string>>();
  const removed = new Map<string, Set<string>>();
  const set = new Map<string, string>();
  for (const attribute of attributes) {
    const name = attribute.name?.value;
    const op = attribute.operation?.value;
    if (!name || !op || !attribute.name) continue;
    const values = valuesOf(attribute.value);
    const place = attribute.operation!.node;
    if (op === 'Set') {
      const text = JSON.stringify(attribute.value);
      const earlier = set.get(name);
      if (earlier !== undefined && earlier !== text) {
        findings.push(
          finding(
            'conflicting-attribute-requests',
            place.start,
            place.end,
            `"${name}" is Set twice in this request to different values (${earlier} and ${text}); only one can win. Keep one Set.`,
          ),
        );
      }
      set.set(name, text);
      continue;
    }
    const mine = op === 'Add' ? added : op === 'Remove' ? removed : undefined;
    const other = op === 'Add' ? removed : added;
    if (!mine) continue;
    const clash = values.filter((v) => other.get(name)?.has(v));
    if (clash.length > 0) {
      findings.push(
        finding(
          'conflicting-attribute-requests',
          place.start,
          place.end,
          `${clash.join(', ')} is both added to and removed from "${name}" in this request; ISC cannot do both. Keep one of them.`,
        ),
      );
    }
    const bucket = mine.get(name) ?? new Set<string>();
    for (const v of values) bucket.add(v);
    mine.set(name, bucket);
  }
  return findings;
}
