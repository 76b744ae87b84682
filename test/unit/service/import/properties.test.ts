import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { importFile } from '../../../../server/src/service/import/importFile';
import { diagnose } from '../../helpers';

/** Short strings of any characters: names and values as a tenant may hold them. */
const anyText = fc.string({ unit: 'binary', minLength: 1, maxLength: 24 });
const casing = (ops: readonly string[]): fc.Arbitrary<string> =>
  fc.constantFrom(...ops.flatMap((op) => [op, op.toUpperCase(), op.toLowerCase()]));

const triggerPayload = fc.record({
  trackingNumber: anyText,
  recipient: fc.record({ type: fc.constant('IDENTITY'), id: anyText, name: anyText }),
  accountRequests: fc.array(
    fc.record({
      source: fc.record({ id: anyText, type: fc.constant('SOURCE'), name: anyText }),
      accountId: anyText,
      accountOperation: casing(['Create', 'Modify', 'Disable']),
      provisioningResult: fc.constantFrom('SUCCESS', 'PENDING', 'FAILED'),
      provisioningTarget: anyText,
      attributeRequests: fc.array(
        fc.record({
          attributeName: fc.constantFrom('memberOf', 'mail', 'a: b'),
          attributeValue: fc.option(anyText),
          operation: casing(['Add', 'Set', 'Remove']),
        }),
        { maxLength: 6 },
      ),
    }),
    { minLength: 1, maxLength: 3 },
  ),
});

type Payload = typeof triggerPayload extends fc.Arbitrary<infer T> ? T : never;
type PlanJs = {
  trackingId: string;
  identity: { name: string; id: string };
  accountRequests: {
    source: string;
    operation: string;
    nativeIdentity: string;
    attributeRequests?: { name: string; operation: string; value?: string | string[] }[];
  }[];
};

const capitalised = (op: string): string => op.charAt(0).toUpperCase() + op.slice(1).toLowerCase();

suite('import: any trigger payload survives (property)', () => {
  test('every value reads back exactly; list values expand to the payload attribute requests; the plan parses cleanly', () => {
    fc.assert(
      fc.property(triggerPayload, (payload: Payload) => {
        const { planText } = importFile('p.json', JSON.stringify(payload));
        const docs = parseAllDocuments(planText);
        assert.deepEqual(
          docs.flatMap((d) => d.errors),
          [],
        );
        const plan = docs[0]!.toJS() as PlanJs;
        assert.equal(plan.trackingId, payload.trackingNumber);
        assert.deepEqual(plan.identity, { name: payload.recipient.name, id: payload.recipient.id });
        assert.deepEqual(
          plan.accountRequests.map((r) => ({
            source: r.source,
            operation: r.operation,
            nativeIdentity: r.nativeIdentity,
            attributes: (r.attributeRequests ?? []).flatMap((a) =>
              (Array.isArray(a.value) ? a.value : [a.value ?? null]).map((value) => [
                a.name,
                a.operation,
                value,
              ]),
            ),
          })),
          payload.accountRequests.map((r) => ({
            source: r.source.name,
            operation: capitalised(r.accountOperation),
            nativeIdentity: r.accountId,
            attributes: r.attributeRequests.map((a) => [
              a.attributeName,
              capitalised(a.operation),
              a.attributeValue,
            ]),
          })),
        );
        const codes = diagnose({ 'p.plan.yaml': planText }, 'p.plan.yaml').map((d) => d.code);
        assert.deepEqual(
          codes.filter((code) => code === 'yaml-syntax' || code === 'duplicate-key' || code === 'schema'),
          [],
        );
      }),
      { numRuns: 300 },
    );
  });
});
