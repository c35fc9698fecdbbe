import type { Gazetteer } from '../gazetteer';
import type { EntityType } from '../types';
import type { AliasIndex } from './aliasIndex';
import { abbreviates, abbreviationKey, foldName, initialsKeys, isAbbreviation } from './names';
import type { RawMention } from './rawMention';
import { isPlaceType, type Info } from './surfaceInfo';
import type { UnionFind } from './unionFind';

/*
 * Rules over the distinct names of a document, after people: acronyms and
 * their expansions, names defined in brackets, and modifier or generic-head
 * variants of organisations and places.
 */

const GENERIC_HEADS = new Set([
  'province',
  'governorate',
  'news',
  'tv',
  'channel',
  'television',
  'radio',
  'organisation',
  'organization',
  'force',
  'forces',
  'party',
  'movement',
  'group',
  'brigade',
  'brigades',
  'agency',
  'network',
  'army',
  'corps',
  'militia',
  'inc',
  'inc.',
  'corp',
  'corp.',
  'ltd',
  'ltd.',
  'company',
  'co',
  'co.',
]);

export interface Form {
  info: Info;
  /** Index of its first mention. */
  i: number;
}

/** Acronyms and short forms join their expansion when exactly one entity fits. */
export function linkAbbreviations(forms: Form[], uf: UnionFind): void {
  // The abbreviations first: most forms are none, and the expansions are indexed only under the keys they ask for
  // (a document's other initials keys were a Map probe and a list each, never read).
  const asks: Form[] = [];
  const wanted = new Set<string>();
  let pooled = false;
  for (const form of forms) {
    const { info } = form;
    if (info.person || info.alias || info.place || !info.abbreviation) continue;
    asks.push(form);
    const key = abbreviationFormsOf(info).key;
    if (key !== null) wanted.add(key);
    else pooled = true;
  }
  if (asks.length === 0) return;
  const expansions: Form[] = [];
  const byInitials = new Map<string, Form[]>();
  for (const form of forms) {
    // People count as expansions too ("JFK"), and taggers call some organisations people.
    const initials = abbreviationFormsOf(form.info).initials;
    if (!initials) continue;
    if (pooled) expansions.push(form);
    for (const key of initials) {
      if (!wanted.has(key)) continue;
      const list = byInitials.get(key);
      if (list) list.push(form);
      else byInitials.set(key, [form]);
    }
  }
  for (const { info, i } of asks) {
    const key = abbreviationFormsOf(info).key;
    const pool = key !== null ? (byInitials.get(key) ?? []) : expansions;
    // The distinct entities it could abbreviate: one, or several (`many`).
    let root = -1;
    let many = false;
    let pick = -1;
    for (const e of pool) {
      if (!abbreviates(info.surface, e.info.surface)) continue;
      const r = uf.find(e.i);
      if (root === -1) root = r;
      else if (r !== root) many = true;
      pick = e.i;
    }
    if (root !== -1 && !many) uf.union(pick, i);
  }
}

const OPEN_PAREN = /^\s*[([]\s*$/;
const CLOSE_PAREN = /^\s*[)\]]/;

/** "Popular Mobilization Units (PMU)" and "PMU (Popular Mobilization Units)" define each other. */
export function linkParentheticals(ms: RawMention[], infos: Info[], uf: UnionFind, text: string): void {
  for (let i = 0; i + 1 < ms.length; i++) {
    const a = ms[i];
    const b = ms[i + 1];
    if (b.start - a.end > 4 || !OPEN_PAREN.test(text.slice(a.end, b.start))) continue;
    if (!CLOSE_PAREN.test(text.slice(b.end, b.end + 3))) continue;
    const ia = infos[i];
    const ib = infos[i + 1];
    if (ia.person || ib.person) continue;
    // "Erbil (Iraq)" locates rather than renames; only abbreviations or two organisation names define.
    const abbrA = ia.abbreviation;
    const abbrB = ib.abbreviation;
    const multiWord = (s: string) => /\s/.test(s);
    const defines =
      (abbrB && !abbrA && (abbreviates(ib.surface, ia.surface) || (multiWord(ia.surface) && ia.kind === ib.kind))) ||
      (abbrA && !abbrB && (abbreviates(ia.surface, ib.surface) || (multiWord(ib.surface) && ia.kind === ib.kind))) ||
      (ia.type === 'organization' && ib.type === 'organization' && !abbrA && !abbrB);
    if (defines) uf.union(i, i + 1);
  }
}

