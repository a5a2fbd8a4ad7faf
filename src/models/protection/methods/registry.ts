/** The protection-method registry: one module per method behind the MethodModel interface. */
import type { MethodKind, ProtectionMethod } from '../../scenario/model.js';
import { asyncReplication } from './async-replication.js';
import { backup } from './backup.js';
import { cdp } from './cdp.js';
import type { MethodModel } from './method.js';
import { syncReplication } from './sync-replication.js';

const registry: { [K in MethodKind]: MethodModel<Extract<ProtectionMethod, { method: K }>> } = {
  'backup': backup,
  'async-replication': asyncReplication,
  'sync-replication': syncReplication,
  'cdp': cdp,
};

export function methodModel<M extends ProtectionMethod>(method: M): MethodModel<M> {
  return registry[method.method] as unknown as MethodModel<M>;
}

export type { MethodModel, MethodRun, MethodAccounting, ProtectionContext, ProtectionGroup } from './method.js';
