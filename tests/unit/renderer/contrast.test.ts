/**
 * contrast.ts against WCAG's own figures, and the promise the theme and every label colour rely
 * on: text picked by inkOn / readableOn reaches 4.5:1, for any colour a lead might choose.
 */
import { describe, expect, it } from 'vitest';
import { blend, contrastRatio, inkOn, luminance, readableOn, TEXT_CONTRAST } from '../../../renderer/src/contrast';
import { createTheme, mergeMantineTheme, DEFAULT_THEME } from '@mantine/core';
import { cssVariablesResolver, theme } from '../../../renderer/src/theme';

describe('contrast', () => {
  it('matches WCAG: black on white is 21:1, a colour on itself 1:1, Mantine gray 6 on white 3.32:1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#1c7ed6', '#1c7ed6')).toBe(1);
    expect(contrastRatio('#868e96', '#ffffff')).toBeCloseTo(3.32, 2);
    expect(luminance('#fff')).toBeCloseTo(1, 6);
  });

  it('inkOn gives 4.5:1 or more on every colour of a 4096-colour grid, the mid blues included', () => {
    let worst = Infinity;
    for (let n = 0; n < 4096; n += 1) {
      const hex = `#${[8, 4, 0].map((shift) => ((n >> shift) & 15).toString(16).repeat(2)).join('')}`;
      worst = Math.min(worst, contrastRatio(inkOn(hex), hex));
    }
    expect(worst).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(inkOn('#1c7ed6')).toBe('#000000'); // white is only 4.19:1 here
    expect(inkOn('#364fc7')).toBe('#ffffff');
  });

  it('readableOn darkens on light surfaces and lightens on dark ones just enough, and leaves a readable colour alone', () => {
    const orange = readableOn('#fd7e14', '#ffffff');
    expect(contrastRatio(orange, '#ffffff')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(luminance(orange)).toBeLessThan(luminance('#fd7e14'));
    const onDark = readableOn('#495057', '#242424');
    expect(contrastRatio(onDark, '#242424')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    expect(readableOn('#000000', '#ffffff')).toBe('#000000');
    expect(blend('#000000', 0.5, '#ffffff')).toBe('#808080');
  });

  it("the theme's coloured text reads on the page and on its own tint, in both schemes, for every palette colour", () => {
    const merged = mergeMantineTheme(DEFAULT_THEME, createTheme(theme));
    const vars = cssVariablesResolver(merged);
    for (const name of Object.keys(merged.colors).filter((c) => c !== 'dark' && c !== 'gray')) {
      const shades = merged.colors[name]!;
      const lightText = vars.light[`--mantine-color-${name}-text`]!;
      expect(contrastRatio(lightText, '#ffffff'), `${name} text, light`).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(lightText, shades[1]!), `${name} text on its tint, light`).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(vars.light[`--mantine-color-${name}-light-color`]!, shades[1]!), `${name} light variant`).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(vars.dark[`--mantine-color-${name}-text`]!, merged.colors.dark![7]!), `${name} text, dark`).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(vars.dark[`--mantine-color-${name}-light-color`]!, blend('#000000', 0.5, shades[9]!)), `${name} light variant, dark`).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }
  });
});
