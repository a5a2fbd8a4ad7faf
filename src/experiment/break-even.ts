/**
 * Break-even (DOMAIN.md "Decisions need statistics"): each strategy's annual total is outlays plus rate ×
 * consequence, a straight line in a linear input's multiplier f — total(f) = intercept + slope × f — so the
 * multiplier at which two strategies cost the same is where their lines meet. The lines come from the
 * sensitivity runs at the low and high multiples (same random numbers, so the slope is the input's effect).
 */

export interface StrategyLine {
  name: string;
  intercept: number;
  slope: number;
}

export interface Crossing {
  factor: number;
  /** Cheaper just below and just above the crossing. */
  cheaperBelow: string;
  cheaperAbove: string;
  total: number;
  /** The cheapest strategy of all is a different one on either side. */
  changesCheapest: boolean;
}

/** The line through (low, totalLow) and (high, totalHigh); null when the range has no width. */
export function lineThrough(name: string, low: number, totalLow: number, high: number, totalHigh: number): StrategyLine | null {
  if (!(high > low)) return null;
  const slope = (totalHigh - totalLow) / (high - low);
  return { name, slope, intercept: totalLow - slope * low };
}

/** Whether `total` at `f` lies on the line, to the results' rounding (1e-6) plus floating error. */
export function onLine(line: StrategyLine, f: number, total: number): boolean {
  const expected = line.intercept + line.slope * f;
  return Math.abs(expected - total) <= 1e-5 + 1e-9 * Math.max(Math.abs(total), Math.abs(expected));
}

const valueAt = (l: StrategyLine, f: number) => l.intercept + l.slope * f;

function cheapestAt(lines: readonly StrategyLine[], f: number): string {
  let best = lines[0]!;
  for (const l of lines) if (valueAt(l, f) < valueAt(best, f)) best = l;
  return best.name;
}

/** Every multiplier > 0 where two strategies' lines cross (parallel lines never do), in increasing order. */
export function crossings(lines: readonly StrategyLine[]): Crossing[] {
  const out: Crossing[] = [];
  for (let i = 0; i < lines.length; i++) {
    for (let j = i + 1; j < lines.length; j++) {
      const a = lines[i]!;
      const b = lines[j]!;
      // Slopes equal but for the results' rounding (1e-6 per total) are parallel: a crossing there is noise.
      if (Math.abs(a.slope - b.slope) <= 1e-6 + 1e-9 * Math.max(Math.abs(a.slope), Math.abs(b.slope))) continue;
      const f = (b.intercept - a.intercept) / (a.slope - b.slope);
      if (!(f > 0) || !Number.isFinite(f)) continue;
      // Below the crossing the flatter line is dearer (it started higher); above it, cheaper.
      const [steeper, flatter] = a.slope > b.slope ? [a, b] : [b, a];
      // The cheapest on either side, a hair away from the crossing (relative, so any scale of f works).
      const eps = f * 1e-9;
      out.push({
        factor: f,
        cheaperBelow: steeper.name,
        cheaperAbove: flatter.name,
        total: valueAt(a, f),
        changesCheapest: cheapestAt(lines, f - eps) !== cheapestAt(lines, f + eps),
      });
    }
  }
  return out.sort((x, y) => x.factor - y.factor || x.cheaperBelow.localeCompare(y.cheaperBelow));
}
