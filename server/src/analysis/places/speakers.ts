import type { ClaimContext } from '../claims/context';

/*
 * A place is never the source of a claim unless the text means its
 * government: "Baghdad said", "Iraq's ambassador" (annotation guidelines,
 * metonymy). "Residents of Sidon said", "officials in Atlanta and Savannah
 * said" and "Atlanta and Savannah said" are people of those places, or a
 * list of places, not a place speaking.
 */

const LOCATING = new Set(['in', 'of', 'from', 'at', 'near', 'across', 'outside', 'around', 'throughout', 'inside']);

/** People and bodies that are "in" a place: "officials in X", "residents from X". */
const LOCATED_HEADS = new Set(
  (
    'officials official residents people citizens authorities police leaders activists witnesses doctors voters protesters ' +
    'lawmakers legislators workers students teachers families sources spokesmen spokeswomen spokespeople organizers organisers ' +
    'analysts experts diplomats observers commanders troops soldiers forces fighters militants rebels prosecutors investigators ' +
    'reporters journalists journalist correspondents officers firefighters rescuers farmers merchants traders businessmen locals'
  ).split(' '),
);

function isPlace(ctx: ClaimContext, k: number): boolean {
  const mi = k >= 0 && k < ctx.mentionOf.length ? ctx.mentionOf[k] : -1;
  return mi >= 0 && ctx.mentions[mi].kind === 'place';
}

/**
 * Whether the source tokens [a, b) name no speaker at all because every
 * mention in them is a place that is not speaking: a place after a
 * preposition ("Residents of Sidon") or a list of places ("Atlanta and
 * Savannah"). A lone place name ("Baghdad") and a possessor ("Iraq's
 * ambassador") still speak.
 */
export function onlySilentPlaces(ctx: ClaimContext, a: number, b: number): boolean {
  let places = 0;
  let located = false;
  let joined = false;
  for (let k = a; k < b; k++) {
    const mi = ctx.mentionOf[k];
    if (mi < 0) continue;
    if (ctx.mentions[mi].kind !== 'place') return false;
    if (k > a && ctx.mentionOf[k - 1] === mi) continue;
    places++;
    if (k > a && LOCATING.has(ctx.lower[k - 1])) located = true;
    // "Atlanta and Savannah"; not "London, Ontario", one place and its province.
    if (k > a && (ctx.lower[k - 1] === 'and' || ctx.lower[k - 1] === '&') && isPlace(ctx, k - 2)) joined = true;
  }
  return places > 0 && (located || joined);
}

/**
 * Whether a walk leftwards over a source noun phrase may cross the word at k
 * ("in", "from", "at"): it ties a group of people to a place that follows
 * ("officials in Atlanta and Savannah said").
 */
export function locatesPeople(ctx: ClaimContext, k: number): boolean {
  const w = ctx.lower[k];
  if (w !== 'in' && w !== 'from' && w !== 'at') return false;
  return isPlace(ctx, k + 1) && k > 0 && LOCATED_HEADS.has(ctx.lower[k - 1]);
}
