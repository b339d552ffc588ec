/**
 * WCAG 2.2 contrast, for colours the app cannot pick by hand: a pack's label colours (any colour a
 * lead chose) and the text shades of Mantine's palette on the backgrounds Loupe puts them on.
 * Relative luminance and contrast ratio as WCAG defines them (1.4.3: 4.5:1 for text).
 */
export const TEXT_CONTRAST = 4.5;

type Rgb = [number, number, number];

function parse(hex: string): Rgb {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h.slice(0, 6);
  const n = Number.parseInt(full, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const toHex = (rgb: Rgb) => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;

export function luminance(hex: string): number {
  const [r, g, b] = parse(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `top` at opacity `alpha` over `bottom`: the colour the eye (and axe) sees. */
export function blend(top: string, alpha: number, bottom: string): string {
  const t = parse(top);
  const b = parse(bottom);
  return toHex(t.map((c, i) => c * alpha + b[i]! * (1 - alpha)) as Rgb);
}

/** Black or white text on `background`, whichever contrasts more (at least 4.58:1 on any colour). */
export function inkOn(background: string): '#000000' | '#ffffff' {
  return contrastRatio('#000000', background) >= contrastRatio('#ffffff', background) ? '#000000' : '#ffffff';
}

/**
 * `color`, darkened (on a light background) or lightened (on a dark one) just enough to reach
 * `ratio` against `background`; unchanged when it already does.
 */
export function readableOn(color: string, background: string, ratio = TEXT_CONTRAST): string {
  const toward = luminance(background) > 0.179 ? '#000000' : '#ffffff';
  let out = color;
  for (let step = 1; step <= 20 && contrastRatio(out, background) < ratio; step += 1) out = blend(toward, step / 20, color);
  return out;
}
