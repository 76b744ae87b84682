import * as path from 'path';
import * as fc from 'fast-check';
import type { Family, FuzzCase } from './fuzzCase';
import { BUDGET, firstFailure, mostlySmall } from './fuzzCase';
import { ask, probe } from './lspSupport';
import { cliFailure, diagnosticFailure, internalFailure, jsonReport } from './oracle';

/**
 * Work that grows with the input (issue 19, defects 3 and 6): names for "did you mean" and large
 * import inputs. The oracle is the budget (any file validates and imports in about linear time)
 * plus a diagnostic or a clear one-line error.
 */

/** A deterministic filler of `length` letters from a small alphabet (near misses cost the most). */
export function filler(seed: number, length: number): string {
  let state = seed >>> 0 || 1;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    text += 'abcdefgh'[state >>> 29];
  }
  return text;
}

const HEAD = 'kind: ProvisioningPlan\nidentity: { name: jane.doe }\n';

/** A catalog of `known` sources, each with `known` schema attributes of about `length` characters. */
function namesCatalog(known: number, length: number, seed: number, attributes: boolean): string {
  const lines = ['kind: SourceCatalog', 'sources:'];
  const schema = attributes
    ? [
        '    accountSchema:',
        '      attributes:',
        ...Array.from({ length: known }, (_, j) => `        - { name: attr${j}${filler(seed + j, length)} }`),
      ]
    : [];
  lines.push('  - name: Active Directory', '    features: [PROVISIONING]', ...schema);
  for (let j = 0; j < (attributes ? 0 : known); j++) {
    lines.push(`  - name: Source ${j} ${filler(seed + j, length)}`, '    features: [PROVISIONING]');
  }
  return `${lines.join('\n')}\n`;
}

/** A plan with `unknown` names that are near misses of the catalog's, of about `length` characters. */
function namesPlan(unknown: number, length: number, seed: number, attributes: boolean): string {
  if (attributes) {
    const requests = Array.from(
      { length: unknown },
      (_, i) => `      - { name: atr${i}${filler(seed + i + 7, length)}, operation: Set, value: x }`,
    );
    return `${HEAD}accountRequests:\n  - source: Active Directory\n    operation: Modify\n    nativeIdentity: CN=x\n    attributeRequests:\n${requests.join('\n')}\n`;
  }
  const requests = Array.from(
    { length: unknown },
    (_, i) =>
      `  - { source: Sorce ${i} ${filler(seed + i + 7, length)}, operation: Modify, nativeIdentity: CN=x }`,
  );
  return `${HEAD}accountRequests:\n${requests.join('\n')}\n`;
}

/** Unknown attribute or source names against many known ones, all long. */
const didYouMean: fc.Arbitrary<FuzzCase> = fc
  .record({
    attributes: fc.boolean(),
    unknown: fc.integer({ min: 1, max: 400 }),
    known: fc.integer({ min: 1, max: 300 }),
    knownLength: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 40, max: 1_000 })),
    // Names of about the same length cost the most (a length cut-off cannot set them aside).
    lengthDelta: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -1_000, max: 1_000 })),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ lengthDelta, ...c }) => ({ ...c, unknownLength: Math.max(1, c.knownLength + lengthDelta) }))
  .map((c) => ({
    describe: `${c.unknown} unknown ${c.attributes ? 'attributes' : 'sources'} of ~${c.unknownLength} chars against ${c.known} known of ~${c.knownLength} (filler seed ${c.seed})`,
    budgetMs: BUDGET.inProcess,
    async run(ctx) {
      const folder = ctx.folder({
        'names.sources.yaml': namesCatalog(c.known, c.knownLength, c.seed, c.attributes),
        'names.plan.yaml': namesPlan(c.unknown, c.unknownLength, c.seed, c.attributes),
      });
      const run = await folder.runAsync('validate', 'names.plan.yaml', '--format', 'json');
      const report = jsonReport(run);
      if (typeof report === 'string') return report;
      const code = c.attributes ? 'unknown-attribute' : 'unknown-source';
      const found = report.files[0]?.diagnostics.filter((d) => d.code === code).length ?? 0;
      return firstFailure(
        diagnosticFailure(report),
        found === 0 && `no ${code} diagnostic for ${c.unknown} unknown names`,
      );
    },
  }));

/** An IdentityIQ plan of `count` account requests; `closed: false` leaves every tag open. */
function iiqXml(count: number, closed: boolean): string {
  const request = closed
    ? (i: number) =>
        `<AccountRequest application="Active Directory" op="Modify" nativeIdentity="CN=u${i}"><AttributeRequest name="memberOf" op="Add" value="CN=g${i}"/></AccountRequest>\n`
    : (i: number) =>
        `<AccountRequest application="Active Directory" op="Modify" nativeIdentity="CN=u${i}">\n`;
  return `<?xml version="1.0"?>\n<ProvisioningPlan>\n${Array.from({ length: count }, (_, i) => request(i)).join('')}${closed ? '</ProvisioningPlan>\n' : ''}`;
}

