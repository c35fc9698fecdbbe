import { SIDECAR_SUFFIX } from '../../../common/annotations';
import { baseName, fnv1a32 } from '../../../common/strings';

/*
 * Pure path helpers (no vscode), so they are unit-tested in plain Node.
 * The sidecar of `a/b/001.txt` is `a/b/001.txt.annotations.json`.
 */

export function sidecarPathOf(documentPath: string): string {
  return documentPath + SIDECAR_SUFFIX;
}

export function documentPathOf(sidecarPath: string): string | null {
  return sidecarPath.endsWith(SIDECAR_SUFFIX) ? sidecarPath.slice(0, -SIDECAR_SUFFIX.length) : null;
}

/** `x.annotations.json.bak-20240501T101500Z`: sorts by time and never matches the sidecar glob. */
export function backupPathOf(sidecarPath: string, now: Date): string {
  return `${sidecarPath}.bak-${now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')}`;
}

/** A temporary file next to the sidecar (same folder, so the rename is atomic); not matched by the sidecar glob. */
export function tempPathOf(sidecarPath: string, nonce: string): string {
  return `${sidecarPath}.tmp-${nonce}`;
}

/** A stable colour per tag: the hue comes from a hash of the tag, so it is the same in every session. */
export function tagHue(tag: string): number {
  const h = fnv1a32(tag);
  // 24 well-separated hues; golden-ratio stepping spreads neighbours apart.
  return Math.round(((((h >>> 0) % 24) * 0.618034) % 1) * 360);
}

export { baseName };
