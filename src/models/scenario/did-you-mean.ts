/** "Did you mean" suggestions for misspelt keys and names (edit distance). */

/** Levenshtein distance with adjacent transpositions counted as one edit ("rma" → "ram"). */
export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    before = prev;
    prev = row;
  }
  return prev[b.length];
}

/** The closest candidate, if close enough to be a plausible typo (case-insensitive, ≤ 1/3 of the length). */
export function closest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  const w = word.toLowerCase();
  for (const c of candidates) {
    const d = levenshtein(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(Math.max(word.length, 3) / 3));
  return best !== null && bestDistance <= limit ? best : null;
}

/** ` (did you mean "ram"?)` or, with no close candidate, a short list of what is allowed. */
export function suggestion(word: string, candidates: string[], listName = 'expected one of'): string {
  const near = closest(word, candidates);
  if (near) return ` (did you mean "${near}"?)`;
  if (candidates.length === 0) return '';
  const shown = candidates.slice(0, 20).join(', ');
  return ` (${listName}: ${shown}${candidates.length > 20 ? ', …' : ''})`;
}
