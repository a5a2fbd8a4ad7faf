/**
 * Text widths in DejaVu Sans, the font the PNGs are drawn with. Headless vega has no canvas and
 * guesses 0.8 em per character, which makes every chart ~40% too wide and truncates labels that
 * would fit; with these advance widths (in em, measured once from DejaVu Sans with resvg) layout in
 * Node matches what resvg draws.
 */
const CHARS = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~–—…×°✓≥≤é·";
const REGULAR = [0.32,0.4,0.46,0.84,0.64,0.95,0.78,0.27,0.39,0.39,0.5,0.84,0.32,0.36,0.32,0.34,0.64,0.64,0.64,0.64,0.64,0.64,0.64,0.64,0.64,0.64,0.34,0.34,0.84,0.84,0.84,0.53,1,0.71,0.69,0.7,0.77,0.63,0.58,0.77,0.75,0.29,0.29,0.66,0.56,0.86,0.75,0.79,0.6,0.79,0.69,0.63,0.59,0.73,0.68,0.99,0.69,0.61,0.69,0.39,0.34,0.39,0.84,0.5,0.5,0.61,0.63,0.55,0.63,0.62,0.34,0.63,0.63,0.28,0.28,0.58,0.28,0.97,0.63,0.61,0.63,0.63,0.39,0.52,0.39,0.63,0.59,0.82,0.59,0.59,0.52,0.64,0.34,0.64,0.84,0.5,1,1,0.84,0.5,0.84,0.84,0.84,0.62,0.32];
const BOLD = [0.35,0.46,0.52,0.84,0.7,1,0.87,0.31,0.46,0.46,0.52,0.84,0.38,0.42,0.38,0.37,0.7,0.7,0.7,0.7,0.7,0.7,0.7,0.7,0.7,0.7,0.4,0.4,0.84,0.84,0.84,0.58,1,0.77,0.76,0.73,0.83,0.68,0.68,0.82,0.84,0.37,0.37,0.77,0.64,1,0.84,0.85,0.73,0.85,0.77,0.68,0.71,0.81,0.77,1.1,0.77,0.72,0.73,0.46,0.37,0.46,0.84,0.5,0.5,0.67,0.72,0.59,0.72,0.68,0.41,0.72,0.71,0.34,0.34,0.67,0.34,1.04,0.71,0.69,0.72,0.72,0.49,0.6,0.48,0.71,0.65,0.92,0.65,0.65,0.58,0.71,0.37,0.71,0.84,0.5,1,1,0.84,0.5,0.84,0.84,0.84,0.68,0.38];
const UNKNOWN_EM = 0.7;

const regular = new Map<string, number>();
const bold = new Map<string, number>();
[...CHARS].forEach((c, i) => { regular.set(c, REGULAR[i]!); bold.set(c, BOLD[i]!); });

function isBold(weight: unknown): boolean {
  return weight === 'bold' || weight === 'bolder' || (typeof weight === 'number' && weight >= 600) || (typeof weight === 'string' && Number(weight) >= 600);
}

/** Width in pixels of `text` set in DejaVu Sans at `fontSizePixels`. */
export function textWidthPixels(text: string, fontSizePixels: number, fontWeight?: unknown): number {
  const table = isBold(fontWeight) ? bold : regular;
  let em = 0;
  for (const c of text) em += table.get(c) ?? UNKNOWN_EM;
  return em * fontSizePixels;
}
