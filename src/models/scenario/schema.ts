/**
 * The YAML scenario language as a zod 4 schema: the shape of the file, with every unit parsed to
 * internal units (seconds, bytes, bytes/s, bits/s, money) and distributions to specs. Names are
 * still names here: the resolver (scenario-resolve*.ts) checks references, applies tier defaults,
 * expands templates and produces the normalized Scenario. docs/scenario-format.md is the reference.
 */
import { z } from 'zod';
import {
  bitsPerSecond, bytes, bytesPerSecond, count, distribution, duration, fraction, freeText, ghz, meters, money, multiplier, name, obj,
  oneOrMany, parsedDisk, perYear, realNumber, timeOfDay, uniqueUpdateCurve, watts,
} from './fields.js';
import { METHOD_KINDS, methodDefinitions } from '../protection/methods/registry.js';
import { SENSITIVITY_INPUT_KEYS } from '../sensitivity/input-keys.js';

export interface SchemaContext { currency: string }

/** A method's YAML entry as the language sees it (each method checks its own fields). */
type MethodEntrySchema = z.ZodObject<{ method: z.ZodLiteral<string> }>;

export const PROFILE_PRESETS = ['flat', 'business-hours', 'nightly-batch', '24x7-web'] as const;

export function buildScenarioSchema(ctx: SchemaContext = { currency: 'USD' }) {
  const frequency = { rate: perYear().optional(), mtbf: duration().optional() };

  const simulation = obj({
    horizon: duration({ example: '8 days' }).prefault('8 days'),
    warmup: duration({ allowZero: true, example: '1 day' }).prefault('1 day'),
    trials: count(1, 'a number of trials').default(100),
    seed: count(0, 'a whole number seed').default(1),
  }, 'How long each trial simulates, how many trials, and the base seed of all random streams.');

  const site = obj({ name: name('a site name'), role: z.enum(['primary', 'dr', 'other']).default('other') });

  const hostModel = obj({
    name: name('a host model name'),
    cores: count(1, 'a number of cores (all sockets together)'),
    sockets: count(1, 'a number of sockets').default(1),
    ghz: ghz(),
    ram: bytes({ what: 'a memory size', example: '256 GiB' }),
    price: money(ctx).prefault(0),
    power: watts({ allowZero: true }).prefault(0),
    amortization: duration({ example: '4 years' }).optional(),
  });

  const cluster = obj({
    name: name('a cluster name'),
    site: name('a site name'),
    cpuOvercommit: realNumber(1, 'a vCPU:core ratio such as 4').default(4),
    ramReservation: fraction().prefault('10%'),
  });

  const devTest = obj({
    cpu: fraction(),
    ram: fraction(),
    shutdown: distribution('duration').prefault('5 min'),
    valuePerYear: money(ctx, { per: 'year' }).prefault(0),
  }, 'Dev/test VMs this host runs in normal times, shut down when a disaster is declared.');

  const hostGroup = obj({
    model: name('a host model name'),
    cluster: name('a cluster name'),
    count: count(1, 'a number of hosts').default(1),
    name: name('a host name or pattern like "esx-{i:02}"').optional(),
    devTest: devTest.optional(),
  });

  const storage = obj({
    name: name('a storage array name'),
    site: name('a site name'),
    capacity: bytes({ example: '100 TB' }),
    read: bytesPerSecond({ example: '2 GB/s' }),
    write: bytesPerSecond({ example: '1 GB/s' }),
    pricePerTB: money(ctx, { per: 'TB' }).prefault(0),
    provisioning: z.enum(['thin', 'thick']).default('thin'),
  });

  const backupTarget = obj({
    name: name('a backup target name'),
    site: name('a site name'),
    media: z.enum(['disk', 'tape', 'object']).default('disk'),
    mount: duration({ allowZero: true, example: '2 min' }).optional(),
    read: bytesPerSecond({ example: '400 MB/s' }),
    write: bytesPerSecond({ example: '300 MB/s' }),
    pricePerTB: money(ctx, { per: 'TB' }).prefault(0),
  });

  const link = obj({
    name: name('a link name'),
    between: z.tuple([name('a site name'), name('a site name')], { error: 'expected the two sites it connects, like [hq, dr]' }),
    bandwidth: bitsPerSecond(),
    efficiency: fraction().prefault('75%'),
    rtt: duration({ allowZero: true, example: '8 ms' }).optional(),
    distance: meters().optional(),
    monthlyCost: money(ctx, { per: 'month' }).optional(),
    price: z.union([
      obj({ perMbit: money(ctx, { per: 'month' }), minimum: money(ctx, { per: 'month' }).prefault(0) },
        'A price growing with the bandwidth: perMbit per Mbit/s a month, at least minimum.'),
      obj({ sizes: z.array(obj({ bandwidth: bitsPerSecond(), monthly: money(ctx, { per: 'month' }) })).min(1, { error: 'expected at least one size' }) },
        'The sizes the link can be bought in, with their monthly prices: a bandwidth between two sizes is priced (and sized) as the next one up.'),
    ]).optional(),
    outages: obj({ ...frequency, duration: distribution('duration') }).optional(),
  });

  const profile = z.union([
    z.enum(PROFILE_PRESETS),
    obj({
      hourly: z.array(realNumber(0, 'a relative intensity')).length(24, { error: 'expected 24 numbers (00:00 to 23:00)' }).optional(),
      weekly: z.array(realNumber(0, 'a relative intensity')).length(7, { error: 'expected 7 numbers (Monday to Sunday)' }).optional(),
    }),
  ]);

  const workload = obj({
    name: name('a workload name'),
    averageWrite: bytesPerSecond({ example: '40 GB/day' }),
    peakWrite: bytesPerSecond({ example: '5 MB/s' }).optional(),
    profile: profile.default('flat'),
    burst: obj({
      multiplier: realNumber(1, 'a rate multiplier ≥ 1'),
      duration: duration({ example: '10 min' }),
      perDay: realNumber(0, 'a number of bursts per day'),
    }).optional(),
    uniqueUpdates: uniqueUpdateCurve().optional(),
    compression: fraction().prefault(0),
  });

  const vmDefaults = {
    rto: duration({ example: '4 h' }).optional(),
    rpo: duration({ allowZero: true, example: '15 min' }).optional(),
    downtimeCost: money(ctx, { per: 'h', requirePer: true }).optional(),
    dataLossCost: money(ctx, { per: 'h', requirePer: true }).optional(),
    slowdownCost: money(ctx, { per: 'h', requirePer: true }).optional(),
    priority: count(1, 'a priority group 1–5').max(5, { error: 'a priority group is 1 (first) to 5' }).optional(),
    boot: distribution('duration').optional(),
    appRecovery: distribution('duration', { allowZero: true }).optional(),
    workload: name('a workload name').optional(),
  };

  // A penalty that falls due once an outage (or the data lost) exceeds `after`: contractual steps on top of the hourly rate.
  const penaltySteps = z.array(obj({ after: duration({ allowZero: true, example: '4 h' }), amount: money(ctx) }));
  const penalties = {
    downtimePenalties: penaltySteps.optional(),
    dataLossPenalties: penaltySteps.optional(),
  };

  const tier = obj({ tier: count(1, 'a tier number'), ...vmDefaults, ...penalties });

  const application = obj({
    name: name('an application name'),
    description: freeText().default(''),
    tier: count(1, 'a tier number').optional(),
    rto: duration({ example: '4 h' }).optional(),
    rpo: duration({ allowZero: true, example: '15 min' }).optional(),
    downtimeCost: money(ctx, { per: 'h', requirePer: true }).optional(),
    dataLossCost: money(ctx, { per: 'h', requirePer: true }).optional(),
    priority: count(1, 'a priority group 1–5').max(5, { error: 'a priority group is 1 (first) to 5' }).optional(),
    needs: z.union([z.literal('all'), obj({ quorum: count(1, 'a number of VMs') })]).default('all'),
    // No defaults here: what is left out is the scenario's (failures.ransomware), resolved in failures.ts.
    ransomware: obj({
      cleanPoint: z.enum(['before-compromise', 'before-encryption']).optional(),
      cleaning: distribution('duration', { allowZero: true }).optional(),
      reinfection: fraction().optional(),
    }, "This application's clean-point policy in a ransomware recovery, over failures.ransomware's (each field left out is the scenario's).").optional(),
    ...penalties,
  }, 'A business service: down until the VMs it needs are back, losing the updates of its data-bearing VMs (not of stateless ones); its costs and targets apply once per outage, not per VM.');

  const vm = obj({
    name: name('a VM name').optional(),
    template: name('a name pattern like "web-{i:02}"').optional(),
    count: count(1, 'a number of VMs').optional(),
    start: count(0, 'the first index').optional(),
    cluster: oneOrMany(name('a cluster name')).optional(),
    storage: oneOrMany(name('a storage array name')).optional(),
    lun: name('a LUN name').optional(),
    hypervisor: z.enum(['vmware', 'hyperv', 'xen']).optional(),
    vcpus: count(1, 'a number of vCPUs'),
    ram: bytes({ what: 'a memory size', example: '16 GiB' }),
    disk: parsedDisk(),
    tier: count(1, 'a tier number').optional(),
    app: name('an application name').optional(),
    dependsOn: z.array(name('a VM name or pattern')).default([]),
    writeScale: distribution('dimensionless', { allowZero: true }).optional(),
    consistencyGroup: name('a consistency group name').optional(),
    stateless: z.boolean().default(false),
    ...vmDefaults,
  });

  const selector = z.union([
    z.literal('all'),
    obj({
      tier: oneOrMany(count(1, 'a tier number')).optional(),
      app: oneOrMany(name('an application name')).optional(),
      vms: oneOrMany(name('a VM name or glob like "web-*"')).optional(),
      cluster: oneOrMany(name('a cluster name')).optional(),
      site: oneOrMany(name('a site name')).optional(),
    }),
  ]);

  // One entry per protection method, from the method's own module (protection/methods/registry.ts).
  const kinds = METHOD_KINDS.join(', ').replace(/, ([^,]*)$/, ' or $1');
  // Every method's copies may be protected from an attacker (what each method allows is checked on resolution).
  const copyProtection = obj({
    immutable: duration({ example: '30 days' }).optional(),
    vault: obj({
      every: duration({ example: '1 day' }),
      window: duration({ example: '2 h' }),
      read: bytesPerSecond({ example: '500 MB/s' }).optional(),
    }, 'An isolated vault (air gap): synced every `every` for `window`, unreachable in between.').optional(),
    offline: z.boolean().default(false),
    cost: money(ctx, { per: 'year' }).prefault(0),
  }, 'What keeps the copies from a ransomware attacker: an immutability lock, an isolated vault, offline media; and its yearly price.');
  const method = z.discriminatedUnion('method', methodDefinitions().map((d) => d.schema(ctx).extend({ copyProtection: copyProtection.optional() })) as unknown as [MethodEntrySchema, ...MethodEntrySchema[]],
    { error: (iss) => iss.code === 'invalid_union' ? `expected a method: ${kinds}` : undefined });

  const runbook = z.union([
    z.enum(['orchestrated', 'manual']),
    obj({ orchestrated: obj({ maxParallelPowerOns: count(1, 'a number of power-ons').default(20), guestShutdownTimeout: duration({ allowZero: true }).prefault('5 min') }) }),
    obj({ manual: obj({ operators: count(1, 'a number of operators').default(2), perVm: distribution('duration').prefault('20 min') }) }),
  ]);

  const strategy = obj({
    name: name('a strategy name'),
    description: freeText().default(''),
    protect: z.array(obj({ select: selector, methods: z.array(method) })).min(1, { error: 'a strategy needs at least one protect rule' }),
    recovery: obj({
      runbook: runbook.default('orchestrated'),
      detection: distribution('duration', { allowZero: true }).prefault('5 min'),
      declaration: distribution('duration', { allowZero: true }).prefault('30 min'),
      rebalance: z.boolean().default(true),
      drSite: name('a site name').optional(),
      scanRate: bytesPerSecond({ example: '1 GB/s' }).optional(),
      scanStreams: count(1, 'a number of scans at once').optional(),
      cleanRoom: obj({
        vms: count(1, 'a number of VMs at once'),
        cost: money(ctx, { per: 'year' }).prefault(0),
      }, 'An isolated recovery environment: at most `vms` VMs restored, scanned and cleaned in it at once.').optional(),
    }).prefault({}),
    licences: obj({
      perVm: money(ctx, { per: 'year' }).prefault(0),
      perSocket: money(ctx, { per: 'year' }).prefault(0),
      perTB: money(ctx, { per: 'year' }).prefault(0),
    }).prefault({}),
  });

  // One source, or a list; the resolver keeps the form (a single mapping's problems point at it).
  const corruption = obj({
    ...frequency,
    scope: z.enum(['vm', 'application', 'site', 'estate']).optional(),
    detection: distribution('duration', { allowZero: true }).prefault('24 h'),
  }, 'Logical corruption / ransomware: with scope, a rate per VM, application, site or the estate; without, a rate for the estate hitting the application of a random VM.');

  const ransomware = obj({
    ...frequency,
    scope: z.enum(['estate', 'site', 'application']).default('estate'),
    dwell: distribution('duration').prefault({ lognormal: { median: '10 days', p95: '45 days' } }),
    detection: distribution('duration', { allowZero: true }).prefault('2 h'),
    signOff: distribution('duration', { allowZero: true }).prefault({ uniform: { min: '1 day', max: '3 days' } }),
    cleanPoint: z.enum(['before-compromise', 'before-encryption']).default('before-compromise'),
    cleaning: distribution('duration', { allowZero: true }).prefault('4 h'),
    reinfection: fraction().prefault('20%'),
    identity: name('an application name').optional(),
  }, 'Ransomware: an attacker inside for a dwell time, then encrypting everything in scope and deleting the copies it can reach.');

  const failures = obj({
    siteDisaster: obj({ site: name('a site name').optional(), ...frequency }).optional(),
    hostFailure: obj({ ...frequency, repair: distribution('duration').prefault('4 h'), haDetection: duration({ allowZero: true }).prefault('1 min') }).optional(),
    storageFailure: obj({ ...frequency, repair: distribution('duration').prefault('24 h') }).optional(),
    corruption: z.union([corruption, z.array(corruption)]).optional(),
    ransomware: ransomware.optional(),
    drHostFailure: obj(frequency).optional(),
    analysis: z.array(z.enum(['conditional', 'annualized'])).min(1).default(['conditional', 'annualized']),
  });

  const costs = obj({
    currency: z.string().regex(/^[A-Z]{3}$/, { error: 'expected an ISO currency code like USD, EUR, GBP' }).default(ctx.currency),
    powerPrice: money(ctx, { per: 'kWh' }).prefault(0),
    vaultPerMonth: money(ctx, { per: 'month' }).prefault(0),
    defaultAmortization: duration({ example: '4 years' }).prefault('4 years'),
    unrecoveredOutage: duration({ example: '7 days' }).prefault('7 days'),
  });

  // `drsim sensitivity`: per uncertain input, how far below and above the scenario's value it may be.
  const sensitivityRange = obj({ low: multiplier(), high: multiplier() }, "Multipliers of the scenario's own value: low at most 100%, high at least 100%.");
  const sensitivity = obj(
    Object.fromEntries(SENSITIVITY_INPUT_KEYS.map((k) => [k, sensitivityRange.optional()])) as Record<(typeof SENSITIVITY_INPUT_KEYS)[number], z.ZodOptional<typeof sensitivityRange>>,
    'Ranges of the uncertain inputs for `drsim sensitivity` (an input not listed goes from 50% to 150%).',
  );

  return obj({
    name: name('a scenario name'),
    description: freeText().default(''),
    simulation: simulation.prefault({}),
    sites: z.array(site).min(1, { error: 'a scenario needs at least one site' }),
    hostModels: z.array(hostModel).default([]),
    clusters: z.array(cluster).default([]),
    hosts: z.array(hostGroup).default([]),
    storage: z.array(storage).default([]),
    backupTargets: z.array(backupTarget).default([]),
    links: z.array(link).default([]),
    workloads: z.array(workload).default([]),
    tiers: z.array(tier).default([]),
    applications: z.array(application).default([]),
    vms: z.array(vm).default([]),
    strategies: z.array(strategy).default([]),
    failures: failures.prefault({}),
    costs: costs.prefault({}),
    sensitivity: sensitivity.prefault({}),
  }, 'A drsim scenario: a virtualized estate, its workloads, the DR strategies to compare and the failures to simulate.');
}

export type ScenarioSchema = ReturnType<typeof buildScenarioSchema>;
export type ScenarioInput = z.output<ScenarioSchema>;
export type VmInput = ScenarioInput['vms'][number];
export type StrategyInput = ScenarioInput['strategies'][number];
export type MethodInput = StrategyInput['protect'][number]['methods'][number];
