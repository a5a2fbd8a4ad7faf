/**
 * Where the texts of a chart land, read back from vega's SVG: each <text> with its enclosing mark's role
 * (axis label, legend label, title, a data label) and its box in the SVG's coordinates, from the group
 * translations, the text's own translate/rotate chain, its anchor and DejaVu Sans advance widths — so a
 * test can see labels printed over each other, as a reader would.
 */
import { textWidthPixels } from '../../src/report/text-width.js';

export interface Box { x0: number; y0: number; x1: number; y1: number }
export interface SvgText { text: string; role: string; fontSize: number; box: Box }

type Matrix = [number, number, number, number, number, number]; // a b c d e f: x' = a x + c y + e, y' = b x + d y + f
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
    m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

function parseTransform(attr: string | undefined): Matrix {
  let m = IDENTITY;
  if (!attr) return m;
  for (const t of attr.matchAll(/(translate|rotate)\(([^)]*)\)/g)) {
    const args = t[2]!.split(/[\s,]+/).filter(Boolean).map(Number);
    if (t[1] === 'translate') m = multiply(m, [1, 0, 0, 1, args[0] ?? 0, args[1] ?? 0]);
    else {
      const r = ((args[0] ?? 0) * Math.PI) / 180;
      m = multiply(m, [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0]);
    }
  }
  return m;
}

const attr = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

const decode = (s: string): string => s.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

export function svgTexts(svg: string): SvgText[] {
  const out: SvgText[] = [];
  const stack: { m: Matrix; role: string }[] = [{ m: IDENTITY, role: '' }];
  const re = /<(\/?)(g|text)\b([^>]*)>/g;
  let match: RegExpExecArray | null;
  while ((match = re.exec(svg))) {
    const [whole, close, tag, rest] = match as unknown as [string, string, string, string];
    const top = stack[stack.length - 1]!;
    if (tag === 'g') {
      if (close) { stack.pop(); continue; }
      const cls = attr(rest, 'class') ?? '';
      stack.push({ m: multiply(top.m, parseTransform(attr(rest, 'transform'))), role: /\bmark-/.test(cls) ? cls : top.role });
      if (whole.endsWith('/>')) stack.pop();
      continue;
    }
    if (close) continue;
    const end = svg.indexOf('</text>', re.lastIndex);
    const text = decode(svg.slice(re.lastIndex, end));
    re.lastIndex = end + '</text>'.length;
    // Labels an axis hid to avoid overlaps are drawn fully transparent.
    if (attr(rest, 'opacity') === '0') continue;
    const fontSize = Number((attr(rest, 'font-size') ?? '11').replace('px', ''));
    const width = textWidthPixels(text, fontSize, attr(rest, 'font-weight'));
    const anchor = attr(rest, 'text-anchor') ?? 'start';
    const left = anchor === 'middle' ? -width / 2 : anchor === 'end' ? -width : 0;
    // The transform ends on the alphabetic baseline: DejaVu Sans rises ~0.76 em above it and drops ~0.24 em below.
    const m = multiply(top.m, parseTransform(attr(rest, 'transform')));
    const corners = [[left, -0.76 * fontSize], [left + width, -0.76 * fontSize], [left, 0.24 * fontSize], [left + width, 0.24 * fontSize]]
      .map(([x, y]) => [m[0] * x! + m[2] * y! + m[4], m[1] * x! + m[3] * y! + m[5]] as const);
    out.push({
      text, role: top.role, fontSize,
      box: { x0: Math.min(...corners.map((c) => c[0])), y0: Math.min(...corners.map((c) => c[1])), x1: Math.max(...corners.map((c) => c[0])), y1: Math.max(...corners.map((c) => c[1])) },
    });
  }
  return out;
}

/** Boxes overlapping by more than `slack` pixels both ways. */
export function overlap(a: Box, b: Box, slack = 0.5): boolean {
  return Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > slack && Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) > slack;
}

/** Pairs of non-empty texts printed over each other, as "a | b" for a readable failure. */
export function overlappingTexts(texts: SvgText[], slack = 0.5): string[] {
  const shown = texts.filter((t) => t.text.trim() !== '');
  const pairs: string[] = [];
  for (let i = 0; i < shown.length; i++) {
    for (let j = i + 1; j < shown.length; j++) {
      if (overlap(shown[i]!.box, shown[j]!.box, slack)) pairs.push(`${shown[i]!.text} | ${shown[j]!.text}`);
    }
  }
  return pairs;
}
