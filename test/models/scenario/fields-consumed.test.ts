/**
 * Every field the scenario language accepts is used: the test walks the JSON Schema (the language as editors
 * see it) and checks each leaf against a table saying where it is read — where the resolver reads the YAML key,
 * and where the model (protection, recovery, cost, aggregation) uses what it became. Both ways: a new field
 * without a table entry fails, and so does an entry the schema no longer has; every named reader must contain
 * the named expression. A field used only to resolve the scenario (names, references, selectors, templates)
 * says why instead of naming a model reader.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../../../src/models/scenario/json-schema.js';
import { SENSITIVITY_INPUT_KEYS } from '../../../src/models/sensitivity/input-keys.js';

const SRC = fileURLToPath(new URL('../../../src/', import.meta.url));

/** A place that reads a field: a file under src/ and an expression found in it. */
type Reader = [file: string, expression: string];

interface Consumed {
  /** Where the resolver (or the method's resolve) reads the YAML key. */
  input: Reader;
  /** Where the resolved value changes the numbers (files outside models/scenario/). */
  uses?: Reader[];
  /** For fields that only shape the resolution (names, references, selectors): why no model reads them. */
  resolution?: string;
}

const R = 'models/scenario/resolvers/';
const M = 'models/protection/methods/';
const dist = (input: Reader, ...uses: Reader[]): Consumed => ({ input, uses });