/**
 * "Iraqi Kurdistan" ~ "Kurdistan", "UN Security Council" ~ "Security
 * Council" (a leading nationality or country), and "Ninewa Province" ~
 * "Ninewa", "NBC News" ~ "NBC" (a generic head). A short form that could
 * belong to two longer ones ("Health Ministry" with Iraqi and Syrian ones)
 * stays alone.
 */
export function linkVariants(forms: Form[], uf: UnionFind, gazetteer: Gazetteer, aliases: AliasIndex): void {
  const shortForms = new Map<string, number>();
  for (const { info, i } of forms) {
    if (info.person) continue;
    const key = variantKeysOf(info, gazetteer, aliases).key;
    if (!shortForms.has(key)) shortForms.set(key, i);
  }
  const candidates = new Map<number, Set<number>>();
  const firstLong = new Map<number, number>();
  const consider = (short: number | undefined, long: number) => {
    if (short === undefined || short === long) return;
    const set = candidates.get(short) ?? new Set<number>();
    set.add(uf.find(long));
    candidates.set(short, set);
    if (!firstLong.has(short)) firstLong.set(short, long);
  };
  for (const { info, i } of forms) {
    const v = variantKeysOf(info, gazetteer, aliases);
    if (v.withoutModifier !== null) consider(shortForms.get(v.withoutModifier), i);
    if (v.withoutHead !== null) consider(shortForms.get(v.withoutHead), i);
  }
  for (const [short, roots] of candidates) {
    if (roots.size === 1) uf.union(firstLong.get(short)!, short);
  }
}

/**
 * The keys linkVariants needs of a name: its own, and those of its shorter forms without a leading
 * modifier or a generic head (null when it has none). Infos are shared between documents (and belong to
 * one gazetteer and alias index, see describeCache): the keys are computed once per Info.
 */
export interface VariantKeys {
  key: string;
  withoutModifier: string | null;
  withoutHead: string | null;
}
function variantKeysOf(info: Info, gazetteer: Gazetteer, aliases: AliasIndex): VariantKeys {
  let v = info.memo.variantKeys;
  if (!v) {
    const group = variantGroup(info.type);
    v = { key: `${group}|${foldName(info.surface)}`, withoutModifier: null, withoutHead: null };
    const words = info.surface.split(/\s+/);
    if (words.length >= 2) {
      if (!info.person && isModifier(words[0], gazetteer, aliases)) v.withoutModifier = `${group}|${foldName(words.slice(1).join(' '))}`;
      let end = words.length;
      while (end > 1 && GENERIC_HEADS.has(words[end - 1].toLowerCase())) end--;
      if (end < words.length) v.withoutHead = `${group}|${foldName(words.slice(0, end).join(' '))}`;
    }
    info.memo.variantKeys = v;
  }
  return v;
}

/** What linkAbbreviations needs of a name: initials keys of a name of several words (else null), and its abbreviation key. */
export interface AbbreviationForms {
  initials: readonly string[] | null;
  key: string | null;
}
function abbreviationFormsOf(info: Info): AbbreviationForms {
  let a = info.memo.abbreviationForms;
  if (!a) {
    a = {
      initials: /\s/.test(info.surface) ? initialsKeys(info.surface) : null,
      key: info.person || info.alias || info.place || !info.abbreviation ? null : abbreviationKey(info.surface),
    };
    info.memo.abbreviationForms = a;
  }
  return a;
}

/**
 * Places must agree on type ("Sinjar district" is not the town Sinjar);
 * actors only on kind, as taggers confuse organisation and person labels.
 */
function variantGroup(type: EntityType): string {
  return isPlaceType(type) ? type : 'actor';
}

function isModifier(word: string, gazetteer: Gazetteer, aliases: AliasIndex): boolean {
  if (gazetteer.demonym(word)) return true;
  const alias = aliases.lookup(word);
  if (alias && (alias.type === 'country' || isAbbreviation(word))) return true;
  return gazetteer.lookup(word)?.type === 'country';
}
