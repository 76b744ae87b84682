// @ts-check
/**
 * The folders of the code and what each may import: the order of docs/architecture.md, enforced by
 * eslint-plugin-boundaries (eslint.config.mjs). A folder may import itself and what its row names,
 * nothing else; tests and benchmarks may import anything. docs/architecture.md shows the same table,
 * and a unit test keeps the two equal.
 */

/** @typedef {{ name: string, path: string, mayImport: string[] }} Layer */

const SERVICE_ROOT = 'server/src/service';

/**
 * Row names written as one string, separated by spaces.
 * @param {string} names
 */
function words(names) {
  return names.split(' ').filter(Boolean);
}

/**
 * A folder of the plan service, named by its path below `server/src/service`.
 * @param {string} name
 * @param {string} mayImport the rows it may import, separated by spaces
 * @returns {Layer}
 */
function service(name, mayImport) {
  return { name, path: `${SERVICE_ROOT}/${name}`, mayImport: words(mayImport) };
}

/** Bottom to top. A file belongs to the row with the longest path that holds it. */
const SERVICE_LAYERS = [
  service('text', ''),
  service('time', 'shared'),
  service('work', ''),
  service('findings', 'text'),
  service('syntax', 'findings'),
  service('catalog', 'syntax time'),
  service('schema', 'catalog syntax findings time text'),
  service('request', 'syntax'),
  service('channel', 'request catalog shared'),
  service('rules', 'channel request catalog syntax findings time text'),
  service('document', 'rules channel request schema catalog syntax findings shared'),
  service('workspace', 'document catalog syntax findings text shared'),
  service('prediction/input', 'channel catalog shared'),
  service('prediction/parameters', 'prediction/input catalog time shared'),
  service('prediction/engine', 'prediction/parameters prediction/input catalog time work shared'),
  service('prediction/output', 'prediction/engine prediction/input shared'),
  service('prediction', 'prediction/output prediction/engine prediction/input text work shared'),
];

/** The façade and what it alone needs: the files directly in `server/src/service` (planService.ts, planToPrediction.ts). */
const FACADE = {
  name: 'service',
  path: SERVICE_ROOT,
  mayImport: words(
    'prediction prediction/input workspace document rules channel syntax findings catalog shared',
  ),
};

const FEATURE_LAYERS = [
  service('features/edits', 'document syntax findings text shared'),
  service('features/hover', 'document schema channel catalog syntax time text shared'),
  service('features/completion', 'features/hover document schema channel request catalog syntax text shared'),
  service('features/outline', 'service document request catalog syntax shared'),
  service('features/navigation', 'features/edits service workspace document catalog syntax text work shared'),
  service('features/reports', 'service prediction prediction/input document work text shared'),
  service('import', 'service document findings text shared'),
  service('diff', 'features/reports service prediction/input document findings workspace shared'),
  service('calibration', 'prediction/parameters catalog time text shared'),
];

/** Every folder of the plan service, for the two faces that may use all of it. */
const EVERY_SERVICE_FOLDER = [...SERVICE_LAYERS, FACADE, ...FEATURE_LAYERS].map((layer) => layer.name);

/** @type {Layer[]} */
export const LAYERS = [
  { name: 'shared', path: 'shared', mayImport: [] },
  ...SERVICE_LAYERS,
  FACADE,
  ...FEATURE_LAYERS,
  { name: 'platform', path: 'server/src/platform', mayImport: ['workspace'] },
  { name: 'cli', path: 'server/src/cli', mayImport: [...EVERY_SERVICE_FOLDER, 'platform', 'shared'] },
  { name: 'lsp', path: 'server/src/lsp', mayImport: [...EVERY_SERVICE_FOLDER, 'platform', 'shared'] },
  { name: 'client/webview', path: 'client/src/webview', mayImport: ['shared'] },
  { name: 'client', path: 'client/src', mayImport: ['shared'] },
];
