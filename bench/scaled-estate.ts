/**
 * The synthetic estate (scenarios/synthetic-10k.yaml) at another size: every `count:` (VM templates and
 * hosts, DR hosts included) times the factor, and by default every shared capacity too (the WAN link's
 * bandwidth, storage capacity and storage and backup-target throughput), so each VM sees the same link share and the per-VM
 * physics stays that of the 10,000-VM estate: what grows is only how many things there are.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SYNTHETIC_10K = fileURLToPath(new URL('../scenarios/synthetic-10k.yaml', import.meta.url));

export interface EstateScaling {
  /** Keep the link and throughputs of the 10,000-VM estate (they saturate beyond it). */
  fixedCapacities?: boolean;
}

/** The YAML text of the synthetic estate with `vms` VMs (templates scaled by vms / 10,000). */
export function scaledEstateYaml(vms: number, options: EstateScaling = {}): string {
  const factor = vms / 10_000;
  const text = readFileSync(SYNTHETIC_10K, 'utf8');
  const scale = (q: string) => +(Number(q) * factor).toPrecision(6);
  let out = text.replace(/count: (\d+)/g, (_, n: string) => `count: ${Math.max(1, Math.round(Number(n) * factor))}`);
  if (!options.fixedCapacities) {
    out = out
      .replace(/bandwidth: ([\d.]+) Gbit\/s/g, (_, q: string) => `bandwidth: ${scale(q)} Gbit/s`)
      .replace(/capacity: ([\d.]+) PB/g, (_, q: string) => `capacity: ${scale(q)} PB`)
      .replace(/(read|write): ([\d.]+) GB\/s/g, (_, k: string, q: string) => `${k}: ${scale(q)} GB/s`);
  }
  return out.replace(/^name: synthetic-10k$/m, `name: synthetic-${vms}`);
}
