/**
 * The vega, vega-lite and vega-embed browser bundles, read from node_modules to be inlined into
 * report.html (~830 KB) so the report opens offline. The packages' `exports` hide the bundles, so
 * they are found next to each package's resolved entry point.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

const BUNDLES: [pkg: string, file: string][] = [
  ['vega', 'vega.min.js'],
  ['vega-lite', 'vega-lite.min.js'],
  ['vega-embed', 'vega-embed.min.js'],
];

let cached: string[] | null = null;

/** Makes script text safe inside <script>: no `</script` or `<!--` can end or confuse the element. */
export function escapeScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON for a <script type="application/json"> element: every `<` escaped, so no tag can close it. */
export function escapeJsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** The three bundles' code, in load order, already escaped for inlining. */
export function vegaBundles(): string[] {
  if (!cached) {
    cached = BUNDLES.map(([pkg, file]) => escapeScript(readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8')));
  }
  return cached;
}
