/**
 * What a failure does to the business: per application (scenario.applications; a VM outside any named
 * one is its own), how long it is down and how much it loses.
 * - Down from the failure until `quorum` of its VMs are up: VMs the failure did not touch are up at 0;
 *   the others as they are recovered. Not recovered → down for good (+∞, censored).
 * - Loses the updates of its data-bearing VMs since their recovery points: the worst one. Stateless VMs
 *   lose nothing; a data-bearing VM not recovered loses everything (+∞).
 */
import type { Scenario } from '../scenario/model.js';
import { freezeScenario } from '../scenario/frozen.js';

/** One event's affected applications, as parallel arrays (0 .. count). */
export interface EventOutages {
  count: number;
  applications: Int32Array;
  /** +∞: not back (fewer than its quorum of VMs recovered). */
  downSeconds: Float64Array;
  /** +∞: a data-bearing VM was not recovered. */
  lossSeconds: Float64Array;
}

export class ApplicationOutages {
  private readonly appOf: Int32Array;
  private readonly size: Int32Array;
  private readonly quorum: Int32Array;
  private readonly stateless: Uint8Array;
  // Per-event scratch, by application.
  private readonly affected: Int32Array;
  private readonly down: Float64Array;
  private readonly loss: Float64Array;
  private readonly times: number[][];
  private readonly touched: Int32Array;

  constructor(scenario: Scenario) {
    const apps = scenario.applications;
    const loose = scenario.vms.findIndex((vm) => !(vm.application >= 0 && vm.application < apps.length));
    if (loose >= 0) throw new Error(`VM ${scenario.vms[loose].name} belongs to no application (build VMs through the loader, or set them with applicationsOfVms)`);
    this.appOf = Int32Array.from(scenario.vms, (vm) => vm.application);
    this.size = Int32Array.from(apps, (a) => a.vms.length);
    this.quorum = Int32Array.from(apps, (a) => a.quorum);
    this.stateless = Uint8Array.from(scenario.vms, (vm) => (vm.stateless ? 1 : 0));
    this.affected = new Int32Array(apps.length);
    this.down = new Float64Array(apps.length);
    this.loss = new Float64Array(apps.length);
    this.times = apps.map(() => []);
    this.touched = new Int32Array(apps.length);
  }

  /** A buffer for `measure` large enough for any event of this scenario. */
  buffer(): EventOutages {
    const n = this.size.length;
    return { count: 0, applications: new Int32Array(n), downSeconds: new Float64Array(n), lossSeconds: new Float64Array(n) };
  }

  /** The outages of one event: its affected VMs with their RPO and RTO (NaN: not recovered). */
  measure(vms: ArrayLike<number>, rpoSeconds: ArrayLike<number>, rtoSeconds: ArrayLike<number>, out: EventOutages): EventOutages {
    const { appOf, affected, down, loss, times, touched, stateless } = this;
    let k = 0;
    for (let i = 0; i < vms.length; i++) {
      const v = vms[i];
      const a = appOf[v];
      if (affected[a] === 0) {
        touched[k++] = a;
        down[a] = 0;
        loss[a] = 0;
      }
      affected[a]++;
      const rto = rtoSeconds[i];
      const up = rto === rto ? rto : Infinity;
      if (up > down[a]) down[a] = up;
      if (this.quorum[a] < this.size[a]) times[a].push(up);
      if (stateless[v] === 0) {
        const rpo = rpoSeconds[i];
        const lost = rpo === rpo ? rpo : Infinity;
        if (lost > loss[a]) loss[a] = lost;
      }
    }
    for (let j = 0; j < k; j++) {
      const a = touched[j];
      const untouched = this.size[a] - affected[a];
      const quorum = this.quorum[a];
      let d = down[a];
      if (quorum < this.size[a]) {
        // Up once `quorum` VMs are: the untouched ones now, then the recovered ones in the order they come back.
        const need = quorum - untouched;
        const t = times[a].sort((x, y) => x - y);
        d = need <= 0 ? 0 : t[need - 1];
        t.length = 0;
      }
      out.applications[j] = a;
      out.downSeconds[j] = d;
      out.lossSeconds[j] = loss[a];
      affected[a] = 0;
    }
    out.count = k;
    return out;
  }
}

const cache = new WeakMap<Scenario, ApplicationOutages>();

/** The (frozen) scenario's outage calculator, built once. */
export function applicationOutages(scenario: Scenario): ApplicationOutages {
  let o = cache.get(scenario);
  if (o === undefined) {
    freezeScenario(scenario);
    cache.set(scenario, (o = new ApplicationOutages(scenario)));
  }
  return o;
}
