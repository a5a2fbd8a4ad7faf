/**
 * Child process of report.bench.ts: reads a results.json and writes every report format, printing
 * phase times and its own peak RSS as JSON (a fresh process, so RSS is the report's alone).
 */
import { readResults, writeReport } from '../src/report/index.js';

const [resultsPath, outDir] = process.argv.slice(2) as [string, string];
const t0 = performance.now();
const results = readResults(resultsPath);
const t1 = performance.now();
const files = await writeReport(results, outDir, { formats: new Set(['csv', 'svg', 'png', 'html']) });
const t2 = performance.now();
process.stdout.write(JSON.stringify({
  readSeconds: (t1 - t0) / 1000,
  writeSeconds: (t2 - t1) / 1000,
  files: files.length,
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
}) + '\n');
