import * as fs from 'fs';
import * as path from 'path';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CATALOG } from '../unit/helpers';
import { VALID_PLAN } from '../unit/cli/cliHelpers';
import { LspTestClient } from '../lsp/lspClient';
import type { Family, FuzzCase } from './fuzzCase';
import { BUDGET, firstFailure, mostlySmall } from './fuzzCase';
import { ask, probe, within } from './lspSupport';
import { filler } from './sizeFamilies';

/**
 * Documents in the language server: random edits (incremental results equal fresh ones), hostile
 * files opened in the editor (the server publishes and keeps answering), and Restricted Mode with
 * symbolic links (issue 19, defect 2).
 */

function requests(count: number): string {
  let text = 'kind: ProvisioningPlan\nidentity: { name: jane.doe }\naccountRequests:\n';
  for (let i = 0; i < count; i++) {
    text += `  - source: ${i % 3 === 0 ? 'Payroll' : 'Active Directory'}\n    operation: Modify\n    nativeIdentity: CN=User ${i}\n`;
  }
  return text;
}

const BASES = [
  { name: 'valid', text: VALID_PLAN, json: false },
  { name: '30 requests', text: requests(30), json: false },
  { name: 'two plans', text: `${requests(3)}---\n${VALID_PLAN}`, json: false },
  { name: 'crlf', text: requests(5).replace(/\n/g, '\r\n'), json: false },
  {
    name: 'json',
    text: '{\n  "kind": "ProvisioningPlan",\n  "identity": { "name": "jane" },\n  "accountRequests": [\n    { "source": "Active Directory", "operation": "Modify", "nativeIdentity": "CN=J" }\n  ]\n}\n',
    json: true,
  },
];
const SNIPPETS = [
  '\n',
  '- ',
  '  ',
  'source: ',
  'Active Directory',
  'Payrol',
  'operation: ',
  'Lock',
  'Modify',
  '#',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  ': ',
  '😀',
  '\r\n',
  '\r',
  '\t',
  '---\n',
  '&a ',
  '*a',
  '!t ',
  'nativeIdentity: CN=x',
  ',',
  'x',
];

const change = fc.record({
  full: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  start: fc.nat(),
  length: fc.oneof(fc.constant(0), fc.nat({ max: 40 })),
  insert: fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 4 }).map((parts) => parts.join('')),
});
const edit = fc.record({ changes: fc.array(change, { minLength: 1, maxLength: 3 }), settle: fc.boolean() });

/** Random ranged and full-text changes; the last version's results equal a fresh open of the same text. */
const incremental: fc.Arbitrary<FuzzCase> = fc
  .record({ base: fc.constantFrom(...BASES), edits: fc.array(edit, { minLength: 1, maxLength: 12 }) })
  .map(({ base, edits }) => ({
    describe: `${edits.length} edits of the ${base.name} plan: ${JSON.stringify(edits).slice(0, 300)}`,
    budgetMs: BUDGET.large,
    async run(ctx) {
      const { client, root } = await ctx.server();
      const ext = base.json ? 'plan.json' : 'plan.yaml';
      const language = base.json ? 'isc-plan-json' : 'isc-plan-yaml';
      const uri = await client.open(
        path.join(root, 'edits', `edited-${ctx.caseId}.${ext}`),
        base.text,
        language,
      );
      let doc = TextDocument.create(uri, language, 1, base.text);
      const opened: string[] = [uri];
      const sentLog: unknown[] = [];
      try {
        for (const { changes, settle } of edits) {
          // Each change applies to the text the previous one left, as LSP says: its range is
          // taken on that text.
          const sent = changes.map((c) => {
            const text = doc.getText();
            const start = c.start % (text.length + 1);
            const end = Math.min(text.length, start + c.length);
            const one = c.full
              ? { text: c.insert }
              : { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, text: c.insert };
            doc = TextDocument.update(doc, [one], doc.version);
            return one;
          });
          doc = TextDocument.update(doc, [], doc.version + 1);
          await client.change(uri, doc.version, sent);
          sentLog.push({ version: doc.version, changes: sent });
          if (settle) {
            await client.waitFor(
              (p) => p.uri === uri && p.version === doc.version,
              BUDGET.lspAnswer,
              'a settled edit',
            );
          }
        }
        const last = await client.waitFor(
          (p) => p.uri === uri && p.version === doc.version,
          BUDGET.lspAnswer,
          'the last edit',
        );
        const freshUri = await client.open(
          path.join(root, 'edits', `fresh-${ctx.caseId}.${ext}`),
          doc.getText(),
          language,
        );
        opened.push(freshUri);
        const fresh = await client.waitFor((p) => p.uri === freshUri, BUDGET.lspAnswer, 'the fresh open');
        const outlines = await Promise.all(
          opened.map((u) => ask(client, 'textDocument/documentSymbol', { textDocument: { uri: u } })),
        );
        const folds = await Promise.all(
          opened.map((u) => ask(client, 'textDocument/foldingRange', { textDocument: { uri: u } })),
        );
        const failure = firstFailure(
          JSON.stringify(last.diagnostics) !== JSON.stringify(fresh.diagnostics) &&
            `diagnostics after the edits differ from a fresh open: ${JSON.stringify(last.diagnostics).slice(0, 300)} vs ${JSON.stringify(fresh.diagnostics).slice(0, 300)}; final text ${JSON.stringify(doc.getText()).slice(0, 300)}`,
          JSON.stringify(outlines[0]) !== JSON.stringify(outlines[1]) &&
            'the outline after the edits differs from a fresh open',
          JSON.stringify(folds[0]) !== JSON.stringify(folds[1]) &&
            'the folding ranges after the edits differ from a fresh open',
        );
        // The edits in full, to replay them by hand (the description is cut short).
        return failure && `${failure}; the changes sent: ${JSON.stringify(sentLog)}`;
      } finally {
        for (const u of opened) await client.close(u);
      }
    },
  }));

