import * as fc from 'fast-check';
import { CATALOG } from '../unit/helpers';
import { VALID_PLAN } from '../unit/cli/cliHelpers';
import type { Family, FuzzCase } from './fuzzCase';
import { BUDGET, clip, firstFailure, mostlySmall } from './fuzzCase';
import { cliFailure, expectDiagnostic, jsonReport } from './oracle';

/**
 * Families of hostile documents checked with `isc-plan validate` in-process (issue 19, defects 4
 * and 5, and "an empty plan file says it is empty"). The limits are those of docs/rules.md#document-limit.
 */

/** docs/rules.md#document-limit: flow nesting and compact block indicators on one line. */
const NESTING_LIMIT = 64;

type FileKind = 'plan.yaml' | 'plan.json' | 'sources.yaml' | 'sources.json';

/** One level of YAML nesting, opened and closed, and how many levels it adds. */
const YAML_LEVELS = [
  { open: '[', close: ']', levels: 1 },
  { open: '{a: ', close: '}', levels: 1 },
  { open: '[{a: ', close: '}]', levels: 2 },
  { open: '!t [', close: ']', levels: 1 },
  { open: '[!t ', close: ']', levels: 1 },
  { open: '[ # c\n     ', close: ']', levels: 1 },
] as const;
/** What may stand before the brackets and so hide them from a scan that looks only at `: [`. */
const YAML_PREFIXES = ['', '!t ', '&a ', '!!seq ', '&a !t ', '!<tag:x,2026:y> ', '# c\n  ', '|-\n  x\nz: '];
/** Where the deep value stands: a key's value, the document itself after a marker, a sequence item. */
const YAML_PLACES = ['value', 'document', 'item'] as const;
const JSON_LEVELS = [
  { open: '[', close: ']' },
  { open: '{"a": ', close: '}' },
  { open: '/**/[', close: ']' },
  { open: '[// c\n', close: ']' },
] as const;
const JSON_PREFIXES = ['', '/**/', '// c\n', '/* [ */ ', '\n\t'];

const HEAD: Record<FileKind, string> = {
  'plan.yaml': 'kind: ProvisioningPlan\nidentity: { name: jane.doe }\n',
  'sources.yaml': 'kind: SourceCatalog\nsources: []\n',
  'plan.json': '"kind": "ProvisioningPlan", "identity": { "name": "jane.doe" }',
  'sources.json': '"kind": "SourceCatalog", "sources": []',
};

/** The prefix that `given` becomes at `place` before `level`, so that the text stays valid YAML. */
function yamlPrefix(given: string, level: (typeof YAML_LEVELS)[number], place: string): string {
  // A block scalar or a comment line before the value fits only a key's value.
  const fits = place === 'value' || !given.includes('\n') ? given : '!t ';
  // Two tags on one node are a syntax error, not nesting: an anchor takes the prefix's place.
  return level.open.startsWith('!') && fits.includes('!') ? '&a ' : fits;
}

function yamlDeep(
  kind: FileKind,
  prefix: string,
  level: (typeof YAML_LEVELS)[number],
  units: number,
  place: string,
): string {
  const deep = `${prefix}${level.open.repeat(units)}x${level.close.repeat(units)}`;
  if (place === 'document') return `${HEAD[kind]}---\n--- ${deep}\n`;
  if (place === 'item') return `${HEAD[kind]}deep:\n  - ${deep}\n`;
  return `${HEAD[kind]}deep: ${deep}\n`;
}

function jsonDeep(
  kind: FileKind,
  prefix: string,
  level: (typeof JSON_LEVELS)[number],
  units: number,
  top: boolean,
): string {
  const deep = `${prefix}${level.open.repeat(units)}1${level.close.repeat(units)}`;
  return top ? `${prefix}/* top */${deep}\n` : `{${HEAD[kind]}, "deep": ${deep}}\n`;
}

/** A file nested beyond the limit, reached through tags, anchors, `--- `, comments or JSON comments. */
const nesting: fc.Arbitrary<FuzzCase> = fc
  .record({
    kind: fc.constantFrom<FileKind>('plan.yaml', 'sources.yaml', 'plan.json', 'sources.json'),
    yamlPrefix: fc.constantFrom(...YAML_PREFIXES),
    yamlLevel: fc.constantFrom(...YAML_LEVELS),
    place: fc.constantFrom(...YAML_PLACES),
    jsonPrefix: fc.constantFrom(...JSON_PREFIXES),
    jsonLevel: fc.constantFrom(...JSON_LEVELS),
    top: fc.boolean(),
    units: mostlySmall(NESTING_LIMIT + 1, 400, 20_000),
  })
  .map((c) => {
    const json = c.kind.endsWith('json');
    const prefix = yamlPrefix(c.yamlPrefix, c.yamlLevel, c.place);
    const text = json
      ? jsonDeep(c.kind, c.jsonPrefix, c.jsonLevel, c.units, c.top)
      : yamlDeep(c.kind, prefix, c.yamlLevel, c.units, c.place);
    const file = `deep.${c.kind}`;
    return {
      describe: `${file} ${json ? `${c.top ? 'top-level ' : ''}${clip(c.jsonPrefix)} + ${c.units} × ${clip(c.jsonLevel.open)}` : `${c.place} ${clip(prefix)} + ${c.units} × ${clip(c.yamlLevel.open)}`}`,
      budgetMs: BUDGET.inProcess,
      async run(ctx) {
        const folder = ctx.folder({ [file]: text, 'user.plan.yaml': VALID_PLAN });
        if (file.includes('sources')) folder.write('acme.sources.yaml', CATALOG);
        const alone = await folder.runAsync('validate', file, '--format', 'json');
        // A catalog that breaks: the plans beside it still validate, with a diagnostic or none.
        const beside = await folder.runAsync('validate', '.', '--format', 'json');
        return firstFailure(
          expectDiagnostic(alone, file, ['document-limit']),
          expectDiagnostic(beside, file, ['document-limit']),
        );
      },
    };
  });

