/** `drsim init [FILE]`: writes a commented starter scenario that validates and runs; never overwrites without --force. */
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { withInterrupts } from './interrupt.js';
import { nonEmptyPath } from './options.js';
import { checkOutputFile, writeOutputFile } from './output.js';

const SCHEMA_PATH = fileURLToPath(new URL('../../docs/scenario.schema.json', import.meta.url));

export function starterScenario(schemaRef: string): string {
  return `# yaml-language-server: $schema=${schemaRef}
# A starter drsim scenario. Check it with \`drsim validate\`; the language is described in
# docs/scenario-format.md. Units are written out ("15 min", "500 GB", "100 Mbit/s", "$1,500").
name: starter
description: Should we replicate every 15 minutes, or are nightly backups shipped over the WAN enough?

simulation: { horizon: 8 days, warmup: 1 day, trials: 100, seed: 1 }

sites:
  - { name: hq, role: primary }
  - { name: dr, role: dr }

hostModels:
  - { name: std, cores: 24, sockets: 2, ghz: 2.4, ram: 384 GiB, price: "$15,000", power: 500 W }

clusters:
  - { name: prod, site: hq, cpuOvercommit: 4 }
  - { name: recovery, site: dr }

hosts:                                   # names are generated: prod-01, prod-02, ...
  - { model: std, cluster: prod, count: 4 }
  - { model: std, cluster: recovery, count: 2, devTest: { cpu: 50%, ram: 50%, valuePerYear: "$20,000" } }

storage:
  - { name: hq-array, site: hq, capacity: 50 TB, read: 1 GB/s, write: 500 MB/s }
  - { name: dr-array, site: dr, capacity: 50 TB, read: 1 GB/s, write: 500 MB/s, pricePerTB: "$300" }

backupTargets:
  - { name: hq-backup, site: hq, media: disk, read: 400 MB/s, write: 300 MB/s, pricePerTB: "$100" }

links:
  - name: wan
    between: [hq, dr]
    bandwidth: 100 Mbit/s
    distance: 300 km                     # sets the round-trip time (or give rtt: 5 ms)
    monthlyCost: "$1,200"
    outages: { mtbf: 90 days, duration: { lognormal: { median: 1 h, p95: 6 h } } }

workloads:
  - { name: office, averageWrite: 20 GB/day, profile: business-hours }
  - { name: database, averageWrite: 100 GB/day, profile: 24x7-web, burst: { multiplier: 3, duration: 10 min, perDay: 4 } }

tiers:                                   # defaults for the VMs of each tier
  - { tier: 1, rto: 2 h, rpo: 15 min, downtimeCost: "$5,000/h", dataLossCost: "$2,000/h", priority: 1, workload: database }
  - { tier: 2, rto: 8 h, rpo: 24 h, downtimeCost: "$500/h", priority: 3, workload: office }

vms:
  - { name: db01, cluster: prod, vcpus: 8, ram: 64 GiB, disk: { provisioned: 1 TB, used: 600 GB }, tier: 1, app: erp, boot: 3 min,
      appRecovery: { triangular: { min: 5 min, mode: 10 min, max: 30 min } } }
  - { name: app01, cluster: prod, vcpus: 4, ram: 16 GiB, disk: 100 GB, tier: 1, app: erp, dependsOn: [db01] }
  - template: file-{i:02}                # 10 VMs file-01 ... file-10, sizes drawn per VM
    count: 10
    cluster: prod
    vcpus: 2
    ram: 8 GiB
    disk: { provisioned: 500 GB, used: { uniform: { min: 100 GB, max: 400 GB } } }
    tier: 2

strategies:
  - name: nightly-backup
    description: Nightly backups to disk, copied to the DR site over the WAN
    protect:
      - select: all
        methods: [ { method: backup, schedule: { full: 7 days, incremental: 1 day }, window: "22:00", offsite: { wan: wan } } ]
  - name: async-15min
    description: Tier 1 replicated every 15 min; the rest backed up nightly
    protect:
      - select: { tier: 1 }
        methods: [ { method: async-replication, interval: 15 min, compression: 50% } ]
      - select: all
        methods: [ { method: backup, schedule: { full: 7 days, incremental: 1 day }, window: "22:00", offsite: { wan: wan } } ]
    recovery: { runbook: { orchestrated: { maxParallelPowerOns: 10 } }, detection: 5 min, declaration: { lognormal: { median: 30 min, p95: 2 h } } }
    licences: { perVm: "$250/year" }

failures:
  siteDisaster: { site: hq, rate: 0.02/year }
  hostFailure: { mtbf: 5 years, repair: 8 h }

costs: { currency: USD, powerPrice: "$0.12/kWh" }
`;
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a commented starter scenario (default scenario.yaml)')
    .argument('[file]', 'where to write it', nonEmptyPath('drsim init FILE'), 'scenario.yaml')
    .option('-f, --force', 'overwrite an existing file')
    .action(async (file: string, opts: { force?: boolean }) => {
      const target = resolve(file);
      checkOutputFile(file, opts.force);
      let ref = relative(dirname(target), SCHEMA_PATH).split('\\').join('/');
      if (!ref.startsWith('.')) ref = `./${ref}`;
      await withInterrupts((signal) => writeOutputFile(target, starterScenario(ref), signal, file));
      process.stdout.write(`wrote ${file}; check it with: drsim validate ${file}\n`);
    });
}
