import { beforeAll, describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { Evaluator } from '../../src/experiment/evaluator.js';
import { drawTrialFailures } from '../../src/models/failures/draws.js';
import type { ResultsFile, StrategyResult, Summary } from '../../src/models/results.js';
import { drawLinkOutages } from '../../src/models/failures/outages.js';
import type { Scenario } from '../../src/models/scenario/model.js';
import { loadScenario } from '../../src/models/scenario/loader.js';
import { RandomStreams } from '../../src/sim/random.js';

/**
 * Each example scenario against numbers a DR engineer derives by hand from its YAML (derivations beside
 * each check). A few trials each, through the programmatic API. Failure instants t come from the trial's
 * failure draws (tested on their own in test/models/failures/draws.test.ts); what the closed forms say
 * about an instant is then exact:
 * - async replication every T (slots at k·T from time 0): RPO = t − (newest slot whose delta has arrived),
 *   i.e. t mod T when the transfer lag L of the newest slot's delta is below t mod T;
 * - a daily backup whose window starts at W: RPO = time since the last W, once that backup is offsite (D < it);
 * - sync replication: RPO 0 while in sync; write penalty = RTT + one 64 KiB write at the usable rate.
 * A closed form holds at an instant under preconditions (the time since the slot exceeds a bound on L, the
 * link was up meanwhile): each describe runs the first trials whose instants meet them, chosen from the
 * failure and outage draws alone (never from simulated results), so the checks hold whatever the seed.
 * Time 0 is Monday 00:00. Usable link rate = bandwidth × efficiency (default 75%).
 */
const DAY = 86400;
const H = 3600;
const GiB = 2 ** 30;

interface Run { scenario: Scenario; results: ResultsFile; instants: number[]; trials: number[] }

/** Instant t of a trial's site disaster and the trial's index, for choosing trials. */
type Accept = (t: number, trial: number, scenario: Scenario) => boolean;

async function run(name: string, count: number, accept: Accept = () => true): Promise<Run> {
  const { scenario } = loadScenario(fileURLToPath(new URL(`../../scenarios/${name}.yaml`, import.meta.url)));
  const streams = new RandomStreams(scenario.simulation.seed);
  const trials: number[] = [];
  const instants: number[] = [];
  for (let k = 0; trials.length < count; k++) {
    if (k >= 200) throw new Error(`${name}: fewer than ${count} of 200 trials meet the closed forms' preconditions`);
    const t = drawTrialFailures(scenario, streams, k).events[0].atSeconds;
    if (accept(t, k, scenario)) { trials.push(k); instants.push(t); }
  }
  const evaluator = new Evaluator({ workers: 1 });
  try {
    const { results } = await evaluator.evaluate(scenario, trials, `${name}.yaml`);
    return { scenario, results, instants, trials };
  } finally {
    await evaluator.close();
  }
}

/** Time since the last slot at offset + k·period. */
const sinceSlot = (t: number, period: number, offset = 0): number => (((t - offset) % period) + period) % period;

/** The scenario's first link has no outage overlapping [from, to] in this trial. */
function linkUp(s: Scenario, trial: number, from: number, to: number): boolean {
  const [outages] = drawLinkOutages(s, new RandomStreams(s.simulation.seed), trial, to + 1);
  return outages.every((o) => !(o.startSeconds < to && o.endSeconds > from));
}

/** The largest weekly-profile factor of workload `w` over the hours that [from, to] touches. */
function busiest(s: Scenario, w: string, from: number, to: number): number {
  const profile = s.workloads.find((x) => x.name === w)!.weeklyProfile;
  let max = 0;
  for (let h = Math.floor(from / H); h <= Math.floor(to / H); h++) max = Math.max(max, profile[((h % 168) + 168) % 168]);
  return max;
}

/** A summary of exactly these values (one per trial): count, mean and max (results carry 6 decimals). */
function expectValues(s: Summary, values: number[]): void {
  expect(s.count).toBe(values.length);
  expect(s.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 5);
  expect(s.max).toBeCloseTo(Math.max(...values), 5);
}

/** Precondition of a closed form, checked again on the chosen trials: the first link is up over [t − before, t]. */
function linkUpBefore(r: Run, before: (t: number) => number): void {
  r.instants.forEach((t, i) => expect(linkUp(r.scenario, r.trials[i], t - before(t), t)).toBe(true));
}

const strategy = (r: Run, name: string): StrategyResult => r.results.strategies.find((s) => s.name === name)!;
const vmsOfTier = (st: StrategyResult, tiers: number[]) => st.vms.filter((v) => tiers.includes(v.tier));

describe('flagship.yaml', () => {
  let r: Run;
  // Preconditions of both closed forms below: > 10 h since the 21:00 backup, the link up over the day before.
  beforeAll(async () => { r = await run('flagship', 2, (t, k, s) => sinceSlot(t, DAY, 21 * H) > 10 * H && linkUp(s, k, t - DAY, t)); });

  test('4 DR hosts: 3 r750 and 1 r650 in the dr-cl cluster', () => {
    expect(r.results.scenario.counts.drHosts).toBe(4);
    for (const s of r.results.strategies) expect(s.summary.drHostsUsed.available).toBe(4);
  });

  test('backup-restore: every VM loses the time since the last 21:00 backup (it is offsite within hours)', () => {
    // D: ≈ 2.5 TB written a day, ≈ 25% unique over a day, ≈ 50% compressible: ≈ 0.3 TB, 13 min into the
    // 400 MB/s appliance, then 4.6 h over the WAN's 200 Mbit/s × 75% = 18.75 MB/s: D ≈ 5 h, well under the
    // 10 h since 21:00 that the chosen instants have.
    const since = r.instants.map((t) => sinceSlot(t, DAY, 21 * H));
    expect(since.every((x) => x > 10 * H)).toBe(true);
    linkUpBefore(r, (t) => sinceSlot(t, DAY, 21 * H));
    for (const v of strategy(r, 'backup-restore').vms) expectValues(v.rpoSeconds, since);
  });

  test('sync-degrade: tier 1 loses nothing while the link is up; writes wait RTT + 64 KiB at the usable rate', () => {
    // Precondition: no outage in the day before either instant (a degraded mirror catches up within minutes).
    linkUpBefore(r, () => DAY);
    const sync = strategy(r, 'sync-degrade');
    for (const v of vmsOfTier(sync, [1])) expectValues(v.rpoSeconds, [0, 0]);
    // RTT = 2 × 80 km / 200,000 km/s = 0.8 ms; 65,536 B / 18.75 MB/s = 3.495 ms.
    expect(sync.summary.productionImpact.syncWriteLatencySeconds).toBeCloseTo(0.0008 + 65536 / 18.75e6, 6);
  });
});

describe('law-firm.yaml', () => {
  let r: Run;
  beforeAll(async () => { r = await run('law-firm', 2); });

  test('the 8 DR hosts hold all but 41 VMs: util20–util60 are not recovered (RAM), in every strategy', () => {
    // Each dl360 offers 192 GiB × (1 − 10%) = 172.8 GiB once dev/test is shut down, and 12 cores × 5 = 60 vCPUs.
    // Every VM's RAM is a multiple of 8 GiB, so a host holds at most ⌊172.8/8⌋·8 = 168 GiB: 8 × 168 = 1,344 GiB.
    // The VMs need 64 + 4·16 + 48 + 2·16 + 4·48 + 6·16 + 3·8 + 20·24 + 12·16 + 60·8 = 1,672 GiB: 328 GiB stay out.
    // Placement is first-fit in (priority, RAM descending) order, so the last placed are the 8 GiB util VMs
    // of tier 3 (priority 4), and 8 GiB items fill every host to exactly 168 GiB: 328 / 8 = 41 utils stay out,
    // the last 41 by index. CPU never binds: at most 0.25 vCPU per GiB × 168 GiB = 42 ≤ 60 vCPUs per host.
    const lost = new Set(Array.from({ length: 41 }, (_, i) => `util${String(20 + i).padStart(2, '0')}`));
    for (const s of r.results.strategies) {
      expect(s.summary.drHostsUsed.available).toBe(8);
      expect(s.summary.notRecoveredReasons['no-capacity']).toBeCloseTo(41 / 113, 6);
      expect(s.summary.notRecovered).toBeCloseTo(41 / 113, 6);
      for (const v of s.vms) expect([v.name, v.notRecovered]).toEqual([v.name, lost.has(v.name) ? 1 : 0]);
    }
  });

  test('tape-only: the newest point offsite is the last 23:00 backup before the newest tape pickup that has arrived', () => {
    // Tapes leave at 09:00 every 7 days from day 0 and arrive a day later. The pickup on day 7k carries the
    // backups written by then: the day 7k − 1 23:00 incremental (written in well under the 10 h to 09:00).
    // The day-0 pickup carries only the seeded full; the warm-up (23:00 + 1 day + 7 + 1 days = 9.96 days)
    // ends after the day-7 tapes arrive (8 d 09:00), so every failure sees a pickup k ≥ 1.
    const newestPickup = (t: number) => Math.floor((t - 9 * H - DAY) / (7 * DAY));
    const tapeRpo = (t: number) => t - (7 * newestPickup(t) * DAY - DAY + 23 * H);
    expect(r.scenario.simulation.warmupSeconds).toBe(23 * H + DAY + 8 * DAY);
    expect(r.instants.every((t) => newestPickup(t) >= 1)).toBe(true);
    for (const v of strategy(r, 'tape-only').vms) if (v.notRecovered === 0) expectValues(v.rpoSeconds, r.instants.map(tapeRpo));
  });
});

describe('regional-bank.yaml', () => {
  let r: Run;
  beforeAll(async () => { r = await run('regional-bank', 2); });

  test('sync-halt: tier 1 never loses data (writes halt on link loss); write penalty RTT + 64 KiB', () => {
    const sync = strategy(r, 'sync-halt');
    for (const v of vmsOfTier(sync, [1])) expectValues(v.rpoSeconds, [0, 0]);
    // RTT = 2 × 35 km / 200,000 km/s = 0.35 ms; usable 100 Mbit/s × 75% = 9.375 MB/s: 65,536 B take 6.99 ms.
    expect(sync.summary.productionImpact.syncWriteLatencySeconds).toBeCloseTo(0.00035 + 65536 / 9.375e6, 6);
  });

  test('three DR hosts carry all 36 VMs, on two of them', () => {
    // Each esx-big offers 28 cores × 4 = 112 vCPUs and 768 GiB × 0.9 = 691.2 GiB (no dev/test). First fit in
    // (priority, RAM descending) order: priority 1 (core-db 2 × 192, core-app 4 × 32, swift 2 × 16 GiB: 544 GiB,
    // 72 vCPUs) and priority 2 (online 6 × 16, atm 2 × 16: 128 GiB, 32 vCPUs) fill host 1 to 672 GiB and 104
    // vCPUs; of tier 3's 20 bo VMs (8 GiB, 2 vCPUs) two more fit there (688 GiB, 108 vCPUs), 18 go to host 2.
    for (const s of r.results.strategies) {
      expect(s.summary.notRecovered).toBe(0);
      expect(s.summary.drHostsUsed).toEqual({ mean: 2, max: 2, available: 3 });
    }
  });
});

describe('university.yaml', () => {
  let r: Run;
  // Precondition of the replication closed form below: > 95 s since the 30-min slot, the link up since it.
  beforeAll(async () => { r = await run('university', 2, (t, k, s) => sinceSlot(t, 1800) > 95 && linkUp(s, k, t - sinceSlot(t, 1800), t)); });

  test('replicate-tier1: every tier-1 VM loses the time since the last 30-min slot', () => {
    // Tier 1 replicates as two groups (by application): lms writes (1 + 4 × 0.2) × 30 GB/day = 54 GB/day,
    // student-records (1 + 2 × 0.2) × 30 = 42 GB/day; at the 24x7-web profile's busiest (1.53× the mean) a
    // 30-min delta of lms is ≤ 1.72 GB × 52.5% unique (30 min, between 60% at 15 min and 45% at 1 h in
    // log-window) × 50% compression = 0.45 GB, of student-records 0.35 GB. Under weighted processor sharing a
    // flow of weight w finishes within (Σ weights / w) × its size / C even beside the 68 nightly backup copies
    // (weight 1 each): (76/5) × 0.45 GB / 93.75 MB/s (1 Gbit/s × 75%) = 73 s, and 95 s for student-records.
    // The chosen instants are more than 95 s after their slot: L is below.
    const since = r.instants.map((t) => sinceSlot(t, 30 * 60));
    expect(Math.min(...since)).toBeGreaterThan(95);
    linkUpBefore(r, (t) => sinceSlot(t, 30 * 60));
    for (const v of vmsOfTier(strategy(r, 'replicate-tier1'), [1])) expectValues(v.rpoSeconds, since);
  });

  test('the 4 north-campus blades recover all 68 VMs', () => {
    // Each: 16 cores × 6 = 96 vCPUs, 256 GiB × 0.9 = 230.4 GiB; together 384 vCPUs and 921.6 GiB. The VMs need
    // 8 + 16 + 8 + 8 + 12 + 60 + 80 + 16 = 208 vCPUs and 64 + 64 + 48 + 32 + 96 + 240 + 160 + 64 = 768 GiB.
    expect(r.results.scenario.counts.drHosts).toBe(4);
    for (const s of r.results.strategies) expect(s.summary.notRecovered).toBe(0);
  });
});

describe('consolidation-10-to-4.yaml', () => {
  let r: Run;
  beforeAll(async () => { r = await run('consolidation-10-to-4', 2); });

  test('replicated strategies recover all 61 VMs on the two big DR hosts and the old one; the small one stays free', () => {
    // CPU counts at each host's clock, in vCPUs at the fastest (dr-small's 3.2 GHz): a VM from the 2.9 GHz prod
    // hosts needs vcpus × 2.9/3.2; dr-big offers 48 cores × 4 × 2.2/3.2 = 132 and 768 GiB × 0.95 = 729.6 GiB.
    // First fit in (priority, RAM descending):
    // priority 1: db1–3 (3 × 192 GiB, 3 × 14.5) + app01–04 (4 × 32 GiB, 4 × 7.25) = 704 GiB on drbig-1, app05–08 on drbig-2;
    // priority 2: svc01 (16 GiB, 3.625) fills drbig-1 to 720 GiB, svc02–20 go to drbig-2 (432 GiB, 97.875 vCPUs);
    // priority 5: misc01 (8 GiB, 1.8125) fills drbig-1 to 728 GiB; misc02–19 fill drbig-2's CPU (130.5 of 132),
    // so misc20–30 go to dr-old (12 × 4 × 2.0/3.2 = 30 vCPUs, 121.6 GiB: 19.9 vCPUs, 88 GiB). Without the clocks
    // (plain vCPUs) everything fitted on the two big hosts.
    // (A DR host failing during the ~1 h recovery, 0.001/h per host, would change this: P ≈ 0.5% per trial.)
    for (const name of ['async-all', 'tiered']) {
      expect(strategy(r, name).summary.notRecovered).toBe(0);
      expect(strategy(r, name).summary.drHostsUsed).toEqual({ mean: 3, max: 3, available: 4 });
    }
  });
});

describe('mixed-hypervisor.yaml', () => {
  let r: Run;
  // Preconditions of the closed forms below: the business-hours profile at most 0.65× its mean over the
  // hour slot's window and since (so every delta is < 2× the average even with every database bursting ×3);
  // > 200 s since the 15-min slot, > 386 s since the hour, > 2 h since 22:00; the link up since 22:00.
  beforeAll(async () => {
    r = await run('mixed-hypervisor', 2, (t, k, s) => busiest(s, 'db', t - sinceSlot(t, H) - H, t) <= 0.65 && sinceSlot(t, 15 * 60) > 200 && sinceSlot(t, H) > 386
      && sinceSlot(t, DAY, 22 * H) > 2 * H && linkUp(s, k, t - sinceSlot(t, DAY, 22 * H), t));
  });

  test('async-15min: every VM, Hyper-V LUN members included, loses the time since the last 15-min slot', () => {
    // The estate writes 5 × 90 + (12 + 9 × 0.71 + 10 × 0.3) × 20 ≈ 880 GB/day ≈ 10 MB/s on average: a 15-min
    // delta of ≈ 9 GB × 60% unique × 50% compression ≈ 2.7 GB, which the 300 Mbit/s × 75% = 28.1 MB/s link clears
    // in 97 s. At the chosen instants the business-hours profile (both workloads) is at most 0.65× its mean, so
    // even with every database bursting (×3) the whole delta is < 2× the average: L < 200 s, below the time
    // since the slot.
    const since = r.instants.map((t) => sinceSlot(t, 15 * 60));
    expect(Math.min(...since)).toBeGreaterThan(200);
    linkUpBefore(r, (t) => sinceSlot(t, 15 * 60));
    for (const v of strategy(r, 'async-15min').vms) expectValues(v.rpoSeconds, since);
    // Same slots in 'tiered' for tier 1; its VMware and Xen tier-2 VMs replicate hourly: tiers 2–3 write 428 GB/day,
    // an hourly delta of ≈ 17.8 GB × 45% × 50% ≈ 4 GB at the average rate; with tier 1's 15-min deltas (≈ 1.4 GB)
    // and under 2× the average, L < 2 × 5.4 GB / 28.1 MB/s = 386 s, below the time since the hour.
    const tiered = strategy(r, 'tiered');
    for (const v of vmsOfTier(tiered, [1])) expectValues(v.rpoSeconds, since);
    for (const v of tiered.vms.filter((x) => /^(vm-app|xen-web)/.test(x.name))) expectValues(v.rpoSeconds, r.instants.map((t) => sinceSlot(t, H)));
  });

  test('backup-restore: every VM loses the time since the last 22:00 backup', () => {
    // ≈ 880 GB/day × 25% unique × 50% ≈ 110 GB: ≈ 1.1 h over the 28.1 MB/s link, under the 2 h since 22:00.
    const since = r.instants.map((t) => sinceSlot(t, DAY, 22 * H));
    expect(Math.min(...since)).toBeGreaterThan(2 * H);
    linkUpBefore(r, (t) => sinceSlot(t, DAY, 22 * H));
    for (const v of strategy(r, 'backup-restore').vms) expectValues(v.rpoSeconds, since);
  });

  test('5 DR hosts; the three Hyper-V LUN units of 72 GiB and the rest fit on three of them', () => {
    // x86-std: 384 GiB × 0.9 = 345.6 GiB; the two dr-vsphere hosts keep 50% for dev/test until it is shut down.
    // First fit, priority 1 (RAM descending): the LUN units csv-1..3 (48 + 3 × 8 = 72 GiB each), then vm-db1–2
    // (64 GiB): two units beside dev/test on host 1 (172.8 free now), csv-3 and vm-db1 on host 2, vm-db2 on
    // host 3; priority 3's 16 GiB apps and 4 GiB web VMs fill host 1's and 2's gaps and the rest of host 3.
    const all = r.results.strategies.map((s) => s.summary.drHostsUsed);
    expect(all.every((d) => d.available === 5 && d.max === 3)).toBe(true);
    expect(r.scenario.vms.filter((v) => v.hypervisor === 'hyperv').reduce((a, v) => a + v.ramBytes, 0) / GiB).toBe(3 * 72);
  });
});

describe('ransomware.yaml', () => {
  /** The trial's attack: compromise C, encryption E, detection D (failure draws alone). */
  const attackOf = (s: Scenario, trial: number) => {
    const e = drawTrialFailures(s, new RandomStreams(s.simulation.seed), trial).events.find((x) => x.kind === 'ransomware');
    if (e?.kind !== 'ransomware') throw new Error('no ransomware drawn');
    return { c: e.compromisedAtSeconds, e: e.atSeconds, d: e.detectedAtSeconds };
  };
  /** Newest 22:00 backup slot strictly before t. */
  const lastBackupBefore = (t: number): number => t - (sinceSlot(t, DAY, 22 * H) || DAY);
  let r: Run;
  // Trials whose newest 22:00 before the compromise is at least 2 days after time 0 (past the first full) and
  // within the 30-day lock and retention by detection, with a day to spare for the copy to land; and whose dwell
  // is under 20 days (inside the CDP journal's 21-day lock and history).
  beforeAll(async () => {
    r = await run('ransomware', 4, (_t, k, s) => {
      const a = attackOf(s, k);
      const p = lastBackupBefore(a.c);
      return p >= 2 * DAY && a.d - p < 28 * DAY && a.e - a.c < 20 * DAY;
    });
  }, 600_000);

  test('nightly-backup: the attacker deletes every copy — no VM has a clean point', () => {
    const s = strategy(r, 'nightly-backup');
    expect(s.ransomware!.cleanPointExists).toBe(0);
    expect(s.failures.find((f) => f.kind === 'ransomware')!.notRecoveredReasons['no-clean-point']).toBe(1);
  });

  test('immutable-backup (30-day lock): every VM comes back from the newest 22:00 backup before the compromise', () => {
    // Before-compromise: the points between C and E are rejected; the newest 22:00 slot before C was written
    // within a day of it, so it is still locked at E (E − p < 28 d < 30 d) and retained at D.
    const losses = r.trials.map((k) => { const a = attackOf(r.scenario, k); return a.d - lastBackupBefore(a.c); });
    const all = losses.flatMap((x) => new Array<number>(r.scenario.vms.length).fill(x));
    const s = strategy(r, 'immutable-backup');
    expect(s.ransomware!.cleanPointExists).toBe(1);
    expectValues(s.failures.find((f) => f.kind === 'ransomware')!.rpoSeconds, all);
    expect(s.cost.items.filter((i) => i.category === 'ransomware-protection').map((i) => i.annual).sort((a, b) => a - b)).toEqual([9000, 30000]);
  });

  test('cdp-locked-journal: the ERP database loses back to the last hourly checkpoint before the compromise; the unprotected rest is lost', () => {
    // The journal (21 days, locked 21 days) reaches back past the compromise when E − C < 21 d; checkpoints every
    // hour from time 0. The 42 utility VMs have only unprotected backups: deleted.
    const attacks = r.trials.map((k) => attackOf(r.scenario, k));
    const s = strategy(r, 'cdp-locked-journal');
    const erp = s.ransomware!.applications.find((a) => a.name === 'erp')!;
    expectValues(erp.rpoSeconds, attacks.map((a) => a.d - Math.floor(a.c / H) * H));
    const util = r.scenario.vms.filter((v) => v.name.startsWith('util')).length;
    expect(s.failures.find((f) => f.kind === 'ransomware')!.notRecoveredReasons['no-clean-point']).toBeCloseTo(util / r.scenario.vms.length, 5);
  });
});
