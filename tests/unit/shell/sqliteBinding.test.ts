import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { sqliteNativeBinding } from '../../../electron/shell/sqliteBinding';

describe('sqliteNativeBinding', () => {
  it('uses the Electron build shipped in the resources folder when packaged', () => {
    const expected = join('/opt/Loupe/resources', 'better_sqlite3.node');
    expect(sqliteNativeBinding({ isPackaged: true, appRoot: '/app', resourcesPath: '/opt/Loupe/resources', exists: (p) => p === expected })).toBe(expected);
  });

  it('asks for a reinstall when a packaged app lacks it', () => {
    expect(() => sqliteNativeBinding({ isPackaged: true, appRoot: '/app', resourcesPath: '/r', exists: () => false })).toThrow(/Reinstall Loupe/);
  });

  it('uses the Electron copy in node_modules/.loupe-electron when unpackaged', () => {
    const expected = join('/repo', 'node_modules', '.loupe-electron', 'better_sqlite3.node');
    expect(sqliteNativeBinding({ isPackaged: false, appRoot: '/repo', exists: (p) => p === expected })).toBe(expected);
  });

  it('says how to build the Electron copy when it is missing', () => {
    expect(() => sqliteNativeBinding({ isPackaged: false, appRoot: '/repo', exists: () => false })).toThrow(/electron-sqlite\.mjs/);
  });
});
