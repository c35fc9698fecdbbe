import type { Token } from '../types';
import type { Candidate } from './candidates';

/*
 * "the aircraft carrier Carl Vinson", "the carriers Vinson and Enterprise": a ship's name is no person,
 * organisation or place (the guidelines' types; CoNLL calls them MISC), though the tagger reads "Carl Vinson"
 * as a person and "Enterprise" as a place. A name right after a ship noun, or listed after one, is a ship,
 * and so is every other occurrence of that name in the document ("The Carl Vinson leads a battle group").
 */

const SHIP_NOUNS = new Set([
  'carrier',
  'carriers',
  'warship',
  'warships',
  'destroyer',
  'destroyers',
  'frigate',
  'frigates',
  'cruiser',
  'cruisers',
  'battleship',
  'submarine',
  'tanker',
  'liner',
]);

export function markVessels(cands: Candidate[], names: readonly string[], tokens: Token[]): void {
  // Most documents name no ship: one cheap pass before the ordered one.
  if (!cands.some((c) => c.ts > 0 && SHIP_NOUNS.has(tokens[c.ts - 1].text))) return;
  const ships = new Set<string>();
  const byEnd = new Map<number, number>();
  const order = cands.map((_, k) => k).sort((a, b) => cands[a].ts - cands[b].ts);
  for (const k of order) {
    const c = cands[k];
    if (c.ts === 0 || c.start !== tokens[c.ts].start) continue;
    const prev = tokens[c.ts - 1].text;
    const listed = (prev === 'and' || prev === ',') && byEnd.has(c.ts - 1);
    if (SHIP_NOUNS.has(prev) || listed) {
      ships.add(names[k]);
      byEnd.set(c.te, k);
    }
  }
  if (ships.size === 0) return;
  for (let k = 0; k < cands.length; k++) if (ships.has(names[k])) cands[k].label = 'MISC';
}
