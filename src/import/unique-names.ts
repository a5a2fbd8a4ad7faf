/** Names made unique and safe: duplicate VM names get " (2)", " (3)", ...; slugs for generated names. */

/**
 * Returns a unique name per input, in order: the first of each name keeps it, later ones become
 * "name (2)", "name (3)", ... skipping any that are taken (also by names later in the list).
 * Names compare case-sensitively, as the scenario language does.
 */
export function uniqueNames(names: readonly string[]): { names: string[]; renamed: Array<{ from: string; to: string; index: number }> } {
  const taken = new Set(names);
  const seen = new Set<string>();
  const out: string[] = [];
  const renamed: Array<{ from: string; to: string; index: number }> = [];
  names.forEach((n, index) => {
    if (!seen.has(n)) {
      seen.add(n);
      out.push(n);
      return;
    }
    let k = 2;
    while (taken.has(`${n} (${k})`)) k++;
    const to = `${n} (${k})`;
    taken.add(to);
    seen.add(to);
    out.push(to);
    renamed.push({ from: n, to, index });
  });
  return { names: out, renamed };
}

/** "PowerEdge R750 / Intel(R) Xeon(R) Gold 6338" → "poweredge-r750"; for generated model names. */
export function slug(text: string, maxParts = 2): string {
  const parts = text.toLowerCase().replace(/\((r|tm)\)/g, '').split(/[^a-z0-9]+/).filter((p) => p.length > 0 && !['intel', 'amd', 'cpu', 'inc', 'corporation'].includes(p));
  return parts.slice(0, maxParts).join('-') || 'host';
}

/** Adds "-2", "-3" to a generated name until it is not in `taken`; records it. */
export function claim(base: string, taken: Set<string>): string {
  let name = base;
  for (let k = 2; taken.has(name); k++) name = `${base}-${k}`;
  taken.add(name);
  return name;
}
