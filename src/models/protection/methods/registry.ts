/**
 * The protection-method registry: every method's definition (methods/<kind>.ts, behind the
 * MethodDefinition interface), in the order the language lists them. Adding a method is one module and
 * one line here; everything else asks the registry.
 */
import { asyncReplication, type AsyncReplicationMethod } from './async-replication.js';
import { backup, type BackupMethod } from './backup.js';
import { cdp, type CdpMethod } from './cdp.js';
import type { MethodDefinition } from './method.js';
import { syncReplication, type SyncReplicationMethod } from './sync-replication.js';

export type ProtectionMethod = AsyncReplicationMethod | SyncReplicationMethod | CdpMethod | BackupMethod;
export type MethodKind = ProtectionMethod['method'];

const DEFINITIONS: { [K in MethodKind]: MethodDefinition<Extract<ProtectionMethod, { method: K }>> } = {
  'async-replication': asyncReplication,
  'sync-replication': syncReplication,
  'cdp': cdp,
  'backup': backup,
};

/** Every method kind, in the language's order. */
export const METHOD_KINDS = Object.keys(DEFINITIONS) as MethodKind[];

/** The definition of a resolved method's kind. */
export function methodDefinition<M extends ProtectionMethod>(method: M): MethodDefinition<M> {
  return DEFINITIONS[method.method as MethodKind] as unknown as MethodDefinition<M>;
}

/** The definition of a kind named in the language (undefined when there is none). */
export function definitionOfKind(kind: string): MethodDefinition<ProtectionMethod> | undefined {
  return (DEFINITIONS as Record<string, MethodDefinition<ProtectionMethod> | undefined>)[kind];
}

/** Every definition, in the language's order. */
export function methodDefinitions(): MethodDefinition<ProtectionMethod>[] {
  return METHOD_KINDS.map((k) => DEFINITIONS[k] as unknown as MethodDefinition<ProtectionMethod>);
}

export type { AsyncReplicationMethod, BackupMethod, CdpMethod, SyncReplicationMethod };
export type { BackupMode, BackupSchedule, OffsiteCopy } from './backup.js';
export type { MethodAccounting, MethodDefinition, MethodRun, ProtectionContext, ProtectionGroup, RestoreCopy } from './method.js';
