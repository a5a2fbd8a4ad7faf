/**
 * What a WAN link costs a month at a bandwidth (DOMAIN.md "WAN prices by bandwidth"): a fixed amount, a
 * price per Mbit/s with a floor, or the price of the smallest size one can buy that carries it. Sizing
 * answers in those sizes; sweeps and the optimizer see the cost move with the bandwidth.
 */
import type { LinkPrice, WanLink } from '../scenario/model.js';

export function monthlyPriceAt(price: LinkPrice, bandwidthBitsPerSecond: number): number {
  switch (price.kind) {
    case 'fixed':
      return price.monthly;
    case 'per-bandwidth':
      return Math.max(price.minimumPerMonth, (price.perMbitPerMonth * bandwidthBitsPerSecond) / 1e6);
    case 'sizes': {
      const size = price.sizes.find((s) => s.bandwidthBitsPerSecond >= bandwidthBitsPerSecond) ?? price.sizes[price.sizes.length - 1];
      return size.monthly;
    }
  }
}

export function linkMonthlyCost(link: WanLink): number {
  return monthlyPriceAt(link.price, link.bandwidthBitsPerSecond);
}

/** The bandwidths a link can be bought in, or null when any bandwidth can. */
export function purchasableBandwidths(link: WanLink): number[] | null {
  return link.price.kind === 'sizes' ? link.price.sizes.map((s) => s.bandwidthBitsPerSecond) : null;
}