/** Every leaf of the language and who reads it. */
const CONSUMED: Record<string, Consumed> = {
  'name': { input: ['models/scenario/resolve.ts', 'input.name'], uses: [['experiment/aggregate.ts', 'scenario.name']] },
  'description': { input: ['models/scenario/resolve.ts', 'input.description'], uses: [['experiment/aggregate.ts', 'scenario.description']] },
  'simulation.horizon': { input: [`${R}simulation.ts`, 's.horizon'], uses: [['models/protection/simulate.ts', 'simulation.horizonSeconds']] },
  'simulation.warmup': { input: [`${R}simulation.ts`, 's.warmup'], uses: [['models/protection/simulate.ts', 'simulation.warmupSeconds']] },
  'simulation.trials': { input: [`${R}simulation.ts`, 's.trials'], uses: [['experiment/experiment.ts', 'simulation.trials']] },
  'simulation.seed': { input: [`${R}simulation.ts`, 's.seed'], uses: [['experiment/trial.ts', 'simulation.seed']] },

  'sites[].name': { input: [`${R}estate.ts`, "ctx.table('site', 'sites', input.sites)"], resolution: 'names the site for references; reports print it' },
  'sites[].role': { input: [`${R}estate.ts`, 'role: s.role'], uses: [['models/failures/draws.ts', "role === 'primary'"]] },

  'hostModels[].name': { input: [`${R}estate.ts`, 'name: m.name'], uses: [['models/cost/strategy-cost.ts', 'model.name']] },
  'hostModels[].cores': { input: [`${R}estate.ts`, 'cores: m.cores'], uses: [['models/recovery/primary-placement.ts', 'model.cores']] },
  'hostModels[].sockets': { input: [`${R}estate.ts`, 'sockets: m.sockets'], uses: [['models/cost/strategy-cost.ts', '.sockets']] },
  'hostModels[].ghz': { input: [`${R}estate.ts`, 'ghz: m.ghz'], uses: [['models/recovery/cpu-clock.ts', '.ghz']] },
  'hostModels[].ram': { input: [`${R}estate.ts`, 'ramBytes: m.ram'], uses: [['models/recovery/primary-placement.ts', 'model.ramBytes']] },
  'hostModels[].price': { input: [`${R}estate.ts`, 'price: m.price'], uses: [['models/cost/strategy-cost.ts', 'model.price']] },
  'hostModels[].power': { input: [`${R}estate.ts`, 'powerWatts: m.power'], uses: [['models/cost/strategy-cost.ts', 'model.powerWatts']] },
  'hostModels[].amortization': { input: [`${R}estate.ts`, 'm.amortization'], uses: [['models/cost/strategy-cost.ts', 'model.amortizationYears']] },

  'clusters[].name': { input: [`${R}estate.ts`, 'name: c.name'], resolution: 'names the cluster for hosts, VMs and selectors' },
  'clusters[].site': { input: [`${R}estate.ts`, 'c.site'], uses: [['models/recovery/placement.ts', 'h.site !== drSite']] },
  'clusters[].cpuOvercommit': { input: [`${R}estate.ts`, 'c.cpuOvercommit'], uses: [['models/recovery/primary-placement.ts', 'cluster.cpuOvercommit']] },
  'clusters[].ramReservation': { input: [`${R}estate.ts`, 'c.ramReservation'], uses: [['models/recovery/primary-placement.ts', 'cluster.ramReservationFraction']] },

  'hosts[].model': { input: [`${R}estate.ts`, 'h.model'], uses: [['models/recovery/primary-placement.ts', 'scenario.hostModels[h.model]']] },
  'hosts[].cluster': { input: [`${R}estate.ts`, 'h.cluster'], uses: [['models/recovery/primary-placement.ts', 'scenario.clusters[h.cluster]']] },
  'hosts[].count': { input: [`${R}estate.ts`, 'h.count'], uses: [['models/recovery/placement.ts', 'scenario.hosts.forEach']] },
  'hosts[].name': { input: [`${R}estate.ts`, 'h.name'], resolution: 'names hosts (a pattern when count > 1); reports print them' },
  'hosts[].devTest.cpu': { input: [`${R}estate.ts`, 'h.devTest.cpu'], uses: [['models/recovery/placement.ts', 'dt.cpuFraction']] },
  'hosts[].devTest.ram': { input: [`${R}estate.ts`, 'h.devTest.ram'], uses: [['models/recovery/placement.ts', 'dt.ramFraction']] },
  'hosts[].devTest.shutdown': dist([`${R}estate.ts`, 'h.devTest.shutdown'], ['models/recovery/recover.ts', 'dt.shutdownSeconds']),
  'hosts[].devTest.valuePerYear': { input: [`${R}estate.ts`, 'h.devTest.valuePerYear'], uses: [['models/cost/strategy-cost.ts', 'valuePerYear']] },

  'storage[].name': { input: [`${R}estate.ts`, 'name: s.name'], uses: [['experiment/aggregation/stores.ts', 'a.name']] },
  'storage[].site': { input: [`${R}estate.ts`, 's.site'], uses: [['models/recovery/restore.ts', 'a.site === destSite']] },
  'storage[].capacity': { input: [`${R}estate.ts`, 'capacityBytes: s.capacity'], uses: [['models/protection/dr-storage.ts', 'capacityBytes']] },
  'storage[].provisioning': { input: [`${R}estate.ts`, 'provisioning: s.provisioning'], uses: [['models/protection/dr-storage.ts', "provisioning === 'thick'"], [`${M}method.ts`, "provisioning === 'thick'"]] },
  'storage[].read': { input: [`${R}estate.ts`, 'readBytesPerSecond: s.read'], uses: [[`${M}backup-run.ts`, 'array.readBytesPerSecond']] },
  'storage[].write': { input: [`${R}estate.ts`, 'writeBytesPerSecond: s.write'], uses: [['models/recovery/restore.ts', 'a.writeBytesPerSecond'], [`${M}method.ts`, 'writeBytesPerSecond: scenario.storage[method.target].writeBytesPerSecond']] },
  'storage[].pricePerTB': { input: [`${R}estate.ts`, 'pricePerTB: s.pricePerTB'], uses: [['experiment/aggregation/stores.ts', 'pricePerTB: a.pricePerTB']] },

  'backupTargets[].name': { input: [`${R}estate.ts`, 'name: b.name'], uses: [['experiment/aggregation/stores.ts', 'b.name']] },
  'backupTargets[].site': { input: [`${R}estate.ts`, 'b.site'], uses: [[`${M}backup-copies.ts`, 'site: t.site']] },
  'backupTargets[].media': { input: [`${R}estate.ts`, "b.media === 'tape'"], uses: [[`${M}backup-copies.ts`, 'mountSeconds: t.mountSeconds']] },
  'backupTargets[].mount': { input: [`${R}estate.ts`, 'b.mount'], uses: [['models/recovery/restore.ts', 'source.mountSeconds']] },
  'backupTargets[].read': { input: [`${R}estate.ts`, 'readBytesPerSecond: b.read'], uses: [[`${M}backup-copies.ts`, 'readBytesPerSecond: t.readBytesPerSecond']] },
  'backupTargets[].write': { input: [`${R}estate.ts`, 'writeBytesPerSecond: b.write'], uses: [[`${M}backup-copies.ts`, 'writeBytesPerSecond: t.writeBytesPerSecond']] },
  'backupTargets[].pricePerTB': { input: [`${R}estate.ts`, 'pricePerTB: b.pricePerTB'], uses: [['experiment/aggregation/stores.ts', 'pricePerTB: b.pricePerTB']] },

  'links[].name': { input: [`${R}estate.ts`, 'name: l.name'], uses: [['models/cost/strategy-cost.ts', 'link.name']] },
  'links[].between': { input: [`${R}estate.ts`, 'l.between[0]'], uses: [['models/recovery/restore.ts', 'k.siteA === copySite']] },
  'links[].bandwidth': { input: [`${R}estate.ts`, 'bandwidthBitsPerSecond: l.bandwidth'], uses: [['models/protection/simulate.ts', 'link.bandwidthBitsPerSecond']] },
  'links[].efficiency': { input: [`${R}estate.ts`, 'efficiency: l.efficiency'], uses: [['models/protection/simulate.ts', 'link.efficiency']] },
  'links[].rtt': { input: [`${R}estate.ts`, 'l.rtt'], uses: [[`${M}sync-replication.ts`, 'l.rttSeconds']] },
  'links[].distance': { input: [`${R}estate.ts`, 'l.distance'], uses: [[`${M}sync-replication.ts`, 'l.rttSeconds']] },
  'links[].monthlyCost': { input: [`${R}estate.ts`, 'l.monthlyCost ?? 0'], uses: [['models/cost/link-price.ts', 'price.monthly']] },
  'links[].price.perMbit': { input: [`${R}estate.ts`, 'l.price.perMbit'], uses: [['models/cost/link-price.ts', 'price.perMbitPerMonth']] },
  'links[].price.minimum': { input: [`${R}estate.ts`, 'l.price.minimum'], uses: [['models/cost/link-price.ts', 'price.minimumPerMonth']] },
  'links[].price.sizes[].bandwidth': { input: [`${R}estate.ts`, 's.bandwidth'], uses: [['models/cost/link-price.ts', 's.bandwidthBitsPerSecond >= bandwidthBitsPerSecond']] },
  'links[].price.sizes[].monthly': { input: [`${R}estate.ts`, 's.monthly'], uses: [['models/cost/link-price.ts', 'size.monthly']] },
  'links[].outages.rate': { input: [`${R}estate.ts`, 'frequencyPerYear(ctx, [\'links\', i, \'outages\'], l.outages)'], uses: [['models/failures/outages.ts', 'process.mtbfSeconds']] },
  'links[].outages.mtbf': { input: [`${R}estate.ts`, 'frequencyPerYear(ctx, [\'links\', i, \'outages\'], l.outages)'], uses: [['models/failures/outages.ts', 'process.mtbfSeconds']] },
  'links[].outages.duration': dist([`${R}estate.ts`, 'l.outages.duration'], ['models/failures/outages.ts', 'process.durationSeconds']),

  'workloads[].name': { input: [`${R}workloads.ts`, 'name: w.name'], resolution: 'names the workload for tiers and VMs' },
  'workloads[].averageWrite': { input: [`${R}workloads.ts`, 'averageWriteBytesPerSecond: w.averageWrite'], uses: [['models/protection/write-curve.ts', 'workload.averageWriteBytesPerSecond']] },
  'workloads[].peakWrite': { input: [`${R}workloads.ts`, 'w.peakWrite'], uses: [['models/protection/write-curve.ts', 'workload.peakWriteBytesPerSecond']] },
  'workloads[].profile': { input: [`${R}workloads.ts`, 'w.profile'], uses: [['models/protection/write-curve.ts', 'workload.weeklyProfile']] },
  'workloads[].profile.hourly': { input: [`${R}workloads.ts`, 'w.profile.hourly'], uses: [['models/protection/write-curve.ts', 'workload.weeklyProfile']] },
  'workloads[].profile.weekly': { input: [`${R}workloads.ts`, 'w.profile.weekly'], uses: [['models/protection/write-curve.ts', 'workload.weeklyProfile']] },
  'workloads[].burst.multiplier': { input: [`${R}workloads.ts`, 'w.burst.multiplier'], uses: [['models/protection/write-curve.ts', 'workload.burst?.multiplier']] },
  'workloads[].burst.duration': { input: [`${R}workloads.ts`, 'w.burst.duration'], uses: [['models/protection/write-curve.ts', 'burst.meanDurationSeconds']] },
  'workloads[].burst.perDay': { input: [`${R}workloads.ts`, 'w.burst.perDay'], uses: [['models/protection/write-curve.ts', 'burst.perDay']] },
  'workloads[].uniqueUpdates': { input: [`${R}workloads.ts`, 'w.uniqueUpdates'], uses: [[`${M}method.ts`, 'workload.uniqueUpdates']] },
  'workloads[].compression': { input: [`${R}workloads.ts`, 'compression: w.compression'], uses: [[`${M}backup-run.ts`, 'p.workload.compression']] },

  ...vmDefaults('tiers[]', 't'),
  'tiers[].tier': { input: [`${R}vms.ts`, 'tier'], resolution: 'says which VMs the defaults are for' },
  ...penaltySteps('tiers[]', 'tier?.'),

  'applications[].name': { input: [`${R}applications.ts`, "ctx.table('application', 'applications', input.applications)"], uses: [['experiment/aggregation/applications.ts', 'name: app.name']] },
  'applications[].description': { input: [`${R}applications.ts`, "description: d?.description ?? ''"], uses: [['experiment/aggregation/applications.ts', 'description: app.description'], ['report/html-summary-table.ts', 'a.description']] },
  'applications[].tier': { input: [`${R}applications.ts`, 'd?.tier'], uses: [['experiment/aggregation/applications.ts', 'tier: app.tier']] },
  'applications[].rto': { input: [`${R}applications.ts`, 'd?.rto'], uses: [['experiment/aggregation/verdict.ts', 'app.rtoSeconds']] },
  'applications[].rpo': { input: [`${R}applications.ts`, 'd?.rpo'], uses: [['experiment/aggregation/verdict.ts', 'app.rpoSeconds']] },
  'applications[].priority': { input: [`${R}vms.ts`, 'r.app?.priority'], uses: [['models/recovery/primary-placement.ts', '.priority']] },
  'applications[].downtimeCost': { input: [`${R}applications.ts`, 'd?.downtimeCost'], uses: [['experiment/aggregation/failures.ts', 'penaltyOf(app.downtime']] },
  'applications[].dataLossCost': { input: [`${R}applications.ts`, 'd?.dataLossCost'], uses: [['experiment/aggregation/failures.ts', 'penaltyOf(app.dataLoss']] },
  'applications[].needs': { input: [`${R}applications.ts`, "d.needs === 'all'"], uses: [['models/impact/application-outages.ts', 'a.quorum']] },
  'applications[].needs.quorum': { input: [`${R}applications.ts`, 'd.needs.quorum'], uses: [['models/impact/application-outages.ts', 'a.quorum']] },
  ...penaltySteps('applications[]', 'd?.'),

  ...vmDefaults('vms[]', 'e'),
  'vms[].name': { input: [`${R}vms.ts`, 'e.name'], resolution: 'names the VM for dependencies and selectors; reports print it' },
  'vms[].template': { input: [`${R}vms.ts`, 'e.template'], resolution: 'a name pattern expanded into count VMs' },
  'vms[].count': { input: [`${R}vms.ts`, 'e.count'], resolution: 'how many VMs a template stands for (each is simulated)' },
  'vms[].start': { input: [`${R}vms.ts`, 'e.start'], resolution: 'the first index of a template\'s names' },
  'vms[].cluster': { input: [`${R}vms.ts`, 'e.cluster'], uses: [['models/recovery/primary-placement.ts', 'hostsByCluster[vm.cluster]']] },
  'vms[].storage': { input: [`${R}vms.ts`, 'e.storage'], uses: [['models/recovery/scenario-index.ts', 'vms[v].storage === storage'], [`${M}backup-run.ts`, 'vm.storage']] },
  'vms[].lun': { input: [`${R}vms.ts`, 'e.lun'], uses: [['models/recovery/failover-units.ts', 'vm.lun']] },
  'vms[].hypervisor': { input: [`${R}vms.ts`, 'e.hypervisor'], uses: [['models/recovery/failover-units.ts', "vm.hypervisor !== 'hyperv'"]] },
  'vms[].vcpus': { input: [`${R}vms.ts`, 'e.vcpus'], uses: [['models/recovery/cpu-clock.ts', 'vm.vcpus']] },
  'vms[].ram': { input: [`${R}vms.ts`, 'e.ram'], uses: [['models/recovery/failover-units.ts', 'all[v].ramBytes']] },
  'vms[].disk': dist([`${R}vms.ts`, 'e.disk'], ['models/protection/groups.ts', 'vm.usedBytes']),
  'vms[].disk.provisioned': dist([`${R}vms.ts`, 'e.disk.provisioned'], ['models/protection/dr-storage.ts', 'vm.provisionedBytes']),
  'vms[].disk.used': dist([`${R}vms.ts`, 'e.disk.used'], ['models/protection/groups.ts', 'vm.usedBytes']),
  'vms[].tier': { input: [`${R}vms.ts`, 'e.tier'], uses: [['experiment/aggregation/headline.ts', '.tier']] },
  'vms[].app': { input: [`${R}vms.ts`, 'e.app'], uses: [['models/protection/groups.ts', 'vm.app']] },
  'vms[].dependsOn': { input: [`${R}vms.ts`, 'dependsOn'], uses: [['models/recovery/failover-units.ts', 'dependsOn']] },
  'vms[].writeScale': dist([`${R}vms.ts`, 'e.writeScale'], ['models/protection/groups.ts', 'vm.workloadScale']),
  'vms[].stateless': { input: [`${R}vms.ts`, 'e.stateless'], uses: [['models/impact/application-outages.ts', 'vm.stateless']] },
  'vms[].consistencyGroup': { input: [`${R}vms.ts`, 'e.consistencyGroup'], uses: [['models/protection/groups.ts', 'vm.consistencyGroup']] },

  'strategies[].name': { input: [`${R}strategies.ts`, 'name: s.name'], uses: [['experiment/aggregate.ts', 'strategy.name']] },
  'strategies[].description': { input: [`${R}strategies.ts`, 'description: s.description'], uses: [['experiment/aggregate.ts', 'strategy.description']] },
  ...selectors(),
  'strategies[].protect[].select': { input: [`${R}strategies.ts`, "sel === 'all'"], resolution: 'chooses which VMs a rule protects (`all`, or the keys below)' },
  'strategies[].recovery.runbook': { input: [`${R}strategies.ts`, "rb === 'orchestrated'"], uses: [['models/recovery/runbook.ts', "p.runbook.kind === 'manual'"]] },
  ...methodFields(),
  'strategies[].recovery.runbook.orchestrated.maxParallelPowerOns': { input: [`${R}strategies.ts`, 'rb.orchestrated.maxParallelPowerOns'], uses: [['models/recovery/runbook.ts', 'p.runbook.maxParallelPowerOns']] },
  'strategies[].recovery.runbook.orchestrated.guestShutdownTimeout': { input: [`${R}strategies.ts`, 'rb.orchestrated.guestShutdownTimeout'], uses: [['models/recovery/recover.ts', 'runbook.guestShutdownTimeoutSeconds']] },
  'strategies[].recovery.runbook.manual.operators': { input: [`${R}strategies.ts`, 'rb.manual.operators'], uses: [['models/recovery/runbook.ts', 'p.runbook.operators']] },
  'strategies[].recovery.runbook.manual.perVm': dist([`${R}strategies.ts`, 'rb.manual.perVm'], ['models/recovery/recover.ts', 'runbook.secondsPerVm']),
  'strategies[].recovery.detection': dist([`${R}strategies.ts`, 's.recovery.detection'], ['models/recovery/recover.ts', 'plan.detectionSeconds']),
  'strategies[].recovery.declaration': dist([`${R}strategies.ts`, 's.recovery.declaration'], ['models/recovery/recover.ts', 'plan.declarationSeconds']),
  'strategies[].recovery.rebalance': { input: [`${R}strategies.ts`, 's.recovery.rebalance'], uses: [['models/recovery/recover.ts', 'plan.rebalance']] },
  'strategies[].recovery.drSite': { input: [`${R}strategies.ts`, 's.recovery.drSite'], uses: [['models/recovery/recover.ts', 'plan.drSite']] },
  'strategies[].licences.perVm': { input: [`${R}strategies.ts`, 's.licences.perVm'], uses: [['models/cost/strategy-cost.ts', 'lic.perVmPerYear']] },
  'strategies[].licences.perSocket': { input: [`${R}strategies.ts`, 's.licences.perSocket'], uses: [['models/cost/strategy-cost.ts', 'lic.perSocketPerYear']] },
  'strategies[].licences.perTB': { input: [`${R}strategies.ts`, 's.licences.perTB'], uses: [['models/cost/strategy-cost.ts', 'lic.perTBPerYear']] },

  'failures.siteDisaster.site': { input: [`${R}failures.ts`, 'f.siteDisaster.site'], uses: [['models/failures/draws.ts', 'siteDisaster.site']] },
  'failures.siteDisaster.rate': { input: [`${R}failures.ts`, "at('siteDisaster'), f.siteDisaster"], uses: [['models/failures/draws.ts', 'f.siteDisaster?.perYear']] },
  'failures.siteDisaster.mtbf': { input: [`${R}failures.ts`, "at('siteDisaster'), f.siteDisaster"], uses: [['models/failures/draws.ts', 'f.siteDisaster?.perYear']] },
  'failures.hostFailure.rate': { input: [`${R}failures.ts`, "at('hostFailure'), f.hostFailure"], uses: [['models/failures/draws.ts', 'f.hostFailure.perYear']] },
  'failures.hostFailure.mtbf': { input: [`${R}failures.ts`, "at('hostFailure'), f.hostFailure"], uses: [['models/failures/draws.ts', 'f.hostFailure.perYear']] },
  'failures.hostFailure.repair': dist([`${R}failures.ts`, 'f.hostFailure.repair'], ['models/failures/draws.ts', 'f.hostFailure.repairSeconds']),
  'failures.hostFailure.haDetection': { input: [`${R}failures.ts`, 'f.hostFailure.haDetection'], uses: [['models/recovery/host-ha.ts', 'hostFailure?.haDetectionSeconds']] },
  'failures.storageFailure.rate': { input: [`${R}failures.ts`, "at('storageFailure'), f.storageFailure"], uses: [['models/failures/draws.ts', 'f.storageFailure.perYear']] },
  'failures.storageFailure.mtbf': { input: [`${R}failures.ts`, "at('storageFailure'), f.storageFailure"], uses: [['models/failures/draws.ts', 'f.storageFailure.perYear']] },
  'failures.storageFailure.repair': dist([`${R}failures.ts`, 'f.storageFailure.repair'], ['models/failures/draws.ts', 'f.storageFailure.repairSeconds']),
  'failures.corruption.rate': { input: [`${R}failures.ts`, 'frequencyPerYear(ctx, path, c)'], uses: [['models/failures/draws.ts', 'c.perYear']] },
  'failures.corruption.mtbf': { input: [`${R}failures.ts`, 'frequencyPerYear(ctx, path, c)'], uses: [['models/failures/draws.ts', 'c.perYear']] },
  'failures.corruption.detection': dist([`${R}failures.ts`, 'c.detection'], ['models/failures/draws.ts', 'source.detectionSeconds']),
  'failures.corruption.scope': { input: [`${R}failures.ts`, 'c.scope'], uses: [['models/failures/draws.ts', 'corruptionUnits(scenario.vms, source.scope)']] },
  'failures.corruption[].rate': { input: [`${R}failures.ts`, 'frequencyPerYear(ctx, path, c)'], uses: [['models/failures/draws.ts', 'c.perYear']] },
  'failures.corruption[].mtbf': { input: [`${R}failures.ts`, 'frequencyPerYear(ctx, path, c)'], uses: [['models/failures/draws.ts', 'c.perYear']] },
  'failures.corruption[].detection': dist([`${R}failures.ts`, 'c.detection'], ['models/failures/draws.ts', 'source.detectionSeconds']),
  'failures.corruption[].scope': { input: [`${R}failures.ts`, 'c.scope'], uses: [['models/failures/draws.ts', 'corruptionUnits(scenario.vms, source.scope)']] },
  'failures.ransomware.rate': { input: [`${R}failures.ts`, 'frequencyPerYear(ctx, at, r)'], uses: [['models/failures/draws.ts', 'attack.perYear > 0']] },
  'failures.ransomware.mtbf': { input: [`${R}failures.ts`, 'frequencyPerYear(ctx, at, r)'], uses: [['models/failures/draws.ts', 'attack.perYear > 0']] },
  'failures.ransomware.scope': { input: [`${R}failures.ts`, 'scope: r.scope'], uses: [['models/failures/draws.ts', 'corruptionUnits(scenario.vms, attack.scope)']] },
  'failures.ransomware.dwell': dist([`${R}failures.ts`, 'dwellSeconds: r.dwell'], ['models/failures/draws.ts', 'attack.dwellSeconds']),
  'failures.ransomware.detection': dist([`${R}failures.ts`, 'detectionSeconds: r.detection'], ['models/failures/draws.ts', 'attack.detectionSeconds']),
  'failures.ransomware.signOff': dist([`${R}failures.ts`, 'signOffSeconds: r.signOff'], ['models/recovery/recover.ts', 'ransomware!.signOffSeconds']),
  'failures.ransomware.cleanPoint': { input: [`${R}failures.ts`, 'cleanPoint: r.cleanPoint'], uses: [['models/recovery/clean-policy.ts', '?? attack'], ['models/recovery/recover.ts', 'cleanPolicyOfVm(scenario, attack, vm).cleanPoint']] },
  'failures.ransomware.cleaning': dist([`${R}failures.ts`, 'cleaningSeconds: r.cleaning'], ['models/recovery/clean-policy.ts', '?? attack'], ['models/recovery/clean-recovery.ts', 'policy.cleaningSeconds']),
  'failures.ransomware.reinfection': { input: [`${R}failures.ts`, 'reinfectionProbability: r.reinfection'], uses: [['models/recovery/clean-policy.ts', '?? attack'], ['models/recovery/recover.ts', 'policy.reinfectionProbability']] },
  'applications[].ransomware.cleanPoint': {
    input: [`${R}failures.ts`, 'o.cleanPoint ?? scenario.cleanPoint'],
    uses: [['models/recovery/clean-policy.ts', 'attack.policyByApplication?.[application]'], ['models/recovery/recover.ts', 'cleanPolicyOfVm(scenario, attack, vm).cleanPoint'], ['experiment/aggregation/ransomware.ts', 'cleanPoint: policy.cleanPoint']],
  },
  'applications[].ransomware.cleaning': dist([`${R}failures.ts`, 'o.cleaning ?? scenario.cleaningSeconds'], ['models/recovery/clean-policy.ts', 'attack.policyByApplication?.[application]'], ['models/recovery/clean-recovery.ts', 'policy.cleaningSeconds']),
  'applications[].ransomware.reinfection': {
    input: [`${R}failures.ts`, 'o.reinfection ?? scenario.reinfectionProbability'],
    uses: [['models/recovery/clean-policy.ts', 'attack.policyByApplication?.[application]'], ['models/recovery/recover.ts', 'policy.reinfectionProbability'], ['experiment/aggregation/ransomware.ts', "reinfection: policy.cleanPoint === 'before-encryption' ? policy.reinfectionProbability : 0"]],
  },
  'failures.ransomware.identity': { input: [`${R}failures.ts`, 'identityApp: r.identity'], uses: [['models/recovery/clean-recovery.ts', 'attack.identityApp']] },
  'strategies[].recovery.scanRate': { input: [`${R}strategies.ts`, 's.recovery.scanRate'], uses: [['models/recovery/clean-recovery.ts', 'plan.scanBytesPerSecond']] },
  'strategies[].recovery.scanStreams': { input: [`${R}strategies.ts`, 's.recovery.scanStreams'], uses: [['models/recovery/clean-recovery.ts', 'plan.scanStreams']] },
  'strategies[].recovery.cleanRoom.vms': { input: [`${R}strategies.ts`, 's.recovery.cleanRoom.vms'], uses: [['models/recovery/clean-recovery.ts', 'plan.cleanRoom?.vms']] },
  'strategies[].recovery.cleanRoom.cost': { input: [`${R}strategies.ts`, 's.recovery.cleanRoom.cost'], uses: [['models/cost/strategy-cost.ts', 'cleanRoom.costPerYear']] },
  ...copyProtectionFields(),
  'failures.drHostFailure.rate': { input: [`${R}failures.ts`, "at('drHostFailure'), f.drHostFailure"], uses: [['models/recovery/recover.ts', 'failures.drHostFailurePerHour']] },
  'failures.drHostFailure.mtbf': { input: [`${R}failures.ts`, "at('drHostFailure'), f.drHostFailure"], uses: [['models/recovery/recover.ts', 'failures.drHostFailurePerHour']] },
  'failures.analysis': { input: [`${R}failures.ts`, "f.analysis.includes('annualized')"], uses: [['experiment/aggregate.ts', 'scenario.failures.analysis.annualized']] },

  'costs.currency': { input: [`${R}failures.ts`, 'input.costs.currency'], uses: [['experiment/aggregate.ts', 'scenario.costs.currency']] },
  'costs.powerPrice': { input: [`${R}failures.ts`, 'input.costs.powerPrice'], uses: [['models/cost/strategy-cost.ts', 'costs.powerPricePerKWh']] },
  'costs.vaultPerMonth': { input: [`${R}failures.ts`, 'input.costs.vaultPerMonth'], uses: [[`${M}backup.ts`, 'costs.vaultPerMonth']] },
  'costs.unrecoveredOutage': { input: [`${R}failures.ts`, 'input.costs.unrecoveredOutage'], uses: [['experiment/aggregation/failures.ts', 'scenario.costs.unrecoveredOutageSeconds']] },
  // `drsim sensitivity` runs the scenario at each input's low and high multiple.
  ...Object.fromEntries(SENSITIVITY_INPUT_KEYS.flatMap((k) => ['low', 'high'].map((end): [string, Consumed] => [`sensitivity.${k}.${end}`, {
    input: [`${R}failures.ts`, 'input.sensitivity[key]'], uses: [['experiment/sensitivity.ts', 'base.sensitivity[key]']],
  }]))),
  'costs.defaultAmortization': { input: [`${R}failures.ts`, 'input.costs.defaultAmortization'], uses: [['models/cost/strategy-cost.ts', 'costs.defaultAmortizationYears']] },
};

