import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import {
  buildEnv,
  electronArch,
  isUpToDate,
  makeStamp,
  nodeGypArgs,
  parseStamp,
  prebuildInstallArgs,
} from '../../../scripts/electron-sqlite-lib.mjs';

const target = { electron: '45.5.0', betterSqlite3: '12.11.1', platform: 'linux', arch: 'x64' };
const stampText = JSON.stringify(makeStamp(target));

describe('stamp', () => {
  it('is up to date only with the binary and an identical target', () => {
    expect(isUpToDate({ binaryExists: true, stampText, target })).toBe(true);
    expect(isUpToDate({ binaryExists: false, stampText, target })).toBe(false);
    expect(isUpToDate({ binaryExists: true, stampText: null, target })).toBe(false);
    for (const change of [{ electron: '45.6.0' }, { betterSqlite3: '12.12.0' }, { platform: 'darwin' }, { arch: 'arm64' }]) {
      expect(isUpToDate({ binaryExists: true, stampText, target: { ...target, ...change } })).toBe(false);
    }
  });

  it('treats a damaged or foreign stamp as stale', () => {
    for (const text of ['', 'not json', 'null', '[]', '{}', JSON.stringify({ ...makeStamp(target), format: 99 }), JSON.stringify({ ...makeStamp(target), arch: 64 })]) {
      expect(parseStamp(text), text).toBeNull();
      expect(isUpToDate({ binaryExists: true, stampText: text, target })).toBe(false);
    }
    expect(parseStamp(stampText)).toEqual(makeStamp(target));
  });
});

describe('build commands', () => {
  it('asks prebuild-install and node-gyp for the Electron target', () => {
    expect(prebuildInstallArgs(target)).toEqual(expect.arrayContaining(['--runtime', 'electron', '--target', '45.5.0', '--arch', 'x64', '--platform', 'linux']));
    const gyp = nodeGypArgs(target, '/home/a/.electron-gyp');
    expect(gyp.slice(0, 2)).toEqual(['rebuild', '--release']);
    expect(gyp).toEqual(expect.arrayContaining(['--runtime=electron', '--target=45.5.0', '--arch=x64', '--dist-url=https://electronjs.org/headers', '--devdir=/home/a/.electron-gyp']));
  });

  it('follows the arch electron was installed for', () => {
    expect(electronArch({}, 'x64')).toBe('x64');
    expect(electronArch({ npm_config_arch: 'arm64' }, 'x64')).toBe('arm64');
    expect(electronArch({ ELECTRON_INSTALL_ARCH: 'ia32', npm_config_arch: 'arm64' }, 'x64')).toBe('ia32');
  });

  it('drops npm settings that would retarget the build, keeping the rest', () => {
    const env = buildEnv({ PATH: '/bin', npm_config_nodedir: '/usr', NPM_CONFIG_TARGET: '20.0.0', npm_config_runtime: 'node', npm_config_disturl: 'x', npm_config_cache: '/c', UNSET: undefined });
    expect(env).toEqual({ PATH: '/bin', npm_config_cache: '/c' });
  });
});

describe('scripts/electron-sqlite.mjs --dry-run', () => {
  it('prints its plan and changes nothing', () => {
    const root = resolve(import.meta.dirname, '../../..');
    const result = spawnSync(process.execPath, ['scripts/electron-sqlite.mjs', '--dry-run', '--force'], { cwd: root, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/would build better-sqlite3 for Electron \d+\.\d+\.\d+/);
    expect(result.stderr).toContain('prebuild-install');
    expect(result.stderr).toContain('--runtime=electron');
  });
});