/** A Provisioning Completed trigger payload with one account request of `count` attribute requests. */
function triggerPayload(count: number): string {
  const attributes = Array.from({ length: count }, (_, i) => ({
    attributeName: i % 2 ? 'memberOf' : `attr${i % 50}`,
    attributeValue: `CN=g${i}`,
    operation: i % 3 ? 'Add' : 'Remove',
  }));
  return JSON.stringify({
    trackingNumber: '4b4d982dddff4267ab12f0f1e72b5a6d',
    action: 'IdentityRefresh',
    recipient: { type: 'IDENTITY', id: '2c7180a46faadee4016fb4e018c20642', name: 'Jane Doe' },
    accountRequests: [
      {
        source: { id: '4e4d982dddff4267ab12f0f1e72b5a6d', type: 'SOURCE', name: 'Active Directory' },
        accountId: 'CN=Jane Doe',
        accountOperation: 'Modify',
        provisioningResult: 'SUCCESS',
        provisioningTarget: 'Active Directory',
        attributeRequests: attributes,
      },
    ],
  });
}

/** A search result array of `count` account-activity documents. */
function searchDocuments(count: number): string {
  const doc = (i: number) => ({
    id: `6f76c3add1db4ba8bbe0d42aaceb${String(i).padStart(4, '0')}`,
    stage: 'Completed',
    recipient: { name: `user.${i}`, type: 'Identity' },
    accountRequests: [
      {
        accountId: `CN=u${i}`,
        op: 'Modify',
        source: { name: 'Active Directory', type: 'ADLDAPConnector' },
        attributeRequests: [{ op: 'Add', name: 'memberOf', value: `CN=g${i}` }],
      },
    ],
  });
  return JSON.stringify(Array.from({ length: count }, (_, i) => doc(i)));
}

const IMPORT_INPUTS = ['iiq-xml', 'iiq-xml-unclosed', 'trigger', 'search'] as const;

/** An import input of one kind with about `count` records (capped where one record is large). */
function importInput(
  input: (typeof IMPORT_INPUTS)[number],
  count: number,
): { file: string; size: number; text: () => string; describe: string } {
  const size =
    input === 'trigger' ? Math.min(count, 30_000) : input === 'search' ? Math.min(count, 20_000) : count;
  return {
    file: input.startsWith('iiq') ? 'input.xml' : 'input.json',
    size,
    describe: `${input} with ${size} ${input === 'trigger' ? 'attribute requests' : 'account requests'}`,
    text: () =>
      input === 'trigger'
        ? triggerPayload(size)
        : input === 'search'
          ? searchDocuments(size)
          : iiqXml(size, input === 'iiq-xml'),
  };
}

const importArguments = fc.record({
  input: fc.constantFrom(...IMPORT_INPUTS),
  count: mostlySmall(1, 1_000, 120_000),
});

/** Large and broken import inputs, through `isc-plan import`. */
const bigImport: fc.Arbitrary<FuzzCase> = importArguments.map(({ input, count }) => {
  const { file, size, text, describe } = importInput(input, count);
  return {
    describe: `import ${describe}`,
    budgetMs: size > 1_000 ? BUDGET.large : BUDGET.inProcess,
    async run(ctx) {
      const folder = ctx.folder({ [file]: text() });
      const run = await folder.runAsync('import', file, '--out', 'out/');
      return firstFailure(
        cliFailure(run),
        run.stderr.length > 2_000 && `stderr of ${run.stderr.length} characters`,
        input === 'iiq-xml-unclosed' && run.code === 0 && 'an unclosed XML input was imported without a word',
      );
    },
  };
});

/** The same inputs through the server's `iscPlan/import` (the "Import from ISC…" command); it keeps answering. */
const serverImport: fc.Arbitrary<FuzzCase> = importArguments.map(({ input, count }) => {
  const { file, text, describe } = importInput(input, count);
  return {
    describe: `iscPlan/import ${describe}`,
    budgetMs: BUDGET.large,
    async run(ctx) {
      const { client, root, probeUri, probeOutline } = await ctx.server();
      const answer = await ask(
        client,
        'iscPlan/import',
        { fileName: path.join(root, `import-${ctx.caseId}`, file), text: text() },
        BUDGET.large - 5_000,
      );
      const result =
        'result' in answer ? (answer.result as { error?: string }) : { error: answer.error.message };
      return firstFailure(
        typeof result.error === 'string' &&
          (result.error.length > 1_000 || result.error.includes('\n')) &&
          `the import's error is not one short line: ${result.error.slice(0, 200)}…`,
        typeof result.error === 'string' && internalFailure(result.error, 'the import error'),
        input === 'iiq-xml-unclosed' &&
          result.error === undefined &&
          'an unclosed XML input was imported without a word',
        await probe(client, probeUri, probeOutline),
      );
    },
  };
});

export const SIZE_FAMILIES: Family[] = [
  { name: 'did-you-mean', weight: 6, arbitrary: didYouMean },
  { name: 'big-import', weight: 3, arbitrary: bigImport },
  { name: 'lsp-import', weight: 2, arbitrary: serverImport },
];
