/**
 * Where a backup's copies sit and how fast each can be written and read: the local copy on the backup target;
 * the offsite copy on the target at the far end of its WAN link (or a like copy of the target there when the
 * scenario names none), on tapes in the DR site's vault, or nowhere. Protection writes through these stores,
 * cost prices them, recovery restores from them.
 */
import type { RestoreCopy, StoreRef } from './method.js';
import type { Scenario } from '../../scenario/model.js';
import type { BackupMethod } from './backup.js';

/** A place backup copies are written to and restored from. */
export interface BackupStore {
  /** Names the store's throughput in the strategy run (ProtectionContext.fabric). */
  key: string;
  /** Backup target restores from it are grouped under (restore fabrics). */
  target: number;
  site: number;
  readBytesPerSecond: number;
  writeBytesPerSecond: number;
  /** Before a restore reads: mount and position a tape (0 for disk and object storage). */
  mountSeconds: number;
  ref: StoreRef;
}

/** The backup target itself (the local copy, or the only copy when it sits at another site). */
export function targetStore(scenario: Scenario, target: number): BackupStore {
  const t = scenario.backupTargets[target];
  return {
    key: `target:${target}`, target, site: t.site, readBytesPerSecond: t.readBytesPerSecond, writeBytesPerSecond: t.writeBytesPerSecond,
    mountSeconds: t.mountSeconds, ref: { kind: 'backup-target', target },
  };
}

/** Where the offsite copy of a local target's backups sits (null: none is made). */
export function offsiteStore(scenario: Scenario, method: BackupMethod, drSite: number): BackupStore | null {
  const o = method.offsite;
  const own = scenario.backupTargets[method.target];
  if (o.kind === 'wan') {
    if (o.store !== null) return targetStore(scenario, o.store);
    const l = scenario.links[o.link];
    const site = l.siteA === own.site ? l.siteB : l.siteA;
    return {
      key: `copy:${method.target}:${site}`, target: method.target, site, readBytesPerSecond: own.readBytesPerSecond, writeBytesPerSecond: own.writeBytesPerSecond,
      mountSeconds: own.mountSeconds, ref: { kind: 'media', name: `copy of ${own.name} at ${scenario.sites[site].name}`, site, pricePerTB: own.pricePerTB },
    };
  }
  if (o.kind === 'tape') {
    // Tapes are written by the target's library and read back by drives as fast as the target reads.
    return {
      key: `tapes:${method.target}`, target: method.target, site: drSite, readBytesPerSecond: own.readBytesPerSecond, writeBytesPerSecond: Infinity,
      mountSeconds: o.mountSeconds, ref: { kind: 'media', name: `tapes from ${own.name} in the offsite vault`, site: drSite, pricePerTB: o.pricePerTB },
    };
  }
  return null;
}

/** The copy recovery restores from: the local one on the target, or the offsite one where it sits. */
export function restoreCopy(scenario: Scenario, method: BackupMethod, local: boolean, drSite: number): RestoreCopy {
  const here = targetStore(scenario, method.target);
  const store = local ? here : (offsiteStore(scenario, method, drSite) ?? here);
  return {
    store: store.target,
    site: store.site,
    readBytesPerSecond: store.readBytesPerSecond,
    streams: method.restoreStreams,
    preferredLink: method.offsite.kind === 'wan' ? method.offsite.link : null,
    mountSeconds: store.mountSeconds,
    rebuildSeconds: method.guestRebuildSeconds,
  };
}

/** The WAN link between two sites (a target at another site is reached over it). */
export function linkBetween(scenario: Scenario, a: number, b: number): number {
  const i = scenario.links.findIndex((l) => (l.siteA === a && l.siteB === b) || (l.siteA === b && l.siteB === a));
  if (i < 0) throw new Error(`no WAN link between sites ${a} and ${b} for a remote backup target`);
  return i;
}