/** Keys a tier and a VM share (a VM's own value wins). */
function vmDefaults(prefix: string, v: string): Record<string, Consumed> {
  const at = (key: string): Reader => [`${R}vms.ts`, `${v}?.${key}`.replace('e?.', 'e.')];
  return {
    [`${prefix}.rto`]: { input: at('rto'), uses: [['experiment/aggregation/headline.ts', 'vm.rtoSeconds']] },
    [`${prefix}.rpo`]: { input: at('rpo'), uses: [['experiment/aggregation/headline.ts', 'vm.rpoSeconds']] },
    // Through its application's penalty (the highest of its VMs', or its own for a VM outside any).
    [`${prefix}.downtimeCost`]: { input: at('downtimeCost'), uses: [[`${R}applications.ts`, 'vm.downtimeCostPerHour'], ['experiment/aggregation/failures.ts', 'penaltyOf(app.downtime']] },
    [`${prefix}.dataLossCost`]: { input: at('dataLossCost'), uses: [[`${R}applications.ts`, 'vm.dataLossCostPerHour'], ['experiment/aggregation/failures.ts', 'penaltyOf(app.dataLoss']] },
    [`${prefix}.slowdownCost`]: { input: at('slowdownCost'), uses: [['models/cost/penalties.ts', 'slowdownCostPerHour']] },
    [`${prefix}.priority`]: { input: at('priority'), uses: [['models/recovery/primary-placement.ts', '.priority']] },
    [`${prefix}.boot`]: dist(at('boot'), ['models/recovery/scenario-index.ts', 'vm.bootSeconds']),
    [`${prefix}.appRecovery`]: dist(at('appRecovery'), ['models/recovery/scenario-index.ts', 'vm.appRecoverySeconds']),
    [`${prefix}.workload`]: { input: [`${R}vms.ts`, `${v}.workload`], uses: [['models/protection/groups.ts', 'vm.workload']] },
  };
}

