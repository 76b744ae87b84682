// Bundles the extension client, the language server and the CLI (each one file, all deps inside).
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // ESM-only dependencies read import.meta.url; give them this bundle's own URL.
  define: { ISC_PLAN_VERSION: JSON.stringify(pkg.version), 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('url').pathToFileURL(__filename).href;" },
  legalComments: 'none',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
};

const shebang = { js: `#!/usr/bin/env node\n${common.banner.js}` };

/**
 * SailPoint's SDK is loaded only when a pull runs: the CLI and the pull runner require
 * `./iscTenant.js`, its own bundle. The SDK is bundled from its ES module sources, which esbuild
 * can tree-shake to the APIs a pull calls (its CommonJS build holds every API of every version).
 */
const lazyTenantReader = {
  name: 'lazy-tenant-reader',
  setup(build) {
    build.onResolve({ filter: /platform\/iscTenant$/ }, (args) =>
      args.kind === 'entry-point' ? undefined : { path: './iscTenant.js', external: true },
    );
  },
};
const sdkSources = {
  name: 'sailpoint-sdk-sources',
  setup(build) {
    build.onResolve({ filter: /^sailpoint-api-client$/ }, () => ({
      path: fileURLToPath(new URL('./node_modules/sailpoint-api-client/index.ts', import.meta.url)),
    }));
  },
};
const builds = [
  {
    ...common,
    entryPoints: ['server/src/cli/bin.ts'],
    outfile: 'dist/cli.js',
    banner: shebang,
    plugins: [lazyTenantReader],
  },
  {
    ...common,
    entryPoints: ['server/src/cli/pullBin.ts'],
    outfile: 'dist/pull.js',
    plugins: [lazyTenantReader],
  },
  {
    ...common,
    entryPoints: ['server/src/platform/iscTenant.ts'],
    outfile: 'dist/iscTenant.js',
    plugins: [sdkSources],
  },
  { ...common, entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js', banner: shebang },
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['client/src/main.ts'], outfile: 'dist/main.js', external: ['vscode'] },
  { ...common, entryPoints: ['client/src/codeCacheWorker.ts'], outfile: 'dist/codeCacheWorker.js' },
];

/** The dry-run view's script runs in the webview (a browser); its styles and the codicon font sit beside it. */
const webview = {
  ...common,
  banner: undefined,
  define: { ISC_PLAN_VERSION: JSON.stringify(pkg.version) },
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  entryPoints: ['client/src/webview/dryRunView.ts'],
  outfile: 'dist/media/dryRun.js',
};
builds.push(webview);

// A production build starts clean, so no development leftovers (source maps) reach the package.
if (production) rmSync('dist', { recursive: true, force: true });

function copyMedia() {
  mkdirSync('dist/media', { recursive: true });
  copyFileSync('client/media/dryRun.css', 'dist/media/dryRun.css');
  copyFileSync('node_modules/@vscode/codicons/dist/codicon.css', 'dist/media/codicon.css');
  copyFileSync('node_modules/@vscode/codicons/dist/codicon.ttf', 'dist/media/codicon.ttf');
}
copyMedia();

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
