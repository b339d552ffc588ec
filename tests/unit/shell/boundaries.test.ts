/**
 * Static checks on the shell's sources: the pieces unit-tested under Node must not load electron
 * at run time, and the preload must expose `window.loupe` only, never ipcRenderer.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');
const source = (path: string) => readFileSync(resolve(root, path), 'utf8');

describe('shell boundaries', () => {
  it('keeps the pure modules free of run-time electron imports', () => {
    for (const file of ['trust.ts', 'launch.ts', 'sqliteBinding.ts', 'menuTemplate.ts']) {
      const text = source(`electron/shell/${file}`);
      const valueImports = text.match(/^import\s+(?!type\b)[^;]*from\s+'electron'/gm) ?? [];
      expect(valueImports, file).toEqual([]);
    }
  });

  it('exposes one object from the preload and no ipcRenderer', () => {
    const text = source('electron/preload/index.ts');
    expect(text.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(text).toContain("exposeInMainWorld('loupe', api)");
    expect(text).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    // A sandboxed preload can require nothing but electron: values from the contract stay types.
    expect(text).not.toMatch(/^import\s+(?!type\b)[^;]*from\s+'\.\.\/\.\.\/shared/m);
  });
});