/** Contractual penalty steps of a tier or an application (`from`: how the resolver names its entry). */
function penaltySteps(prefix: string, from: string): Record<string, Consumed> {
  const out: Record<string, Consumed> = {};
  for (const kind of ['downtime', 'dataLoss']) {
    out[`${prefix}.${kind}Penalties[].after`] = { input: [`${R}applications.ts`, `${from}${kind}Penalties`], uses: [['models/cost/penalties.ts', 'step.afterSeconds']] };
    out[`${prefix}.${kind}Penalties[].amount`] = { input: [`${R}applications.ts`, `${from}${kind}Penalties`], uses: [['models/cost/penalties.ts', 'step.amount']] };
  }
  return out;
}

function selectors(): Record<string, Consumed> {
  const out: Record<string, Consumed> = {};
  for (const k of ['tier', 'app', 'vms', 'cluster', 'site']) {
    out[`strategies[].protect[].select.${k}`] = { input: [`${R}strategies.ts`, `sel.${k}`], resolution: 'chooses which VMs a rule protects (the assignments the simulation runs)' };
  }
  return out;
}

/** Every method's `copyProtection` (what a method's copies may have is checked on resolution). */
function copyProtectionFields(): Record<string, Consumed> {
  const out: Record<string, Consumed> = {};
  const points = 'models/failures/ransomware-points.ts';
  for (const kind of ['async-replication', 'sync-replication', 'cdp', 'backup']) {
    const at = `strategies[].protect[].methods[${kind}].copyProtection`;
    out[`${at}.immutable`] = { input: [`${R}strategies.ts`, 'c.immutable'], uses: [[points, 'protection?.immutableSeconds']] };
    out[`${at}.vault.every`] = { input: [`${R}strategies.ts`, 'c.vault.every'], uses: [[points, 'protection.vault.everySeconds']] };
    out[`${at}.vault.window`] = { input: [`${R}strategies.ts`, 'c.vault.window'], uses: [[points, 'protection.vault.windowSeconds']] };
    out[`${at}.vault.read`] = { input: [`${R}strategies.ts`, 'c.vault.read'], uses: [['models/recovery/sources.ts', 'vault?.readBytesPerSecond']] };
    out[`${at}.offline`] = { input: [`${R}strategies.ts`, 'offline: c.offline'], uses: [[points, 'protection?.offline']] };
    out[`${at}.cost`] = { input: [`${R}strategies.ts`, 'costPerYear: c.cost'], uses: [['models/cost/strategy-cost.ts', 'c.costPerYear']] };
  }
  return out;
}