/** A hostile file opened in the editor. */
const hostileOpen: fc.Arbitrary<FuzzCase> = fc
  .record({
    kind: fc.constantFrom('yaml-tag-nesting', 'json-comment-nesting', 'many-documents', 'did-you-mean'),
    size: mostlySmall(65, 2_000, 200_000),
  })
  .map(({ kind, size }) => ({
    describe: `open ${kind} of size ${size}`,
    budgetMs: BUDGET.large,
    async run(ctx) {
      const { client, root, probeUri, probeOutline } = await ctx.server();
      const folder = path.join(root, `open-${ctx.caseId}`);
      const depth = Math.min(size, 20_000);
      let file = path.join(folder, 'hostile.plan.yaml');
      let text: string;
      if (kind === 'yaml-tag-nesting') {
        text = `kind: ProvisioningPlan\ndeep: !t ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      } else if (kind === 'json-comment-nesting') {
        file = path.join(folder, 'hostile.plan.json');
        text = `/**/${'['.repeat(depth)}${']'.repeat(depth)}`;
      } else if (kind === 'many-documents') text = '---\n'.repeat(size);
      else {
        const names = Math.min(300, Math.ceil(size / 100));
        fs.mkdirSync(folder, { recursive: true });
        const sources = Array.from(
          { length: names },
          (_, j) => `  - { name: Source ${j} ${filler(j, 100)} }`,
        );
        fs.writeFileSync(
          path.join(folder, 'names.sources.yaml'),
          `kind: SourceCatalog\nsources:\n${sources.join('\n')}\n`,
        );
        const plans = Array.from(
          { length: names },
          (_, i) =>
            `  - { source: Sorce ${i} ${filler(i + 7, 100)}, operation: Modify, nativeIdentity: CN=x }`,
        );
        text = `kind: ProvisioningPlan\nidentity: { name: j }\naccountRequests:\n${plans.join('\n')}\n`;
      }
      const uri = await client.open(file, text, file.endsWith('json') ? 'isc-plan-json' : 'isc-plan-yaml');
      try {
        const published = await client.waitFor(
          (p) => p.uri === uri,
          BUDGET.large - 3_000,
          `diagnostics of ${kind}`,
        );
        const nesting = kind.endsWith('nesting');
        return firstFailure(
          nesting &&
            !published.diagnostics.some((d) => d.code === 'document-limit') &&
            `no document-limit: ${JSON.stringify(published.diagnostics.map((d) => [d.code, (typeof d.message === 'string' ? d.message : d.message.value).slice(0, 80)]))}`,
          await probe(client, probeUri, probeOutline),
        );
      } finally {
        await client.close(uri);
      }
    },
  }));

const LINKS = ['discovered', 'catalog-key', 'linked-folder', 'setting', 'chain'] as const;

/** In Restricted Mode, a symbolic link in the workspace to a catalog outside it is not read. */
const restrictedSymlink: fc.Arbitrary<FuzzCase> = fc.constantFrom(...LINKS).map((how) => ({
  describe: `Restricted Mode, outside catalog reached through a link (${how})`,
  budgetMs: BUDGET.process,
  async run(ctx) {
    const outside = ctx.folder({ 'acme.sources.yaml': CATALOG });
    const workspace = ctx.folder({});
    const target = path.join(outside.root, 'acme.sources.yaml');
    let plan = VALID_PLAN;
    const link = (name: string, to: string): void => fs.symlinkSync(to, path.join(workspace.root, name));
    if (how === 'discovered') link('acme.sources.yaml', target);
    else if (how === 'catalog-key' || how === 'setting') link('linked.sources.yaml', target);
    else if (how === 'linked-folder') link('tenant', outside.root);
    else {
      link('b.sources.yaml', target);
      link('a.sources.yaml', path.join(workspace.root, 'b.sources.yaml'));
    }
    const key = {
      'catalog-key': 'linked.sources.yaml',
      'linked-folder': 'tenant/acme.sources.yaml',
      chain: 'a.sources.yaml',
    }[how as string];
    if (key) plan = plan.replace('kind: ProvisioningPlan\n', `kind: ProvisioningPlan\ncatalog: ${key}\n`);
    const client = new LspTestClient();
    if (how === 'setting') client.configuration = { catalogs: ['linked.sources.yaml'] };
    try {
      await within(
        client.initialize(workspace.root, {}, { trusted: false }),
        BUDGET.process / 2,
        'initialize',
      );
      const uri = await client.open(path.join(workspace.root, 'p.plan.yaml'), plan);
      const published = await client.waitFor((p) => p.uri === uri, BUDGET.lspAnswer, 'diagnostics');
      return published.diagnostics.length === 0
        ? 'the plan was checked against the catalog outside the workspace (no diagnostic: it was read)'
        : undefined;
    } finally {
      client.kill();
    }
  },
}));

export const LSP_DOCUMENT_FAMILIES: Family[] = [
  { name: 'lsp-incremental', weight: 15, arbitrary: incremental },
  { name: 'lsp-hostile-open', weight: 3, arbitrary: hostileOpen },
  { name: 'lsp-restricted-symlink', weight: 1, arbitrary: restrictedSymlink },
];
