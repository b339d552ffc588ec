/**
 * Label colors for imported label sets. Loupe stores colors as `#rrggbb`; other tools write CSS
 * colors (Label Studio's `background="rgba(218, 1, 238, 1)"` or `"red"`) or none at all. A color
 * the file gives is kept when it parses; otherwise labels take the fixed palette in order, so the
 * same file always imports with the same colors.
 */

/** Distinct on a light or dark canvas, and in label order far apart from their neighbours. */
const PALETTE = [
  '#e03131',
  '#1971c2',
  '#2f9e44',
  '#f08c00',
  '#9c36b5',
  '#0c8599',
  '#e8590c',
  '#5c940d',
  '#c2255c',
  '#3b5bdb',
  '#fab005',
  '#868e96',
] as const;

export function paletteColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}

/** The CSS color names that labeling configs use in practice (Label Studio's templates use these). */
const NAMED: Readonly<Record<string, string>> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  lime: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  cyan: '#00ffff',
  aqua: '#00ffff',
  magenta: '#ff00ff',
  fuchsia: '#ff00ff',
  orange: '#ffa500',
  purple: '#800080',
  pink: '#ffc0cb',
  brown: '#a52a2a',
  gray: '#808080',
  grey: '#808080',
  silver: '#c0c0c0',
  maroon: '#800000',
  olive: '#808000',
  navy: '#000080',
  teal: '#008080',
  gold: '#ffd700',
  violet: '#ee82ee',
  indigo: '#4b0082',
  turquoise: '#40e0d0',
  coral: '#ff7f50',
  salmon: '#fa8072',
  crimson: '#dc143c',
  orchid: '#da70d6',
  khaki: '#f0e68c',
  tomato: '#ff6347',
  lightblue: '#add8e6',
  lightgreen: '#90ee90',
  darkblue: '#00008b',
  darkgreen: '#006400',
  darkred: '#8b0000',
  darkorange: '#ff8c00',
  skyblue: '#87ceeb',
  steelblue: '#4682b4',
  royalblue: '#4169e1',
  dodgerblue: '#1e90ff',
};

const hex2 = (n: number) => Math.round(Math.min(255, Math.max(0, n))).toString(16).padStart(2, '0');

/** One rgb() channel: `218`, or a percentage `85%`. */
function channel(text: string): number | null {
  const m = /^(-?\d+(?:\.\d+)?)(%?)$/.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1]);
  return m[2] ? (value * 255) / 100 : value;
}

/**
 * `#rrggbb` for a CSS color (`#abc`, `#aabbcc`, `#aabbccdd`, `rgb(…)`, `rgba(…)`, a common name),
 * or null when it does not parse. Alpha is dropped: Loupe draws labels with its own opacity.
 */
export function cssColorToHex(value: string | undefined | null): string | null {
  if (!value) return null;
  const text = value.trim().toLowerCase();
  const named = NAMED[text];
  if (named) return named;
  let m = /^#([0-9a-f]{3,4})$/.exec(text);
  if (m) return `#${[...m[1]!.slice(0, 3)].map((c) => c + c).join('')}`;
  m = /^#([0-9a-f]{6})(?:[0-9a-f]{2})?$/.exec(text);
  if (m) return `#${m[1]}`;
  m = /^rgba?\((.*)\)$/.exec(text);
  if (!m) return null;
  // Both `rgb(1, 2, 3)` / `rgba(1, 2, 3, 0.5)` and the newer `rgb(1 2 3 / 50%)`.
  const parts = m[1]!.split('/')[0]!.split(/[\s,]+/).filter(Boolean);
  if (parts.length < 3 || parts.length > 4) return null;
  const rgb = parts.slice(0, 3).map(channel);
  if (rgb.some((c) => c === null)) return null;
  return `#${rgb.map((c) => hex2(c!)).join('')}`;
}