function methodFields(): Record<string, Consumed> {
  const m = (kind: string, key: string, input: Reader, ...uses: Reader[]): [string, Consumed] => [`strategies[].protect[].methods[${kind}].${key}`, { input, uses }];
  const a = `${M}async-replication.ts`;
  const s = `${M}sync-replication.ts`;
  const c = `${M}cdp.ts`;
  const b = `${M}backup.ts`;
  const run = `${M}backup-run.ts`;
  const sched = `${M}backup-schedule.ts`;
  const copies = `${M}backup-copies.ts`;
  return Object.fromEntries([
    m('async-replication', 'interval', [a, 'm.interval'], [a, 'method.intervalSeconds']),
    m('async-replication', 'retainedSnapshots', [a, 'm.retainedSnapshots'], [a, 'method.retainedSnapshots']),
    m('async-replication', 'compression', [a, 'm.compression'], [a, 'method.compression']),
    m('async-replication', 'quiesce', [a, 'm.quiesce'], [a, 'method.quiesceSeconds']),
    m('async-replication', 'link', [`${M}method.ts`, 'input.link'], [a, 'ctx.links[method.link]']),
    m('async-replication', 'target', [`${M}method.ts`, 'input.target'], [a, "{ kind: 'array', array: method.target }"]),
    m('async-replication', 'weight', [a, 'm.weight'], [a, 'method.linkWeight']),
    m('async-replication', 'promote', [a, 'm.promote'], ['models/recovery/runbook.ts', 'units.promoteSeconds[u]']),
    m('sync-replication', 'onLinkLoss', [s, 'm.onLinkLoss'], [s, "method.linkLossPolicy === 'degrade-to-async'"]),
    m('sync-replication', 'link', [`${M}method.ts`, 'input.link'], [s, 'ctx.links[method.link]']),
    m('sync-replication', 'target', [`${M}method.ts`, 'input.target'], [s, "{ kind: 'array', array: method.target }"]),
    m('sync-replication', 'writeSize', [s, 'm.writeSize'], [s, 'method.writeSizeBytes']),
    m('sync-replication', 'outstandingWrites', [s, 'm.outstandingWrites'], [s, 'method.outstandingWrites']),
    m('sync-replication', 'resyncCheck', [s, 'm.resyncCheck'], [s, 'method.resyncCheckSeconds']),
    m('sync-replication', 'promote', [s, 'm.promote'], ['models/recovery/runbook.ts', 'units.promoteSeconds[u]']),
    m('cdp', 'history', [c, 'm.history'], [c, 'method.historySeconds']),
    m('cdp', 'compression', [c, 'm.compression'], [c, 'method.compression']),
    m('cdp', 'checkpointInterval', [c, 'm.checkpointInterval'], [c, 'method.checkpointIntervalSeconds'], ['models/protection/recovery-points.ts', 'log.consistentEverySeconds']),
    m('cdp', 'link', [`${M}method.ts`, 'input.link'], [c, 'ctx.links[method.link]']),
    m('cdp', 'target', [`${M}method.ts`, 'input.target'], [c, "{ kind: 'array', array: method.target }"]),
    m('cdp', 'weight', [c, 'm.weight'], [c, 'method.linkWeight']),
    m('cdp', 'promote', [c, 'm.promote'], ['models/recovery/runbook.ts', 'units.promoteSeconds[u]']),
    m('backup', 'schedule.full', [b, 'sched.full'], [run, 'method.schedule.fullEverySeconds']),
    m('backup', 'schedule.incremental', [b, 'sched.incremental'], [run, 'method.schedule.incrementalEverySeconds']),
    m('backup', 'schedule.foreverIncremental', [b, 'sched.foreverIncremental'], [run, 'method.schedule.incrementalEverySeconds']),
    m('backup', 'window', [b, 'm.window'], [sched, 'method.windowStartSeconds']),
    m('backup', 'mode', [b, "m.mode === 'agent'"], [run, "method.mode === 'agent'"], [copies, 'method.guestRebuildSeconds']),
    m('backup', 'target', [b, 'm.target'], [copies, 'scenario.backupTargets[target]']),
    m('backup', 'offsite', [b, "m.offsite !== 'none'"], [run, "o.kind === 'none'"]),
    m('backup', 'offsite.wan', [b, 'm.offsite.wan'], [copies, 'scenario.links[o.link]']),
    m('backup', 'offsite.target', [b, 'm.offsite.target'], [copies, 'targetStore(scenario, o.store)']),
    m('backup', 'offsite.tape.every', [b, 't.every'], [sched, 'o.shipEverySeconds']),
    m('backup', 'offsite.tape.transit', [b, 't.transit'], [sched, 'o.transitSeconds']),
    m('backup', 'offsite.tape.costPerShipment', [b, 't.costPerShipment'], [b, 'm.offsite.costPerShipment']),
    m('backup', 'offsite.tape.pricePerTB', [b, 't.pricePerTB'], [copies, 'pricePerTB: o.pricePerTB']),
    m('backup', 'offsite.tape.pickup', [b, 't.pickup'], [sched, 'o.pickupSecondsAfterMidnight']),
    m('backup', 'offsite.tape.mount', [b, 't.mount'], [copies, 'mountSeconds: o.mountSeconds']),
    m('backup', 'retention', [b, 'm.retention'], [run, 'method.retentionSeconds']),
    m('backup', 'agentCpuOverhead', [b, 'm.agentCpuOverhead'], [run, 'method.agentCpuOverhead']),
    m('backup', 'restoreStreams', [b, 'm.restoreStreams'], [copies, 'method.restoreStreams']),
    m('backup', 'rebuild', [b, 'm.rebuild'], [copies, 'method.guestRebuildSeconds']),
    m('backup', 'weight', [b, 'm.weight'], [run, 'method.linkWeight']),
  ]);
}

