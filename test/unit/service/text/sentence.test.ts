import * as assert from 'node:assert/strict';
import { firstSentence } from '../../../../server/src/service/text/sentence';
import { CATALOG, diagnose } from '../../helpers';

suite('text: the first sentence of a description, never cut inside it', () => {
  test('abbreviations, dotted names and decimals do not end a sentence', () => {
    for (const [text, sentence] of [
      [
        "The identity's name (user name) in ISC, e.g. jane.doe. Required.",
        "The identity's name (user name) in ISC, e.g. jane.doe.",
      ],
      [
        'The IANA time zone (e.g. Europe/Berlin) of the tenant. Defaults to UTC.',
        'The IANA time zone (e.g. Europe/Berlin) of the tenant.',
      ],
      ['Source.owner of ISC, i.e. a person. More.', 'Source.owner of ISC, i.e. a person.'],
      ['Takes 1.5 hours! Then more.', 'Takes 1.5 hours!'],
      ['No sentence end here', 'No sentence end here'],
    ] as const) {
      assert.equal(firstSentence(text), sentence);
    }
  });

  test('a missing-key message quotes the whole first sentence of the key description', () => {
    const plan =
      'kind: ProvisioningPlan\nidentity: { id: 2c91 }\naccountRequests:\n  - { source: Active Directory, operation: Create }\n';
    const [only] = diagnose({ 'acme.sources.yaml': CATALOG, 'p.plan.yaml': plan }, 'p.plan.yaml');
    assert.equal(
      only!.message,
      '"identity" is missing the required key "name". The identity\'s name (user name) in ISC, e.g. jane.doe.',
    );
  });
});
