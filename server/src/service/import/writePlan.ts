/**
 * Writes imported plans as one YAML file in our format (docs/formats.md#plans), one document per record.
 * A hand-rolled writer rather than `yaml`'s `stringify`, because the comments must sit exactly
 * where a reader looks for them: what ISC recorded above the request it belongs to, the record's
 * history above `accountRequests:`, the origin at the top. Every scalar goes through `yamlString`,
 * so values read back unchanged.
 */

import type {
  AttributeValue,
  ImportedAttribute,
  ImportedFile,
  ImportedIdentity,
  ImportedPermission,
  ImportedPlan,
  ImportedRequest,
} from './importedPlan';
import { appendAll } from './importedPlan';
import { countedKind } from './recognise';
import { commentLines, yamlScalar, yamlString } from '../text/yamlText';

function identityText(identity: ImportedIdentity): string {
  const id = identity.id === undefined ? '' : `, id: ${yamlString(identity.id, { flow: true })}`;
  return `{ name: ${yamlString(identity.name, { flow: true })}${id} }`;
}

/** `value: x`, or `value:` with one `- item` line per list entry (`value: []` for an empty list). */
function valueLines(value: AttributeValue, indent: string): string[] {
  if (!Array.isArray(value)) return [`${indent}value: ${yamlScalar(value)}`];
  if (value.length === 0) return [`${indent}value: []`];
  return [`${indent}value:`, ...value.map((item) => `${indent}  - ${yamlScalar(item)}`)];
}

function attributeLines(attribute: ImportedAttribute, indent: string): string[] {
  return [
    ...attribute.comments.flatMap((comment) => commentLines(comment, indent)),
    `${indent}- name: ${yamlString(attribute.name)}`,
    `${indent}  operation: ${yamlString(attribute.operation)}`,
    ...(attribute.value === undefined ? [] : valueLines(attribute.value, `${indent}  `)),
  ];
}

function permissionLines(permission: ImportedPermission, indent: string): string[] {
  const rights =
    permission.rights.length === 0
      ? []
      : [
          `${indent}  rights: [${permission.rights.map((right) => yamlString(right, { flow: true })).join(', ')}]`,
        ];
  return [
    ...permission.comments.flatMap((comment) => commentLines(comment, indent)),
    `${indent}- target: ${yamlString(permission.target)}`,
    ...rights,
    `${indent}  operation: ${yamlString(permission.operation)}`,
  ];
}

function requestLines(request: ImportedRequest): string[] {
  // A record without a source gets no `source:` key: the plan's schema check then points at the request.
  const head = request.source === undefined ? [] : [`source: ${yamlString(request.source)}`];
  head.push(`operation: ${yamlString(request.operation)}`);
  if (request.nativeIdentity !== undefined) {
    head.push(`nativeIdentity: ${yamlString(request.nativeIdentity)}`);
  }
  const lines = [
    ...request.comments.flatMap((comment) => commentLines(comment, '  ')),
    ...head.map((line, i) => `${i === 0 ? '  - ' : '    '}${line}`),
  ];
  if (request.attributeRequests.length > 0) {
    lines.push(
      '    attributeRequests:',
      ...request.attributeRequests.flatMap((a) => attributeLines(a, '      ')),
    );
  }
  if (request.permissionRequests.length > 0) {
    lines.push(
      '    permissionRequests:',
      ...request.permissionRequests.flatMap((p) => permissionLines(p, '      ')),
    );
  }
  return lines;
}

/** `catalog: path` or `catalog: [a, b]`, paths relative to the plan file; nothing without catalogs. */
function catalogLines(catalogs: readonly string[]): string[] {
  if (catalogs.length === 0) return [];
  if (catalogs.length === 1) return [`catalog: ${yamlString(catalogs[0]!)}`];
  return [`catalog: [${catalogs.map((c) => yamlString(c, { flow: true })).join(', ')}]`];
}

function planLines(plan: ImportedPlan, catalogs: readonly string[]): string[] {
  const lines = ['kind: ProvisioningPlan', ...catalogLines(catalogs)];
  if (plan.name !== undefined) lines.push(`name: ${yamlString(plan.name)}`);
  if (plan.trackingId !== undefined) lines.push(`trackingId: ${yamlString(plan.trackingId)}`);
  if (plan.identity) lines.push(`identity: ${identityText(plan.identity)}`);
  if (plan.requester) lines.push(`requester: ${identityText(plan.requester)}`);
  appendAll(
    lines,
    plan.comments.flatMap((comment) => commentLines(comment, '')),
  );
  lines.push('accountRequests:');
  for (const request of plan.requests) appendAll(lines, requestLines(request));
  return lines;
}

/** Whether any comment of the file says what ISC (or IdentityIQ) recorded. */
function hasRecorded(file: ImportedFile): boolean {
  const recorded = (comments: readonly string[]): boolean =>
    comments.some((c) => /^(ISC|IdentityIQ) recorded/.test(c));
  return file.plans.some(
    (plan) =>
      recorded(plan.comments) ||
      plan.requests.some(
        (r) => recorded(r.comments) || r.attributeRequests.some((a) => recorded(a.comments)),
      ),
  );
}

/** The file's first comment lines: where the plans come from and how to read the comments. */
function header(file: ImportedFile, inputName: string): string[] {
  const lines = [`Imported by isc-plan from ${countedKind(file.kind, file.records)} (${inputName}).`];
  if (file.plans.length > 1) lines.push(`One plan per record: ${file.plans.length} plans.`);
  if (hasRecorded(file)) {
    lines.push(
      'The "recorded" comments say what really happened; compare them with the prediction (isc-plan predict).',
    );
  }
  appendAll(lines, file.notes);
  return lines.flatMap((line) => commentLines(line, ''));
}

/**
 * The plan file text: a header comment, then one YAML document per plan, separated by `---`.
 * `catalogs` (paths relative to the plan file) become each plan's `catalog:` key.
 */
export function writePlanFile(
  file: ImportedFile,
  inputName: string,
  catalogs: readonly string[] = [],
): string {
  const lines = header(file, inputName);
  file.plans.forEach((plan, index) => {
    if (index > 0) lines.push('---');
    appendAll(lines, planLines(plan, catalogs));
  });
  return `${lines.join('\n')}\n`;
}
