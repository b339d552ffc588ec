import { describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import { openDialogShape, packPathFromArgv, packPathFromDialog, withPackExtension } from '../../../electron/shell/launch';

describe('packPathFromArgv', () => {
  it('finds a pack given by a file association (packaged: argv[1])', () => {
    expect(packPathFromArgv(['/opt/Loupe/loupe', '/home/a/work/batch.loupe'], '/')).toBe('/home/a/work/batch.loupe');
  });

  it('skips the executable, the dev app folder and Chromium switches', () => {
    expect(packPathFromArgv(['/usr/bin/electron', '.', '--no-sandbox', 'batch.LOUPE'], '/home/a')).toBe(resolve('/home/a', 'batch.LOUPE'));
    expect(packPathFromArgv(['/usr/bin/electron', '.'], '/home/a')).toBeNull();
    expect(packPathFromArgv(['/Applications/Loupe.app/Contents/MacOS/Loupe', '-psn_0_12345'], '/')).toBeNull();
    expect(packPathFromArgv(['x.loupe'], '/')).toBeNull(); // argv[0] is the program, never a pack
  });

  it('ignores switches that end like a pack and picks the last pack', () => {
    expect(packPathFromArgv(['loupe', '--open=a.loupe', 'a.loupe', 'b.loupe'], '/w')).toBe(resolve('/w', 'b.loupe'));
  });

  it('ignores folders and other files', () => {
    expect(packPathFromArgv(['loupe', '/home/a/pack-folder', '/home/a/notes.txt'], '/')).toBeNull();
  });
});

describe('open dialog', () => {
  it('lets macOS pick files and folders in one panel', () => {
    expect(openDialogShape('darwin').properties).toEqual(['openFile', 'openDirectory']);
  });

  it('asks for a file on Windows and Linux, where openFile+openDirectory shows a folder picker only', () => {
    for (const platform of ['win32', 'linux'] as const) {
      const shape = openDialogShape(platform);
      expect(shape.properties).toEqual(['openFile']);
      expect(shape.filters[0]).toEqual({ name: 'Loupe pack', extensions: ['loupe'] });
      expect(shape.filters.some((f) => f.extensions.includes('json'))).toBe(true);
    }
  });

  it('maps a chosen manifest.json to its pack folder', () => {
    expect(packPathFromDialog([resolve('/data/pack/manifest.json')])).toBe(resolve('/data/pack'));
    expect(packPathFromDialog([resolve('/data/pack/MANIFEST.JSON')])).toBe(resolve('/data/pack'));
    expect(packPathFromDialog([resolve('/data/batch.loupe')])).toBe(resolve('/data/batch.loupe'));
    expect(packPathFromDialog([resolve('/data/pack')])).toBe(resolve('/data/pack'));
    expect(packPathFromDialog([])).toBeNull();
  });
});

describe('withPackExtension', () => {
  it('adds .loupe when a save dialog did not', () => {
    expect(withPackExtension('/out/results')).toBe('/out/results.loupe');
    expect(withPackExtension('/out/results.loupe')).toBe('/out/results.loupe');
    expect(withPackExtension('/out/results.LOUPE')).toBe('/out/results.LOUPE');
  });
});
