/**
 * The default price of production slowed (not stopped) by protection.
 *
 * An hour of production held back by throttled synchronous writes is already weighted by the share of writes
 * held back, so it is an hour of the write path refused. Reads go on and held-back writes are delayed, not
 * lost: a partial outage, not an outage (DOMAIN: "the application slows"). Uptime accounting weighs a partial
 * outage at 30% of a full one (Instatus's uptime rules, Harness's SLOs; incident.io counts it fully down) and
 * degraded performance — slower but working — at 0. drsim takes the partial-outage weight: 30% of the
 * application's downtime cost per hour. `slowdownCost` on a tier or VM replaces it.
 */
export const SLOWDOWN_SHARE_OF_DOWNTIME = 0.3;
