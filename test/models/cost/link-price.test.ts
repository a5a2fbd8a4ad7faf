import { describe, expect, test } from '@jest/globals';
import { monthlyPriceAt } from '../../../src/models/cost/link-price.js';
import { parseScenario } from '../../../src/models/scenario/loader.js';
import { MINIMAL } from '../../support/scenario-helpers.js';

const M = 1e6;

describe('WAN link prices by bandwidth', () => {
  test('per Mbit/s with a floor; a table of sizes prices a bandwidth as the next size up', () => {
    expect(monthlyPriceAt({ kind: 'per-bandwidth', perMbitPerMonth: 12, minimumPerMonth: 500 }, 20 * M)).toBe(500);
    expect(monthlyPriceAt({ kind: 'per-bandwidth', perMbitPerMonth: 12, minimumPerMonth: 500 }, 200 * M)).toBe(2400);
    const sizes = { kind: 'sizes' as const, sizes: [{ bandwidthBitsPerSecond: 50 * M, monthly: 900 }, { bandwidthBitsPerSecond: 100 * M, monthly: 1500 }, { bandwidthBitsPerSecond: 200 * M, monthly: 2400 }] };
    expect([50, 60, 100, 150, 200].map((b) => monthlyPriceAt(sizes, b * M))).toEqual([900, 1500, 1500, 2400, 2400]);
    expect(monthlyPriceAt({ kind: 'fixed', monthly: 700 }, 1e9)).toBe(700);
  });

  test('the language: price by sizes or per Mbit/s; a bandwidth between sizes warns, beyond the largest is an error, both forms at once is an error', () => {
    const withPrice = (bandwidth: string, price: string) => MINIMAL.replace('  - { name: wan, between: [hq, dr], bandwidth: 100 Mbit/s }', `  - { name: wan, between: [hq, dr], bandwidth: ${bandwidth}, price: ${price} }`);
    const table = '{ sizes: [{ bandwidth: 50 Mbit/s, monthly: "$900" }, { bandwidth: 100 Mbit/s, monthly: "$1,500" }] }';
    expect(parseScenario(withPrice('100 Mbit/s', table)).scenario.links[0].price).toEqual({ kind: 'sizes', sizes: [{ bandwidthBitsPerSecond: 50 * M, monthly: 900 }, { bandwidthBitsPerSecond: 100 * M, monthly: 1500 }] });
    expect(parseScenario(withPrice('60 Mbit/s', table)).warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/not a size it can be bought in: priced as 100 Mbit\/s/));
    expect(() => parseScenario(withPrice('1 Gbit/s', table))).toThrow(/more than the largest size it can be bought in \(100 Mbit\/s\)/);
    expect(parseScenario(withPrice('100 Mbit/s', '{ perMbit: "$12/month", minimum: "$500/month" }')).scenario.links[0].price).toEqual({ kind: 'per-bandwidth', perMbitPerMonth: 12, minimumPerMonth: 500 });
    expect(() => parseScenario(withPrice('100 Mbit/s', table + ', monthlyCost: "$10"'))).toThrow(/monthlyCost .* or price .*, not both/);
  });
});
