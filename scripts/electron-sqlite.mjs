#!/usr/bin/env node
/**
 * Builds better-sqlite3's native binary for Electron's ABI into
 * node_modules/.loupe-electron/better_sqlite3.node, for the unpackaged desktop app (`npm start`;
 * electron/shell/sqliteBinding.ts loads it). node_modules/better-sqlite3/build stays the Node build,
 * so vitest and the CLI keep working: the build happens in a temporary copy of the package.
 *
 * Fast path: a stamp next to the binary records the Electron version, platform, arch and
 * better-sqlite3 version it was built for; when all match, this exits at once.
 * Otherwise: prebuild-install (downloads a prebuilt binary from better-sqlite3's GitHub releases),
 * falling back to node-gyp against Electron's headers (needs a C++ toolchain and Python).
 *
 * Usage: node scripts/electron-sqlite.mjs [--dry-run] [--force]
 *   --dry-run  print what would be done, change nothing
 *   --force    rebuild even when the stamp matches
 * Progress goes to stderr. Exit status 0 on success (or up to date), 1 on failure.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  BUILD_INPUTS,
  buildEnv,
  electronArch,
  isUpToDate,
  makeStamp,
  nodeGypArgs,
  prebuildInstallArgs,
} from './electron-sqlite-lib.mjs';

const root = resolve(import.meta.dirname, '..');
const flags = new Set(process.argv.slice(2));
const dryRun = flags.has('--dry-run');
const force = flags.has('--force');
const outDir = join(root, 'node_modules', '.loupe-electron');
const binaryPath = join(outDir, 'better_sqlite3.node');
const stampPath = join(outDir, 'stamp.json');
const BUILT = join('build', 'Release', 'better_sqlite3.node');

const log = (message) => process.stderr.write(`electron-sqlite: ${message}\n`);

function fail(message) {
  log(`FAILED: ${message}`);
  log('The desktop app (npm start) cannot open its database without this binary. Tests and the CLI are unaffected.');
  process.exit(1);
}

const requireFromRoot = createRequire(join(root, 'package.json'));

function installed(name) {
  let manifest;
  try {
    manifest = requireFromRoot.resolve(`${name}/package.json`);
  } catch {
    fail(`${name} is not installed; run npm install first.`);
  }
  return { dir: dirname(manifest), version: JSON.parse(readFileSync(manifest, 'utf8')).version };
}

function readText(path) {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** node-gyp: the project's copy, then npm's bundled one, then `npx node-gyp`. */
function findNodeGyp() {
  const candidates = [];
  try {
    candidates.push(requireFromRoot.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not installed in the project; try npm's own copy
  }
  if (process.env.npm_execpath) {
    candidates.push(join(dirname(process.env.npm_execpath), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  const nodeDir = dirname(process.execPath);
  candidates.push(join(nodeDir, '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')); // Unix
  candidates.push(join(nodeDir, 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js')); // Windows
  const found = candidates.find((path) => existsSync(path));
  if (found) return { command: process.execPath, prefix: [found], shell: false, label: `node-gyp (${found})` };
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  return { command: npx, prefix: ['--yes', 'node-gyp'], shell: process.platform === 'win32', label: 'npx node-gyp' };
}

function run(label, command, prefix, args, cwd, shell = false) {
  log(`running ${label} ${args.join(' ')}`);
  const result = spawnSync(command, [...prefix, ...args], { cwd, env: buildEnv(process.env), stdio: ['ignore', 'inherit', 'inherit'], shell });
  if (result.error) log(`${label} could not start: ${result.error.message}`);
  return result.status === 0;
}

const electron = installed('electron');
const betterSqlite3 = installed('better-sqlite3');
const target = {
  electron: electron.version,
  betterSqlite3: betterSqlite3.version,
  platform: process.platform,
  arch: electronArch(process.env, process.arch),
};
const describe = `Electron ${target.electron} ${target.platform}-${target.arch}, better-sqlite3 ${target.betterSqlite3}`;

if (!force && isUpToDate({ binaryExists: existsSync(binaryPath), stampText: readText(stampPath), target })) {
  log(`up to date (${describe})`);
  process.exit(0);
}

const prebuildInstall = createRequire(join(betterSqlite3.dir, 'package.json')).resolve('prebuild-install/bin.js');
const nodeGyp = findNodeGyp();
const devDir = join(homedir(), '.electron-gyp');

if (dryRun) {
  log(`would build better-sqlite3 for ${describe}`);
  log(`  copy ${BUILD_INPUTS.join(', ')} from ${betterSqlite3.dir} to a temporary folder`);
  log(`  try:  node ${prebuildInstall} ${prebuildInstallArgs(target).join(' ')}`);
  log(`  else: ${nodeGyp.label} ${nodeGypArgs(target, devDir).join(' ')}`);
  log(`  then copy ${BUILT} to ${binaryPath} and write ${stampPath}`);
  process.exit(0);
}

log(`building better-sqlite3 for ${describe} (node_modules/better-sqlite3 itself is left as is)`);
const work = mkdtempSync(join(tmpdir(), 'loupe-sqlite-'));
let failure = null;
try {
  for (const entry of BUILD_INPUTS) {
    const from = join(betterSqlite3.dir, entry);
    if (!existsSync(from)) throw new Error(`${from} is missing; reinstall better-sqlite3 (npm install).`);
    cpSync(from, join(work, entry), { recursive: true });
  }
  const built = join(work, BUILT);
  let ok = run('prebuild-install', process.execPath, [prebuildInstall], prebuildInstallArgs(target), work) && existsSync(built);
  if (!ok) {
    log('no prebuilt binary; compiling from source instead (takes a minute or two; needs Python and a C++ compiler)');
    ok = run(nodeGyp.label, nodeGyp.command, nodeGyp.prefix, nodeGypArgs(target, devDir), work, nodeGyp.shell) && existsSync(built);
  }
  if (!ok) {
    throw new Error(
      'neither a prebuilt binary (github.com) nor Electron headers (electronjs.org) could be fetched, or the compile failed. ' +
        'Check the network and the build tools, then run `node scripts/electron-sqlite.mjs` again.',
    );
  }
  mkdirSync(outDir, { recursive: true });
  // Stamp last, binary by copy-then-rename: an interrupted run never leaves a matching stamp
  // next to a missing or half-written binary.
  rmSync(stampPath, { force: true });
  copyFileSync(built, `${binaryPath}.tmp`);
  renameSync(`${binaryPath}.tmp`, binaryPath);
  writeFileSync(stampPath, `${JSON.stringify(makeStamp(target), null, 2)}\n`);
  log(`done: ${binaryPath}`);
} catch (error) {
  failure = error instanceof Error ? error.message : String(error);
} finally {
  // Before any exit: process.exit would skip this.
  rmSync(work, { recursive: true, force: true });
}
if (failure !== null) fail(failure);
