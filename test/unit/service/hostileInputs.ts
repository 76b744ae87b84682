/**
 * Hostile inputs (docs/rules.md#document-limit), shared by the service and CLI tests: each text, the file name
 * it is checked under, and the one diagnostic it must give (code and offsets).
 */
export interface HostileInput {
  name: string;
  file: string;
  text: string;
  code: 'document-limit' | 'yaml-syntax';
  /** Offsets of the expected diagnostic. */
  start: number;
  end: number;
  message: RegExp;
}

const HEAD = 'kind: ProvisioningPlan\nidentity: { name: jane.doe }\n';
const REQUEST = 'accountRequests:\n  - { source: Active Directory, operation: Create }\n';

/** The offset of the `n`-th (1-based) occurrence of `needle`. */
function nth(text: string, needle: string, n: number): number {
  let index = -1;
  for (let i = 0; i < n; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`"${needle}" occurs fewer than ${n} times`);
  return index;
}

function at(
  name: string,
  file: string,
  text: string,
  code: HostileInput['code'],
  start: number,
  length: number,
  message: RegExp,
): HostileInput {
  return { name, file, text, code, start, end: start + length, message };
}

function aliasBomb(): string {
  let text = `${HEAD}lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n`;
  for (let i = 1; i < 10; i++) {
    text += `lol${i}: &a${i} [${Array<string>(9)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  }
  return text + REQUEST;
}

function fiveMegabytes(): string {
  const request =
    '  - { source: Active Directory, operation: Modify, nativeIdentity: CN=Jane Doe 😀, comments: padding padding }\n';
  const count = Math.ceil((5 * 1024 * 1024) / request.length);
  return `${HEAD}accountRequests:\n${request.repeat(count)}`;
}

function deepIndentation(levels: number): string {
  let text = `${HEAD}deep:\n`;
  for (let i = 1; i <= levels; i++) text += `${' '.repeat(i)}a:\n`;
  return text;
}

/** Every hostile input, built on demand (some are megabytes). */
export function hostileInputs(): HostileInput[] {
  const bomb = aliasBomb();
  const selfRef = `${HEAD}x: &a [1, *a]\n${REQUEST}`;
  const missing = `kind: ProvisioningPlan\nidentity: { name: *nope }\n${REQUEST}`;
  const flowSeq = `${HEAD}deep: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n${REQUEST}`;
  const flowMap = `${HEAD}deep: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n${REQUEST}`;
  const blockSeq = `${HEAD}deep:\n  ${'- '.repeat(10_000)}x\n${REQUEST}`;
  const indented = deepIndentation(1_000);
  const jsonDeep = `{"kind": "ProvisioningPlan", "deep": ${'['.repeat(10_000)}${']'.repeat(10_000)}}\n`;
  const nul = `${HEAD}name: Jane\u0000Doe\n${REQUEST}`;
  const jsonNul = '{"kind": "ProvisioningPlan", "name": "Jane\u0000Doe"}\n';
  const crlfQuote = 'kind: ProvisioningPlan\r\nname: Zoë 😀 "joins\r\nidentity: { name: "jane }\r\n';
  const big = fiveMegabytes();
  const brackets = /safety limit \(64 levels of brackets\)/;
  const tagged = `${HEAD}deep: !t ${'['.repeat(10_000)}${']'.repeat(10_000)}\n${REQUEST}`;
  const anchored = `${HEAD}deep: &x !!seq ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n${REQUEST}`;
  const afterMarker = `--- ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
  const commentedJson = `/**/${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
  const documents = `${HEAD}${REQUEST}${'---\n'.repeat(10_001)}`;
  return [
    at(
      'alias bomb (billion laughs)',
      'bomb.plan.yaml',
      bomb,
      'document-limit',
      0,
      1,
      /Aliases in this document expand to 4,412,961,529 nodes.*"alias bomb"/,
    ),
    at(
      'self-referencing alias &a [1, *a]',
      'self.plan.yaml',
      selfRef,
      'document-limit',
      selfRef.indexOf('*a'),
      2,
      /The alias \*a refers to the node that contains it/,
    ),
    at(
      'missing alias *nope',
      'nope.plan.yaml',
      missing,
      'yaml-syntax',
      missing.indexOf('*nope'),
      5,
      /the alias \*nope names no anchor/,
    ),
    at(
      '10,000-deep flow sequence [[[[...',
      'flow-seq.plan.yaml',
      flowSeq,
      'document-limit',
      nth(flowSeq, '[', 65),
      1,
      brackets,
    ),
    at(
      '10,000-deep flow mapping {a: {a: ...',
      'flow-map.plan.yaml',
      flowMap,
      'document-limit',
      nth(flowMap, '{', 66),
      1,
      brackets,
    ),
    at(
      '10,000-deep block sequence - - - ...',
      'block-seq.plan.yaml',
      blockSeq,
      'document-limit',
      nth(blockSeq, '- ', 65),
      1,
      /64 levels of nested items on one line/,
    ),
    at(
      '1,000-deep block mappings by indentation',
      'indent.plan.yaml',
      indented,
      'document-limit',
      nth(indented, `\n${' '.repeat(257)}a:`, 1) + 257,
      1,
      /256 levels of indentation/,
    ),
    at(
      '10,000-deep JSON array',
      'deep.plan.json',
      jsonDeep,
      'document-limit',
      nth(jsonDeep, '[', 64),
      1,
      brackets,
    ),
    at(
      'a tag before 10,000 brackets: a: !t [[[[...',
      'tagged.plan.yaml',
      tagged,
      'document-limit',
      nth(tagged, '[', 65),
      1,
      brackets,
    ),
    at(
      'an anchor and a tag before 10,000 braces: a: &x !!seq {a: {a: ...',
      'anchored.plan.yaml',
      anchored,
      'document-limit',
      nth(anchored, '{', 66),
      1,
      brackets,
    ),
    at(
      '10,000 brackets after a document marker: --- [[[[...',
      'marker.plan.yaml',
      afterMarker,
      'document-limit',
      nth(afterMarker, '[', 65),
      1,
      brackets,
    ),
    at(
      'a JSON comment before 10,000 brackets: /**/[[[[...',
      'commented.plan.json',
      commentedJson,
      'document-limit',
      nth(commentedJson, '[', 65),
      1,
      brackets,
    ),
    at(
      '10,002 YAML documents',
      'documents.plan.yaml',
      documents,
      'document-limit',
      nth(documents, '---', 10_000),
      3,
      /more than 10,000 YAML documents/,
    ),
    at(
      'NUL byte in YAML',
      'nul.plan.yaml',
      nul,
      'yaml-syntax',
      nul.indexOf('\u0000'),
      1,
      /binary data \(character U\+0000\)/,
    ),
    at(
      'NUL byte in JSON',
      'nul.plan.json',
      jsonNul,
      'yaml-syntax',
      jsonNul.indexOf('\u0000'),
      1,
      /binary data \(character U\+0000\)/,
    ),
    at(
      '5 MB file',
      'big.plan.yaml',
      big,
      'document-limit',
      0,
      0,
      /This file is 5\.0 MB; isc-plan analyses files up to 4 MB/,
    ),
    at(
      'CRLF and emoji with an unclosed quote',
      'quote.plan.yaml',
      crlfQuote,
      'yaml-syntax',
      crlfQuote.indexOf('"jane }'),
      7,
      /YAML syntax: Missing closing "quote/,
    ),
  ];
}