/**
 * The leaves of the language: every key path (methods by kind) that takes a value — distributions are values,
 * and a key whose value may be a scalar or keys (`disk: 500 GB` or `{ provisioned, used }`) is a leaf too.
 */
function schemaLeaves(): string[] {
  type J = Record<string, any>;
  const leaves = new Set<string>();
  const isValue = (node: J): boolean => node.$ref !== undefined || (node.properties === undefined && node.items === undefined && node.anyOf === undefined);
  const walk = (node: J, path: string): boolean => {
    if (node.$ref !== undefined) return false; // a distribution: a value, not keys
    if (path !== '' && ((node.anyOf as J[] | undefined) ?? []).some(isValue)) leaves.add(path);
    let hasKeys = false;
    if (node.properties !== undefined) {
      const kind: string | undefined = node.properties.method?.const;
      for (const [k, v] of Object.entries<J>(node.properties)) {
        if (k === 'method' && kind !== undefined) continue;
        const p = kind !== undefined && path.endsWith('methods[]') ? `${path.slice(0, -2)}[${kind}].${k}` : path === '' ? k : `${path}.${k}`;
        hasKeys = true;
        if (!walk(v, p)) leaves.add(p);
      }
    }
    for (const key of ['anyOf', 'oneOf', 'allOf']) for (const v of (node[key] as J[] | undefined) ?? []) hasKeys = walk(v, path) || hasKeys;
    if (node.items !== undefined) for (const v of Array.isArray(node.items) ? node.items : [node.items]) hasKeys = walk(v, `${path}[]`) || hasKeys;
    return hasKeys;
  };
  walk(scenarioJsonSchema(), '');
  return [...leaves].sort();
}

