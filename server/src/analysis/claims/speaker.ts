import type { EntityMention, EntityType } from '../types';
import { firstTokenAt, isCapitalised, mentionEnd, type ClaimContext } from './context';
import { DEFINITE, GOVERNMENT_HEADS, NP_BREAK } from './functionWords';
import { ANONYMOUS_HEADS, ORG_NOUNS, PERSON_NOUNS, REPRESENTATIVE_NOUNS } from './lexicon';
import { lowerBound } from '../../../../common/search';
import { onlySilentPlaces } from '../places/speakers';

/*
 * Who a source span refers to. A named source is its mention; a pronoun or a
 * definite description ("the parliamentarian", "the newspaper") goes to the
 * most recent preceding entity of a fitting type; indefinite or plural
 * descriptions ("another committee member", "sources") stay unknown, because
 * a wrong id is worse than none.
 */

export interface SpeakerHistory {
  /** Speaker of the most recent claim with a person speaker, and where it was. */
  lastPerson: { id: string; at: number } | null;
}

function isPlural(word: string): boolean {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is');
}

/** Most recent mention of one of `types` that ends before `offset`, skipping mentions inside [skipStart, skipEnd). */
export function recentMention(ctx: ClaimContext, offset: number, types: EntityType[], limitChars = 3000): EntityMention | null {
  // Mentions are few per document; a backward walk over a sorted index is cheap.
  const sorted = sortedMentions(ctx);
  const lo = lowerBound(sorted, (m) => m.end <= offset);
  for (let i = lo - 1, seen = 0; i >= 0 && seen < 40; i--, seen++) {
    const m = sorted[i];
    if (offset - m.end > limitChars) break;
    if (types.includes(m.type)) return m;
  }
  return null;
}

const sortedCache = new WeakMap<ClaimContext, EntityMention[]>();
function sortedMentions(ctx: ClaimContext): EntityMention[] {
  let s = sortedCache.get(ctx);
  if (!s) {
    s = [...ctx.mentions].sort((a, b) => a.start - b.start);
    sortedCache.set(ctx, s);
  }
  return s;
}

/** A country of the document whose name a demonym ("Iraqi", "Russian") is built on. */
function countryForDemonym(ctx: ClaimContext, word: string): string | null {
  if (word.length < 4) return null;
  const stem = word.slice(0, 4).toLowerCase();
  for (const e of ctx.entities) {
    if (e.type !== 'country') continue;
    for (const name of [e.canonical, ...e.aliases]) {
      if (name.length >= 4 && name.slice(0, 4).toLowerCase() === stem && word.toLowerCase() !== name.toLowerCase()) return e.id;
    }
  }
  return null;
}

/**
 * Resolves the source tokens [a, b) to an entity id. `claimAt` is where the
 * claim sits, for pronoun antecedents.
 */
