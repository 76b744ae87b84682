// @ts-check
/**
 * The folders of the code and what each may import: the order of docs/architecture.md, enforced by
 * eslint-plugin-boundaries (eslint.config.mjs). A folder may import itself and what its row names,
 * nothing else; tests and benchmarks may import anything. docs/architecture.md shows the same table,
 * and a unit test keeps the two equal.
 */

/** @typedef {{ name: string, path: string, mayImport: string[] }} Layer */

/** Every service folder below `planService.ts`, for the rows that may use all of them. */
const SERVICE = [
  'text',
  'time',
  'findings',
  'syntax',
  'catalog',
  'schema',
  'request',
  'channel',
  'rules',
  'document',
  'workspace',
  'prediction/input',
  'prediction/parameters',
  'prediction/engine',
  'prediction/output',
  'prediction',
];
const FEATURES = [
  'features/edits',
  'features/hover',
  'features/completion',
  'features/outline',
  'features/navigation',
  'features/reports',
];

/** Bottom to top. A file belongs to the row with the longest path that holds it. */
/** @type {Layer[]} */
export const LAYERS = [
  { name: 'shared', path: 'shared', mayImport: [] },
  { name: 'text', path: 'server/src/service/text', mayImport: [] },
  { name: 'time', path: 'server/src/service/time', mayImport: [] },
  { name: 'findings', path: 'server/src/service/findings', mayImport: ['text'] },
  { name: 'syntax', path: 'server/src/service/syntax', mayImport: ['findings'] },
  { name: 'catalog', path: 'server/src/service/catalog', mayImport: ['syntax', 'time'] },
  {
    name: 'schema',
    path: 'server/src/service/schema',
    mayImport: ['catalog', 'syntax', 'findings', 'time', 'text'],
  },
  { name: 'request', path: 'server/src/service/request', mayImport: ['syntax'] },
  { name: 'channel', path: 'server/src/service/channel', mayImport: ['request', 'catalog', 'shared'] },
  {
    name: 'rules',
    path: 'server/src/service/rules',
    mayImport: ['channel', 'request', 'catalog', 'syntax', 'findings', 'time', 'text'],
  },
  {
    name: 'document',
    path: 'server/src/service/document',
    mayImport: ['rules', 'channel', 'request', 'schema', 'catalog', 'syntax', 'findings', 'shared'],
  },
  {
    name: 'workspace',
    path: 'server/src/service/workspace',
    mayImport: ['document', 'catalog', 'syntax', 'findings', 'shared'],
  },
  {
    name: 'prediction/input',
    path: 'server/src/service/prediction/input',
    mayImport: ['channel', 'catalog', 'shared'],
  },
  {
    name: 'prediction/parameters',
    path: 'server/src/service/prediction/parameters',
    mayImport: ['prediction/input', 'catalog', 'time', 'shared'],
  },
  {
    name: 'prediction/engine',
    path: 'server/src/service/prediction/engine',
    mayImport: ['prediction/parameters', 'prediction/input', 'catalog', 'time', 'shared'],
  },
  {
    name: 'prediction/output',
    path: 'server/src/service/prediction/output',
    mayImport: ['prediction/engine', 'prediction/input', 'shared'],
  },
  {
    name: 'prediction',
    path: 'server/src/service/prediction',
    mayImport: ['prediction/output', 'prediction/engine', 'prediction/input', 'text', 'shared'],
  },
  // The façade and what it alone needs (planService.ts, planToPrediction.ts): the files directly in service/.
  {
    name: 'service',
    path: 'server/src/service',
    mayImport: [
      'prediction',
      'prediction/input',
      'workspace',
      'document',
      'rules',
      'channel',
      'syntax',
      'findings',
      'catalog',
      'shared',
    ],
  },
  {
    name: 'features/edits',
    path: 'server/src/service/features/edits',
    mayImport: ['document', 'syntax', 'findings', 'shared'],
  },
  {
    name: 'features/hover',
    path: 'server/src/service/features/hover',
    mayImport: ['document', 'schema', 'channel', 'catalog', 'syntax', 'time', 'text', 'shared'],
  },
  {
    name: 'features/completion',
    path: 'server/src/service/features/completion',
    mayImport: [
      'features/hover',
      'document',
      'schema',
      'channel',
      'request',
      'catalog',
      'syntax',
      'text',
      'shared',
    ],
  },
  {
    name: 'features/outline',
    path: 'server/src/service/features/outline',
    mayImport: ['service', 'document', 'request', 'catalog', 'syntax', 'shared'],
  },
  {
    name: 'features/navigation',
    path: 'server/src/service/features/navigation',
    mayImport: ['features/edits', 'service', 'workspace', 'document', 'catalog', 'syntax', 'shared'],
  },
  {
    name: 'features/reports',
    path: 'server/src/service/features/reports',
    mayImport: ['service', 'prediction', 'prediction/input', 'document', 'shared'],
  },
  {
    name: 'import',
    path: 'server/src/service/import',
    mayImport: ['service', 'document', 'findings', 'text', 'shared'],
  },
  { name: 'platform', path: 'server/src/platform', mayImport: ['workspace'] },
  {
    name: 'cli',
    path: 'server/src/cli',
    mayImport: ['service', ...SERVICE, ...FEATURES, 'import', 'platform', 'shared'],
  },
  {
    name: 'lsp',
    path: 'server/src/lsp',
    mayImport: ['service', ...SERVICE, ...FEATURES, 'import', 'platform', 'shared'],
  },
  { name: 'client/webview', path: 'client/src/webview', mayImport: ['shared'] },
  { name: 'client', path: 'client/src', mayImport: ['shared'] },
];