function contains(file: string, expression: string): boolean {
  return readFileSync(`${SRC}${file}`, 'utf8').includes(expression);
}

describe('every field of the scenario language is used', () => {
  const leaves = schemaLeaves();

  test('the schema has the fields we expect to walk (sanity)', () => {
    expect(leaves).toContain('storage[].capacity');
    expect(leaves).toContain('strategies[].protect[].methods[cdp].checkpointInterval');
    expect(leaves).toContain('strategies[].protect[].methods[backup].offsite.tape.pickup');
    expect(leaves.length).toBeGreaterThan(150);
  });

  test('each field has an entry saying who reads it, and each entry is a field (both ways)', () => {
    const table = Object.keys(CONSUMED).sort();
    expect(leaves.filter((l) => !(l in CONSUMED))).toEqual([]);
    expect(table.filter((t) => !leaves.includes(t))).toEqual([]);
  });

  test('the readers named contain what they are said to read', () => {
    const missing: string[] = [];
    for (const [path, c] of Object.entries(CONSUMED)) {
      for (const [file, expression] of [c.input, ...(c.uses ?? [])]) if (!contains(file, expression)) missing.push(`${path}: ${file} has no "${expression}"`);
    }
    expect(missing).toEqual([]);
  });

  test('each field changes the numbers somewhere beyond the resolution, or says why it only shapes the resolution', () => {
    const unused = Object.entries(CONSUMED).filter(([, c]) => {
      const model = (c.uses ?? []).some(([file]) => !file.startsWith('models/scenario/'));
      return !model && (c.resolution === undefined || c.resolution.length < 10);
    }).map(([path]) => path);
    expect(unused).toEqual([]);
  });
});