/** Many YAML documents: empty, `...`-ended, commented, with a tiny plan each. */
const manyDocuments: fc.Arbitrary<FuzzCase> = fc
  .record({
    count: mostlySmall(1, 2_000, 250_000),
    unit: fc.constantFrom(
      '---\n',
      '--- {}\n',
      '---\n...\n',
      '--- # c\n',
      '---\nkind: ProvisioningPlan\n',
      '--- !t\n',
    ),
    catalog: fc.boolean(),
  })
  .map(({ count, unit, catalog }) => {
    const file = catalog ? 'many.sources.yaml' : 'many.plan.yaml';
    return {
      describe: `${file}: ${count} × ${clip(unit)}`,
      budgetMs: count > 2_000 ? BUDGET.large : BUDGET.inProcess,
      async run(ctx) {
        const folder = ctx.folder({ [file]: unit.repeat(count) });
        const run = await folder.runAsync('validate', file, '--format', 'json');
        const report = jsonReport(run);
        return typeof report === 'string' ? report : undefined;
      },
    };
  });

/** Whether a file holds nothing: white space and a BOM, and in YAML comments and document markers. */
function blank(text: string, kind: FileKind): boolean {
  const bare = text.replace(/\uFEFF/g, '');
  if (kind.endsWith('json')) return bare.trim() === '';
  return bare.split(/\r?\n/).every((line) => /^\s*(#.*|---\s*|\.\.\.\s*)?$/.test(line));
}

/** Empty and nearly empty files: a plan must say it is empty, and "(does it exist?)" only when it does not. */
const emptyFiles: fc.Arbitrary<FuzzCase> = fc
  .record({
    text: fc.constantFrom(
      '',
      '\n',
      '   \n\n',
      '# only a comment\n',
      '---\n',
      '\uFEFF',
      '\r\n',
      '...\n',
      '--- \n...\n',
    ),
    kind: fc.constantFrom<FileKind>('plan.yaml', 'plan.json', 'sources.yaml', 'sources.json'),
  })
  .map(({ text, kind }) => {
    const file = `empty.${kind}`;
    const plan = kind.startsWith('plan');
    return {
      describe: `${file} = ${clip(text)}`,
      budgetMs: BUDGET.inProcess,
      async run(ctx) {
        const folder = ctx.folder({ [file]: text });
        const run = await folder.runAsync('validate', file, '--format', 'json');
        const report = jsonReport(run);
        if (typeof report === 'string') return report;
        const messages = report.files.flatMap((f) => f.diagnostics.map((d) => d.message));
        const saysEmpty = messages.some((m) =>
          /\bempty\b|(has )?no (plan|content|document|value)\b/i.test(m),
        );
        const claimsMissing = messages.find((m) => /does it exist/i.test(m));
        if (claimsMissing) return `asks "(does it exist?)" of a file that exists: ${claimsMissing}`;
        if (plan && blank(text, kind) && !saysEmpty) {
          return `the empty plan file does not say it is empty: ${JSON.stringify(messages)}`;
        }
        return undefined;
      },
    };
  });

/** A plan's `catalog:` naming what exists but is no catalog, or nothing at all. */
const catalogReference: fc.Arbitrary<FuzzCase> = fc
  .record({
    target: fc.constantFrom('missing', 'empty', 'folder', 'garbage', 'binary', 'json-array'),
    name: fc.constantFrom('other.sources.yaml', 'sub/x.sources.json', 'weird name.sources.yml', 'x.txt'),
  })
  .map(({ target, name }) => ({
    describe: `catalog: ${name} which is ${target}`,
    budgetMs: BUDGET.inProcess,
    async run(ctx) {
      const plan = VALID_PLAN.replace(
        'kind: ProvisioningPlan\n',
        `kind: ProvisioningPlan\ncatalog: ${name}\n`,
      );
      const folder = ctx.folder({ 'p.plan.yaml': plan });
      const contents: Record<string, string | Uint8Array> = {
        empty: '',
        garbage: ']]] not yaml {{{',
        binary: new Uint8Array([0, 159, 146, 150, 255, 0]),
        'json-array': '[1, 2, 3]',
      };
      if (target === 'folder') folder.write(`${name}/inner.txt`, 'x');
      else if (target in contents) folder.write(name, contents[target]!);
      const run = await folder.runAsync('validate', 'p.plan.yaml', '--format', 'json');
      const report = jsonReport(run);
      if (typeof report === 'string') return report;
      const messages = report.files.flatMap((f) => f.diagnostics.map((d) => d.message));
      if (messages.length === 0) return `a plan whose catalog is ${target} gets no diagnostic`;
      const missing = messages.find((m) => /does it exist/i.test(m));
      if (target !== 'missing' && missing) return `asks "(does it exist?)" of a ${target}: ${missing}`;
      return cliFailure(run);
    },
  }));

export const DOCUMENT_FAMILIES: Family[] = [
  { name: 'nesting', weight: 12, arbitrary: nesting },
  { name: 'many-documents', weight: 4, arbitrary: manyDocuments },
  { name: 'empty-files', weight: 4, arbitrary: emptyFiles },
  { name: 'catalog-reference', weight: 4, arbitrary: catalogReference },
];
