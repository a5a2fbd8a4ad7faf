/**
 * First fit over hosts in index order without trying them one by one: a segment tree over the hosts
 * holding, per subtree, the largest free vCPUs and the largest free RAM of any host in it. A search
 * descends only into subtrees whose maxima could take the unit, leftmost first, so a placement costs
 * O(log hosts) when hosts are alike (a subtree that passes the test usually holds a host that fits) instead
 * of O(hosts).
 *
 * The free values here are upper bounds that the caller keeps current; they only prune. The caller checks
 * the exact fit rule on each candidate returned and asks again from the next host if it fails, so the host
 * chosen is exactly the one a scan in index order would choose.
 */
export class FirstFitIndex {
  private readonly size: number;
  /** Heap-ordered tree: node 1 is the root, leaves start at `size`; each node the max of its children. */
  private readonly maxVcpus: Float64Array;
  private readonly maxRam: Float64Array;

  constructor(readonly hosts: number) {
    let size = 1;
    while (size < hosts) size *= 2;
    this.size = size;
    this.maxVcpus = new Float64Array(2 * size).fill(-Infinity);
    this.maxRam = new Float64Array(2 * size).fill(-Infinity);
  }

  /** Host `slot` can take at most this much now (-Infinity: nothing, e.g. a dead host). */
  set(slot: number, freeVcpus: number, freeRamBytes: number): void {
    let i = this.size + slot;
    this.maxVcpus[i] = freeVcpus;
    this.maxRam[i] = freeRamBytes;
    for (i >>= 1; i >= 1; i >>= 1) {
      this.maxVcpus[i] = Math.max(this.maxVcpus[2 * i], this.maxVcpus[2 * i + 1]);
      this.maxRam[i] = Math.max(this.maxRam[2 * i], this.maxRam[2 * i + 1]);
    }
  }

  /** The first host at or after `from` whose free vCPUs and RAM both reach the need; -1 if none. */
  firstCandidate(vcpus: number, ramBytes: number, from: number): number {
    if (from >= this.hosts) return -1;
    const { maxVcpus, maxRam, size } = this;
    // Walk up from the leaf `from`, trying each right sibling subtree in turn (leftmost first).
    let i = size + from;
    if (maxVcpus[i] >= vcpus && maxRam[i] >= ramBytes) return from;
    while (i > 1) {
      if ((i & 1) === 0 && maxVcpus[i + 1] >= vcpus && maxRam[i + 1] >= ramBytes) {
        const found = this.descend(i + 1, vcpus, ramBytes);
        if (found >= 0) return found;
      }
      i >>= 1;
    }
    return -1;
  }

  /** The leftmost leaf under `node` that passes the test, or -1 (the maxima may come from different hosts). */
  private descend(node: number, vcpus: number, ramBytes: number): number {
    const { maxVcpus, maxRam, size } = this;
    if (!(maxVcpus[node] >= vcpus && maxRam[node] >= ramBytes)) return -1;
    if (node >= size) return node - size < this.hosts ? node - size : -1;
    const left = this.descend(2 * node, vcpus, ramBytes);
    return left >= 0 ? left : this.descend(2 * node + 1, vcpus, ramBytes);
  }
}
