/**
 * Pure helpers of scripts/electron-sqlite.mjs (no I/O, so tests/unit/shell can check them): the
 * stamp saying which Electron/arch/better-sqlite3 a binary was built for, the build commands, and
 * the environment the build runs in.
 */

export const STAMP_FORMAT = 1;

/** What node_modules/better-sqlite3 needs to compile (its package.json `files`, minus lib/). */
export const BUILD_INPUTS = ['package.json', 'binding.gyp', 'src', 'deps'];

/** Electron's own header server: node-gyp builds against Electron's headers, not Node's. */
export const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';

/**
 * @typedef {{ electron: string, betterSqlite3: string, platform: string, arch: string }} Target
 * @typedef {Target & { format: number }} Stamp
 */

/** @param {Target} target @returns {Stamp} */
export function makeStamp(target) {
  return {
    format: STAMP_FORMAT,
    electron: target.electron,
    betterSqlite3: target.betterSqlite3,
    platform: target.platform,
    arch: target.arch,
  };
}

/** @param {string | null | undefined} text @returns {Stamp | null} */
export function parseStamp(text) {
  if (!text) return null;
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  for (const key of ['electron', 'betterSqlite3', 'platform', 'arch']) {
    if (typeof value[key] !== 'string') return null;
  }
  if (value.format !== STAMP_FORMAT) return null;
  return value;
}

/**
 * True when the existing binary was built for this exact target, so the script can stop at once.
 * @param {{ binaryExists: boolean, stampText: string | null | undefined, target: Target }} input
 */
export function isUpToDate({ binaryExists, stampText, target }) {
  if (!binaryExists) return false;
  const stamp = parseStamp(stampText);
  if (!stamp) return false;
  const want = makeStamp(target);
  return (['electron', 'betterSqlite3', 'platform', 'arch']).every((key) => stamp[key] === want[key]);
}

/**
 * The arch Electron was installed for: electron's own install script reads the same variables.
 * @param {Record<string, string | undefined>} env @param {string} processArch
 */
export function electronArch(env, processArch) {
  return env.ELECTRON_INSTALL_ARCH || env.npm_config_arch || processArch;
}

/** @param {Target} target */
export function prebuildInstallArgs(target) {
  return ['--runtime', 'electron', '--target', target.electron, '--arch', target.arch, '--platform', target.platform, '--verbose'];
}

/** @param {Target} target @param {string} devDir */
export function nodeGypArgs(target, devDir) {
  return [
    'rebuild',
    '--release',
    '--runtime=electron',
    `--target=${target.electron}`,
    `--arch=${target.arch}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
    // Electron's headers cached apart from Node's (a header folder is named by version only).
    `--devdir=${devDir}`,
  ];
}

/**
 * The build's environment: npm settings that would point node-gyp or prebuild-install at another
 * runtime are dropped (e.g. a machine-wide `nodedir`, which makes node-gyp use Node's headers
 * whatever --target says). Names are compared case-insensitively, as Windows and node-gyp do.
 * @param {Record<string, string | undefined>} env
 */
export function buildEnv(env) {
  const drop = new Set(['nodedir', 'target', 'runtime', 'disturl', 'dist_url', 'devdir', 'arch', 'platform']);
  /** @type {Record<string, string>} */
  const out = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) continue;
    const match = /^npm_config_(.+)$/i.exec(name);
    if (match && drop.has(match[1].toLowerCase())) continue;
    out[name] = value;
  }
  return out;
}
