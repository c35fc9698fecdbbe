import type { MapPlaceType } from '../../../common/protocol';

/*
 * Marker shapes by place type, so type reads without colour too: country a
 * circle, city a square, region a diamond, facility a triangle. Paths are
 * centred on (0, 0) with about the same area for the same radius.
 */

export function markerPath(type: MapPlaceType, r: number): string {
  const f = (n: number) => n.toFixed(2);
  switch (type) {
    case 'country':
      return `M${f(r)},0A${f(r)},${f(r)} 0 1,1 ${f(-r)},0A${f(r)},${f(r)} 0 1,1 ${f(r)},0Z`;
    case 'city': {
      const a = r * 0.89;
      return `M${f(-a)},${f(-a)}H${f(a)}V${f(a)}H${f(-a)}Z`;
    }
    case 'region': {
      const a = r * 1.25;
      return `M0,${f(-a)}L${f(a)},0L0,${f(a)}L${f(-a)},0Z`;
    }
    case 'facility': {
      const a = r * 1.35;
      return `M0,${f(-a)}L${f(a * 0.87)},${f(a * 0.5)}L${f(-a * 0.87)},${f(a * 0.5)}Z`;
    }
  }
}

/** Area grows with mentions: radius from 3 to 14 by the square root of the share of the most mentioned. */
export function markerRadius(mentions: number, max: number): number {
  return 3 + 11 * Math.sqrt(Math.max(0, mentions) / Math.max(1, max));
}
