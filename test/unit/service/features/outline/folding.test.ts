import * as assert from 'node:assert/strict';
import { foldingRanges } from '../../../../../server/src/service/features/outline/folding';
import { ACME, JANE, rangeAt, testWorkspace } from '../navigation/navigationFixtures';

/** Folding ranges as [startLine, endLine], the way clients receive them (one per start line). */
function folds(name: string, text: string, limit?: number): [number, number][] {
  const t = testWorkspace({ [name]: text });
  const file = t.open(name);
  const lines: [number, number][] = [];
  for (const range of foldingRanges(file.docs, text, limit)) {
    const { start, end } = rangeAt(text, range.start, range.end);
    if (end.line > start.line && lines[lines.length - 1]?.[0] !== start.line) {
      lines.push([start.line, end.line]);
    }
  }
  return lines;
}

suite('folding ranges', () => {
  test('YAML plan: the request list from its key, each request, attribute and permission lists', () => {
    assert.deepEqual(folds('a.plan.yaml', JANE), [
      [3, 18],
      [4, 12],
      [7, 10],
      [8, 10],
      [11, 12],
      [13, 15],
      [16, 18],
    ]);
  });

  test('YAML catalog: entries, a multi-line flow mapping, the ticket workflow', () => {
    assert.deepEqual(folds('acme.sources.yaml', ACME), [
      [1, 9],
      [2, 6],
      [7, 8],
      [10, 17],
      [11, 17],
      [15, 17],
    ]);
  });

  test('JSON: from the key, the closing bracket left visible on its own line', () => {
    const text =
      '{\n  "kind": "ProvisioningPlan",\n  "accountRequests": [\n    {\n      "source": "A",\n      "operation": "Create"\n    }\n  ]\n}\n';
    assert.deepEqual(folds('a.plan.json', text), [
      [2, 6],
      [3, 5],
    ]);
    assert.deepEqual(
      folds('b.plan.json', '{\n  "accountRequests": [{ "source": "A",\n    "operation": "Create" }]\n}'),
      [[1, 2]],
    );
  });

  test('CRLF, several documents, and an alias folded once where it is written', () => {
    const text =
      'kind: ProvisioningPlan\r\nbase: &b\r\n  a: 1\r\n  b: 2\r\nother: *b\r\n---\r\nkind: ProvisioningPlan\r\nlist:\r\n  - 1\r\n  - 2\r\n';
    assert.deepEqual(folds('a.plan.yaml', text), [
      [1, 3],
      [7, 9],
    ]);
  });

  test('a cap keeps the outer ranges', () => {
    assert.deepEqual(folds('a.plan.yaml', JANE, 2), [
      [3, 18],
      [4, 12],
    ]);
  });
});
