import { describe, expect, test } from '@jest/globals';
import { columnBlocks, strategyColumnsHtml, tableHtml } from '../../src/report/html-table.js';

describe('columnBlocks', () => {
  test('one block when everything fits', () => {
    expect(columnBlocks(100, [50, 50, 50], 300)).toEqual([[0, 1, 2]]);
  });

  test('as few blocks as fit, as even as they can be: 2 + 2, not 3 + 1', () => {
    // label 100 + three columns of 100 = 400 fits, four (500) does not: two blocks are needed.
    expect(columnBlocks(100, [100, 100, 100, 100], 400)).toEqual([[0, 1], [2, 3]]);
    // five columns: 3 + 2; seven: 3 + 2 + 2 (not the greedy 3 + 3 + 1).
    expect(columnBlocks(100, Array(5).fill(100), 400)).toEqual([[0, 1, 2], [3, 4]]);
    expect(columnBlocks(100, Array(7).fill(100), 400)).toEqual([[0, 1, 2], [3, 4], [5, 6]]);
  });

  test('a column wider than the page gets a block of its own; every column appears once, in order', () => {
    const blocks = columnBlocks(100, [50, 900, 50, 50], 400);
    expect(blocks.flat()).toEqual([0, 1, 2, 3]);
    expect(blocks.find((b) => b.includes(1))).toEqual([1]);
    for (const b of blocks) if (b.length > 1) expect(100 + b.reduce((s, k) => s + [50, 900, 50, 50][k]!, 0)).toBeLessThanOrEqual(400);
  });
});

describe('strategyColumnsHtml', () => {
  test('repeats the label column in every block and keeps each cell with its strategy', () => {
    const names = ['alpha-strategy', 'beta-strategy', 'gamma-strategy', 'delta-strategy'];
    const html = strategyColumnsHtml('t', 'Row', ['r0', 'r1'], names, (k, r) => `${names[k]}:${r}`, { maxPixels: 330 });
    const tables = html.split('<table').length - 1;
    expect(tables).toBeGreaterThan(1);
    expect(html.split('<th>Row</th>').length - 1).toBe(tables);
    for (const [k, n] of names.entries()) {
      const col = html.indexOf(`>${n}</th>`);
      expect(col).toBeGreaterThan(-1);
      expect(html.indexOf(`${names[k]}:1`)).toBeGreaterThan(col);
    }
  });

  test('escapes text', () => {
    expect(tableHtml('t', [{ header: 'a<b' }], [{ cells: ['<script>&'] }])).toContain('&lt;script&gt;&amp;');
  });
});
