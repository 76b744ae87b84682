import * as assert from 'node:assert/strict';
import { crlf } from '../../helpers';
import { PLAN_FILE, openPlan, replace, updateAndCompare } from './reparseCheck';

const PLAN = `kind: ProvisioningPlan
name: Zoë 😀 joins Finance
identity: { name: zoe.mueller }
accountRequests:
  - source: Active Directory
    operation: Modify
    nativeIdentity: CN=Zoë 😀 Müller
    attributeRequests:
      - { name: memberOf, operation: Add, value: CN=Finance }
      - { name: departmnet, operation: Set, value: Finance }

  # Payroll is manual
  - source: Payroll
    operation: Modify
    nativeIdentity: '100118'
  - source: HR Portal
    operation: Create
    channel: connector
  - { source: Mainframe, operation: Delete, nativeIdentity: Z001 }
`;

const HEAD = 'kind: ProvisioningPlan\nidentity: { name: zoe }\naccountRequests:\n';

const NEW_REQUEST =
  '  - source: File Share\n    operation: Modify\n    nativeIdentity: zoe\n    permissionRequests: [{ target: fin, operation: Add }]\n';

suite('incremental update equals a full parse: examples', () => {
  test('an edit inside one request is applied incrementally', () => {
    const service = openPlan(PLAN);
    const { mode } = updateAndCompare(service, PLAN, replace(PLAN, 'Modify', 'Delete', 2));
    assert.equal(mode, 'incremental');
  });

  test('fixing a typo removes its finding and keeps the others in place', () => {
    const service = openPlan(PLAN);
    const before = service.findings(PLAN_FILE).map((f) => f.code);
    assert.ok(before.includes('unknown-attribute'));
    const { mode } = updateAndCompare(service, PLAN, replace(PLAN, 'departmnet', 'department'));
    assert.equal(mode, 'incremental');
    assert.ok(!service.findings(PLAN_FILE).some((f) => f.code === 'unknown-attribute'));
  });

  test('typing a new request at the end, one character at a time', () => {
    const service = openPlan(PLAN);
    let text = PLAN;
    const modes = new Set<string>();
    for (const char of NEW_REQUEST) {
      const result = updateAndCompare(
        service,
        text,
        { start: text.length, end: text.length, text: char },
        'typing',
      );
      text = result.text;
      modes.add(result.mode);
    }
    assert.ok(modes.has('incremental'), 'most keystrokes are applied incrementally');
  });

  test('deleting a whole request', () => {
    const service = openPlan(PLAN);
    const start = PLAN.indexOf('  - source: Payroll');
    const end = PLAN.indexOf('  - source: HR Portal');
    const { mode } = updateAndCompare(service, PLAN, { start, end, text: '' });
    assert.equal(mode, 'incremental');
  });

  test('deleting the last request', () => {
    const service = openPlan(PLAN);
    const start = PLAN.indexOf('  - { source: Mainframe');
    // The sequence's end moves: parsed again in full.
    assert.equal(updateAndCompare(service, PLAN, { start, end: PLAN.length, text: '' }).mode, 'full');
  });

  test('an edit that opens an unclosed quote, and the edit that closes it', () => {
    const service = openPlan(PLAN);
    const opened = updateAndCompare(service, PLAN, replace(PLAN, "'100118'", "'100118"));
    assert.ok(service.findings(PLAN_FILE).some((f) => f.code === 'yaml-syntax'));
    updateAndCompare(service, opened.text, replace(opened.text, "'100118", "'100118'"));
    assert.ok(!service.findings(PLAN_FILE).some((f) => f.code === 'yaml-syntax'));
  });

  test('an unclosed double quote in a flow mapping', () => {
    const service = openPlan(PLAN);
    const { mode } = updateAndCompare(
      service,
      PLAN,
      replace(PLAN, 'source: Active Directory', 'source: "Active Directory'),
    );
    assert.equal(mode, 'full', 'the open quote runs past the request');
  });

  test('an edit across two requests', () => {
    const service = openPlan(PLAN);
    const start = PLAN.indexOf('departmnet');
    const end = PLAN.indexOf("'100118'");
    const { mode } = updateAndCompare(service, PLAN, {
      start,
      end,
      text: 'department, operation: Set, value: x }\n  - source: Payroll\n    operation: Disable\n    nativeIdentity: ',
    });
    assert.equal(mode, 'incremental');
  });

  test('an edit of the header falls back to a full parse', () => {
    const service = openPlan(PLAN);
    const { mode } = updateAndCompare(service, PLAN, replace(PLAN, 'joins Finance', 'joins Sales'));
    assert.equal(mode, 'full');
  });

  test('an edit that breaks the indentation of a request', () => {
    const service = openPlan(PLAN);
    const { mode } = updateAndCompare(
      service,
      PLAN,
      replace(PLAN, '    operation: Create', ' operation: Create'),
    );
    assert.equal(mode, 'full');
  });

  test('edits in a CRLF file', () => {
    const text = crlf(PLAN);
    const service = openPlan(text);
    const first = updateAndCompare(service, text, replace(text, 'Modify', 'Enable'));
    assert.equal(first.mode, 'incremental');
    const second = updateAndCompare(service, first.text, {
      start: first.text.length,
      end: first.text.length,
      text: crlf(NEW_REQUEST),
    });
    const third = updateAndCompare(
      service,
      second.text,
      replace(second.text, '\r\n  - source: Payroll', '\r\n  - source: Payrol'),
    );
    assert.deepEqual([second.mode, third.mode], ['incremental', 'incremental']);
  });

  test('a multi-document file: edits in the first document move the findings of the second', () => {
    const text = `${PLAN}---\n${PLAN.replace('Zoë 😀 joins Finance', 'Second plan')}`;
    const service = openPlan(text);
    const first = updateAndCompare(service, text, replace(text, 'memberOf', 'memberOfGroups'));
    assert.equal(first.mode, 'incremental');
    const second = updateAndCompare(service, first.text, {
      start: first.text.indexOf('  - source: HR Portal'),
      end: first.text.indexOf('  - source: HR Portal'),
      text: NEW_REQUEST,
    });
    const third = updateAndCompare(service, second.text, replace(second.text, 'Mainframe', 'Payroll', 2));
    assert.deepEqual([second.mode, third.mode], ['incremental', 'incremental']);
  });

  test("an alias shares a request's value with another request: editing the anchored value updates both", () => {
    const text = `${HEAD}  - source: &src Active Directory\n    operation: Create\n  - source: *src\n    operation: Create\n`;
    const service = openPlan(text);
    updateAndCompare(service, text, replace(text, 'Active Directory', 'Payroll'));
    assert.equal(service.findings(PLAN_FILE).filter((f) => f.code === 'routed-to-manual').length, 2);
  });

  test('typing an anchor into a request', () => {
    const text = `${HEAD}  - source: Active Directory\n    operation: Create\n  - source: Payroll\n    operation: Create\n`;
    const service = openPlan(text);
    const anchored = updateAndCompare(service, text, {
      start: text.indexOf('Active'),
      end: text.indexOf('Active'),
      text: '&a ',
    });
    const aliased = updateAndCompare(service, anchored.text, replace(anchored.text, 'Payroll', '*a'));
    // Anchors and aliases tie requests together: both edits are parsed in full.
    assert.deepEqual([anchored.mode, aliased.mode], ['full', 'full']);
  });

  suite('regressions found by the property test', () => {
    test('appending blanks after the last request keeps the sequence end where a full parse puts it', () => {
      const service = openPlan(PLAN);
      const spaced = updateAndCompare(service, PLAN, { start: PLAN.length, end: PLAN.length, text: ' ' });
      const commented = updateAndCompare(service, spaced.text, {
        start: spaced.text.length,
        end: spaced.text.length,
        text: '\r\n#',
      });
      assert.deepEqual([spaced.mode, commented.mode], ['incremental', 'incremental']);
    });

    test('an edit of the last request when a comment follows it', () => {
      const text = `${PLAN}# the end\n`;
      const service = openPlan(text);
      const { mode } = updateAndCompare(service, text, replace(text, 'Z001', 'Z001-and-more'));
      assert.equal(mode, 'incremental');
    });

    test('closing a bracket whose error was reported at the end of the text', () => {
      const text = `${HEAD}  - source: File Share\n    operation: Modify\n    nativeIdentity: zoe\n    permissionRequests: [{ target: fin, operation: Add }`;
      const service = openPlan(text);
      updateAndCompare(service, text, { start: text.length, end: text.length, text: ']' });
      assert.deepEqual(
        service.findings(PLAN_FILE).map((f) => f.code),
        ['permissions-to-work-item'],
      );
    });

    test('an empty last item after a comment line, then a line break', () => {
      const text = `${HEAD}  - { source: Payroll, operation: Create }\n# a comment\n\n  - `;
      const service = openPlan(text);
      const crlfEnd = updateAndCompare(service, text, { start: text.length, end: text.length, text: '\r\n' });
      const lf = updateAndCompare(service, crlfEnd.text, {
        start: crlfEnd.text.length,
        end: crlfEnd.text.length,
        text: '\n',
      });
      assert.deepEqual([crlfEnd.mode, lf.mode], ['full', 'full']);
    });

    test('a syntax error reported in a request but caused by the one before it', () => {
      const text = `${HEAD}  - { source: Active Directory, operation: Create }\n\n  - {\n  - source: Payroll\n    operation: Create\n`;
      const service = openPlan(text);
      const empty = updateAndCompare(service, text, { start: text.length, end: text.length, text: '' });
      const typo = updateAndCompare(service, text, replace(text, 'Payroll', 'Payrol'));
      assert.deepEqual([empty.mode, typo.mode], ['full', 'full']);
      assert.ok(service.findings(PLAN_FILE).some((f) => f.code === 'yaml-syntax'));
    });

    test('a repeated accountRequests key, whose fix spans the requests', () => {
      const request =
        '  - source: Active Directory\n    operation: Modify\n    nativeIdentity: CN=Zoë 😀 Müller\n';
      const text = `accountRequests:\naccountRequests:\n${request}${request}`;
      const service = openPlan(text);
      const { mode } = updateAndCompare(service, text, {
        start: text.length,
        end: text.length,
        text: '\n  - source: Payroll\n    operation: Create\n',
      });
      assert.equal(mode, 'full');
    });
  });

  test('several changes in one update, each in the coordinates left by the one before', () => {
    const service = openPlan(PLAN);
    const one = replace(PLAN, 'Modify', 'Delete', 2);
    const middle = PLAN.slice(0, one.start) + one.text + PLAN.slice(one.end);
    const two = replace(middle, 'Create', 'Enable');
    const after = middle.slice(0, two.start) + two.text + middle.slice(two.end);
    assert.equal(service.update(PLAN_FILE, after, [one, two]), 'incremental');
    const fresh = openPlan(after);
    assert.deepEqual(service.findings(PLAN_FILE), fresh.findings(PLAN_FILE));
  });
});
