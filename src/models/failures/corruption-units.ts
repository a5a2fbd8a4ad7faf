/**
 * The units a logical corruption of a given scope can hit, each as its VMs (index order): every VM; every
 * application (a VM outside any is its own, in order of first appearance); every site holding VMs; the
 * estate. Rates in the file are per unit; the draw picks a unit uniformly.
 */
import type { CorruptionScope, Vm } from '../scenario/model.js';

const cache = new WeakMap<readonly Vm[], Map<CorruptionScope, number[][]>>();

export function corruptionUnits(vms: readonly Vm[], scope: CorruptionScope): number[][] {
  let byScope = cache.get(vms);
  if (byScope === undefined) cache.set(vms, (byScope = new Map()));
  let units = byScope.get(scope);
  if (units === undefined) byScope.set(scope, (units = buildUnits(vms, scope)));
  return units;
}

function buildUnits(vms: readonly Vm[], scope: CorruptionScope): number[][] {
  if (vms.length === 0) return [];
  if (scope === 'vm') return vms.map((_, i) => [i]);
  if (scope === 'estate') return [vms.map((_, i) => i)];
  const units = new Map<string, number[]>();
  vms.forEach((v, i) => {
    const key = scope === 'site' ? `site:${v.site}` : v.app === null ? `vm:${i}` : `app:${v.app}`;
    let unit = units.get(key);
    if (unit === undefined) units.set(key, (unit = []));
    unit.push(i);
  });
  return [...units.values()];
}