export function resolveSpeaker(ctx: ClaimContext, a: number, b: number, history: SpeakerHistory): string | null {
  const { tokens, lower } = ctx;
  if (b <= a) return null;
  const start = tokens[a].start;
  // Pronouns.
  if (b - a === 1) {
    const w = lower[a];
    if (w === 'he' || w === 'she' || w === 'him' || w === 'her') {
      const m = recentMention(ctx, start, ['person']);
      if (history.lastPerson && (!m || history.lastPerson.at >= m.start || start - history.lastPerson.at < 400))
        return history.lastPerson.id;
      return m?.id ?? null;
    }
    // "it" and "they" speak for an organisation, group or country; a "they" of people stays unknown.
    if (w === 'it') return recentMention(ctx, start, ['organization', 'country'], 1500)?.id ?? null;
    if (w === 'they') return recentMention(ctx, start, ['organization', 'country'], 400)?.id ?? null;
    if (w === 'we' || w === 'i' || w === 'you') return null;
  }
  if (onlySilentPlaces(ctx, a, b)) return null; // "Residents of Sidon said": no place speaks (places/speakers.ts)
  // Mentions inside the source span.
  const inside: Array<{ m: EntityMention; k: number }> = [];
  for (let k = a; k < b; k++) {
    const mi = ctx.mentionOf[k];
    if (mi >= 0 && (inside.length === 0 || inside[inside.length - 1].m !== ctx.mentions[mi])) inside.push({ m: ctx.mentions[mi], k });
  }
  // Head of the first chunk: the last word before "of", "for", a comma, ...
  let chunkEnd = a;
  while (chunkEnd < b && !NP_BREAK.has(lower[chunkEnd])) chunkEnd++;
  let head = chunkEnd - 1;
  while (head > a && (lower[head] === "'s" || lower[head] === "'" || lower[head] === ')' || !/[\p{L}]/u.test(lower[head]))) head--;
  const headWord = lower[head] ?? '';
  const headIsName = head >= a && (ctx.mentionOf[head] >= 0 || isCapitalised(tokens[head].text));
  const persons = inside.filter((x) => x.m.type === 'person');
  // "A and B said": a joint source is not one speaker.
  if (persons.length >= 2) {
    for (let k = persons[0].k; k < persons[1].k; k++) if (lower[k] === 'and' || lower[k] === '&') return null;
  }
  if (headIsName) {
    const headMention = ctx.mentionOf[head] >= 0 ? ctx.mentions[ctx.mentionOf[head]] : null;
    // "former Obama adviser David Axelrod": the head is the speaker, not the first name in the span.
    if (headMention) return headMention.type === 'person' ? headMention.id : (persons[0]?.m.id ?? headMention.id);
    if (persons.length) return persons[0].m.id;
    const actor = inside.find((x) => x.m.kind === 'actor') ?? inside[0];
    return actor ? actor.m.id : null;
  }
  // Possessor: "Iraq's ambassador" speaks for Iraq.
  const possessor = inside.find((x) => {
    const e = mentionEnd(ctx, x.k, b);
    return e <= head && lower[e] === "'s";
  });
  // "Abadi's spokesman" is not Abadi: a role owned by a person goes to the role rules below.
  if (persons.length && !(possessor && PERSON_NOUNS.has(headWord))) return persons[0].m.id;
  const det = lower[a];
  if (ANONYMOUS_HEADS.has(headWord) || (isPlural(headWord) && !ORG_NOUNS.has(headWord))) return null;
  if (
    det === 'a' ||
    det === 'an' ||
    det === 'another' ||
    det === 'one' ||
    det === 'some' ||
    det === 'many' ||
    det === 'several' ||
    det === 'numerous'
  ) {
    // "a spokesman for X": the organisation behind an anonymous speaker.
    const after = inside.find((x) => x.k >= chunkEnd && x.m.kind === 'actor');
    return after ? after.m.id : null;
  }
  if (PERSON_NOUNS.has(headWord)) {
    // "Abadi's spokesman told NBC …" then "spokesman Sa'ad al-Hadithi told …": the role names its holder.
    if (possessor || DEFINITE.has(det)) {
      const holder = titledPerson(ctx, headWord, a, b);
      if (holder) return holder;
    }
    const forWhom = inside.find((x) => x.k >= chunkEnd && x.m.kind === 'actor');
    if (forWhom && (lower[chunkEnd] === 'for' || lower[chunkEnd] === 'of')) return forWhom.m.id;
    if (possessor) return REPRESENTATIVE_NOUNS.has(headWord) ? possessor.m.id : null;
    if (DEFINITE.has(det) || (head === a && isCapitalised(tokens[a].text))) return recentMention(ctx, start, ['person'])?.id ?? null;
    return null;
  }
  if (ORG_NOUNS.has(headWord)) {
    if (GOVERNMENT_HEADS.has(headWord)) {
      for (let k = a; k < head; k++) {
        if (ctx.mentionOf[k] >= 0) return ctx.mentions[ctx.mentionOf[k]].id;
        if (isCapitalised(tokens[k].text)) {
          const c = countryForDemonym(ctx, tokens[k].text);
          if (c) return c;
        }
      }
    }
    const inner = inside.find((x) => x.m.kind === 'actor');
    if (inner && inner.k >= chunkEnd) return inner.m.id;
    if (DEFINITE.has(det)) return recentMention(ctx, start, ['organization'])?.id ?? null;
    return null;
  }
  return null;
}

/**
 * The person the document gives the role `role` as a title ("spokesman
 * Sa'ad al-Hadithi") or an appositive ("Saad Hadisi, a spokesman for …"),
 * nearest to the source [a, b) within a few paragraphs either way; null when
 * no person, or two different ones, hold it there.
 */
export function titledPerson(ctx: ClaimContext, role: string, a: number, b: number, limitChars = 1500): string | null {
  const { lower, tokens } = ctx;
  const at = tokens[a].start;
  let best: { id: string; d: number } | null = null;
  const ids = new Set<string>();
  const sorted = sortedMentions(ctx);
  for (let i = lowerBound(sorted, (m) => m.start < at - limitChars); i < sorted.length && sorted[i].start <= at + limitChars; i++) {
    const m = sorted[i];
    if (m.type !== 'person') continue;
    const first = firstTokenAt(ctx, m.start);
    if (first < 0 || tokens[first].start !== m.start || (first >= a && first < b)) continue;
    let last = first;
    while (last + 1 < tokens.length && tokens[last + 1].end <= m.end) last++;
    let holds = first > 0 && lower[first - 1] === role;
    if (!holds && lower[last + 1] === ',') {
      for (let k = last + 2; k < Math.min(last + 8, tokens.length) && !/^[,.;:]$/.test(lower[k]); k++) {
        if (lower[k] === role) holds = true;
      }
    }
    if (!holds) continue;
    ids.add(m.id);
    const d = Math.abs(m.start - at);
    if (!best || d < best.d) best = { id: m.id, d };
  }
  return best && ids.size === 1 ? best.id : null;
}
