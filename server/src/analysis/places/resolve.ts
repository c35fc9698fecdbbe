import type { Gazetteer } from '../gazetteer';
import type { DocumentStructure, EntityCluster, EntityMention } from '../types';
import { containersOf, datelineSpan, kindCue, type DemonymSpan, type KindCue, type NameSpan } from './evidence';
import { choices, factsOf } from './choices';
import { cityFirst, countryFirst, readingsOf, unionReadings, usualReading } from './readings';
import { idFor, liesIn, toResolved, typeOfReferent, type Referent } from './referents';
import { PlaceContext, score, type Evidence } from './score';

/*
 * Which place each place name of a document means. Explicit containment and
 * cue words narrow a name's readings first; the remaining choice weighs the
 * document's other places, demonyms, dateline and spatial coherence, with
 * population as the last resort (see score.ts). One name keeps one reading
 * per document unless the text places its mentions differently ("Paris,
 * Texas" and "Paris, France"). Pure and deterministic.
 */

export interface PlaceInput {
  text: string;
  structure: DocumentStructure;
  mentions: EntityMention[];
  entities: EntityCluster[];
  /** Every demonym of the document, inside mentions too ("the Lebanese Army"). */
  demonyms: readonly DemonymSpan[];
  gazetteer: Gazetteer;
}

/** A group of mentions of one entity that must name one place. */
interface Unit {
  entity: EntityCluster;
  /** The entity's id from clustering, before any unit of it is written back. */
  baseId: string;
  /** Indices into the sorted place names. */
  ks: number[];
  surface: string;
  /** All readings of the name. */
  all: Referent[];
  /** Readings left by containment and cue words. */
  cands: Referent[];
  /** The text said where it is. */
  explicit: boolean;
  /** A container named for a name the gazetteer does not know ("Smallville, Kansas"). */
  container?: { name: number; places: Referent[] };
  /** Units listed with this one ("Georgia and Ukraine"). */
  partners: Unit[];
  /** One of its readings is a country. */
  countryNamesake: boolean;
  chosen?: Referent;
}

const PLACE_TYPES = new Set(['country', 'city', 'region']);
const LIST_GAP = /^(?:[ \t]*,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)$/;
export function resolvePlaces(input: PlaceInput): void {
  const { text, mentions, gazetteer } = input;
  const nameIdx: number[] = [];
  mentions.forEach((m, i) => {
    if (m.kind === 'place' && PLACE_TYPES.has(m.type)) nameIdx.push(i);
  });
  if (nameIdx.length === 0) return;
  nameIdx.sort((a, b) => mentions[a].start - mentions[b].start);
  const names: NameSpan[] = nameIdx.map((i) => mentions[i]);
  const nameOf = new Int32Array(mentions.length).fill(-1);
  nameIdx.forEach((mi, k) => (nameOf[mi] = k));
  const readings = names.map((n, k) => readingsOf(n.text, mentions[nameIdx[k]].type, gazetteer));

  // 1. Explicit evidence per name: what contains it, and what it contains.
  const allowed: Array<Referent[] | null> = names.map(() => null);
  const containerHint: Array<{ name: number; places: Referent[] } | undefined> = names.map(() => undefined);
  /** Adjacent names k, k + 1 in a containment relation, by k. */
  const contained = new Set<number>();
  const narrow = (k: number, to: Referent[]) => {
    const cur = allowed[k];
    const next = cur ? cur.filter((r) => to.some((t) => t.key === r.key)) : to;
    if (next.length > 0) allowed[k] = next;
  };
  // Containment only matters where the name or a neighbour has several readings, or none ("Smallville, Kansas").
  const several = (k: number) => k >= 0 && k < names.length && readings[k].length !== 1;
  for (let k = 0; k < names.length; k++) {
    const own = readings[k];
    if (!several(k) && !several(k + 1) && !several(k - 1)) continue;
    for (const c of containersOf(text, names, k, input.demonyms, gazetteer)) {
      if (c.places.length === 0) continue;
      if (own.length === 0) {
        containerHint[k] ??= c;
        continue;
      }
      if (c.immediate && isList(text, names, k, c.name, own)) continue;
      const inside = own.filter((r) => c.places.some((p) => liesIn(r, p)));
      if (inside.length === 0) continue;
      narrow(k, inside);
      if (c.name >= 0) {
        narrow(
          c.name,
          c.places.filter((p) => inside.some((r) => liesIn(r, p))),
        );
        if (Math.abs(k - c.name) === 1) contained.add(Math.min(k, c.name));
      }
    }
    const cue = kindCue(text, names[k]);
    if (cue) {
      const fit = (allowed[k] ?? own).filter((r) => fitsCue(r, cue));
      if (fit.length > 0) allowed[k] = fit;
    }
  }
  const dateline = datelineSpan(text, input.structure);
  const datelineName = dateline ? names.findIndex((n) => n.start === dateline.start) : -1;

  // 2. Units: the mentions of one entity, split where the text places them differently.
  const units: Unit[] = [];
  const unitOfName = new Int32Array(names.length).fill(-1);
  for (const e of input.entities) {
    if (e.kind !== 'place' || !PLACE_TYPES.has(e.type)) continue;
    const ks: number[] = [];
    for (const mi of e.mentions) if (nameOf[mi] >= 0) ks.push(nameOf[mi]);
    if (ks.length === 0) continue;
    for (const u of splitUnits(e, ks, names, readings, allowed, containerHint)) {
      for (const k of u.ks) unitOfName[k] = units.length;
      units.push(u.unit);
    }
  }

  // Lists: "Georgia and Ukraine", "Beirut, Sidon and Tyre" (not "Paris, Texas").
  for (let k = 0; k + 1 < names.length; k++) {
    const gap = names[k + 1].start - names[k].end;
    if (gap < 1 || gap > 7 || contained.has(k) || !LIST_GAP.test(text.slice(names[k].end, names[k + 1].start))) continue;
    const a = units[unitOfName[k]];
    const b = units[unitOfName[k + 1]];
    if (a && b && a !== b) {
      if (!a.partners.includes(b)) a.partners.push(b);
      if (!b.partners.includes(a)) b.partners.push(a);
    }
  }

  // 3. Choose: names with one reading first, then the rest against the document's context.
  const ctx = new PlaceContext(gazetteer);
  for (const d of countDemonyms(input.demonyms)) ctx.addCountry(d.cc, d.n);
  const evidenceOf = (u: Unit): Evidence => {
    const home = datelineName >= 0 ? units[unitOfName[datelineName]]?.chosen : undefined;
    let partners: Referent[] | undefined;
    for (const p of u.partners) if (p.chosen) (partners ??= []).push(p.chosen);
    return { home: home && units[unitOfName[datelineName]] !== u ? home : undefined, partners, countryNamesake: u.countryNamesake };
  };
  const open: Unit[] = [];
  for (const u of units) {
    if (u.cands.length === 1) {
      u.chosen = u.cands[0];
      ctx.add(u.chosen);
    } else if (u.cands.length > 1) open.push(u);
  }
  assignGreedy(open, ctx, evidenceOf);
  for (let pass = 0; pass < 2; pass++) {
    for (const u of open) {
      ctx.remove(u.chosen!);
      u.chosen = best(u, ctx, evidenceOf(u)).r;
      ctx.add(u.chosen);
    }
  }

  // 4. Write the choice back: ids, types, facts.
  const firstUnit = new Map<EntityCluster, Unit>();
  for (const u of units) if (!firstUnit.has(u.entity)) firstUnit.set(u.entity, u);
  const ids = new LazyIds(input.entities);
  for (const u of units) apply(u, firstUnit.get(u.entity) === u, units, nameIdx, unitOfName, ids, input);
}

function fitsCue(r: Referent, cue: KindCue): boolean {
  if (cue === 'division') return r.kind === 'division' || r.kind === 'region';
  return r.kind === cue;
}

/**
 * "Georgia, Alabama and Florida": a list of divisions or countries, not a place and its container
 * ("Lebanon, Pennsylvania, for the fair" is the container).
 */
function isList(text: string, names: readonly NameSpan[], _k: number, c: number, own: Referent[]): boolean {
  if (!own.some((r) => r.kind === 'country' || r.kind === 'division')) return false;
  const rest = text.slice(names[c].end, names[c].end + 60);
  return (
    /^\s*(?:and|or|&)\s/.test(rest) || /^\s*,\s*(?:and\s+|or\s+)?\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)*\s*(?:,|and\b|or\b)/u.test(rest)
  );
}

function splitUnits(
  e: EntityCluster,
  ks: number[],
  names: readonly NameSpan[],
  readings: Referent[][],
  allowed: Array<Referent[] | null>,
  hints: Array<{ name: number; places: Referent[] } | undefined>,
): Array<{ unit: Unit; ks: number[] }> {
  if (ks.every((k) => allowed[k] === null)) {
    // Nothing in the text places any mention: one unit, the usual case.
    const all = unionReadings(ks.map((k) => readings[k]));
    let container: Unit['container'];
    for (const k of ks) container ??= hints[k];
    return [
      {
        unit: {
          entity: e,
          baseId: e.id,
          ks,
          surface: names[ks[0]].text,
          all,
          cands: countryFirst(all),
          explicit: false,
          container,
          partners: [],
          countryNamesake: all.some((r) => r.kind === 'country'),
          chosen: undefined,
        },
        ks,
      },
    ];
  }
  const groups: Array<{ set: Referent[] | null; ks: number[] }> = [];
  let current: (typeof groups)[number] | undefined;
  const pending: number[] = [];
  for (const k of ks) {
    const set = allowed[k];
    if (!set) {
      if (current) current.ks.push(k);
      else pending.push(k);
      continue;
    }
    // Mentions placed alike join one group; a mention placed elsewhere starts another.
    let g = groups.find((x) => x.set !== null && x.set.some((r) => set.some((s) => s.key === r.key)));
    if (g) g.set = g.set!.filter((r) => set.some((s) => s.key === r.key));
    else {
      g = { set, ks: [] };
      groups.push(g);
    }
    g.ks.push(k);
    current = g;
  }
  if (groups.length === 0) groups.push({ set: null, ks: [] });
  groups[0].ks.unshift(...pending);
  return groups.map((g) => {
    g.ks.sort((a, b) => a - b);
    const first = g.ks[0];
    const surface = names[first].text;
    const all = unionReadings(g.ks.map((k) => readings[k]));
    const unit: Unit = {
      entity: e,
      baseId: e.id,
      ks: g.ks,
      surface,
      all,
      cands: g.set ? cityFirst(g.set) : countryFirst(all),
      explicit: g.set !== null,
      container: g.ks.map((k) => hints[k]).find((h) => h !== undefined),
      partners: [],
      countryNamesake: all.some((r) => r.kind === 'country'),
      chosen: undefined,
    };
    return { unit, ks: g.ks };
  });
}

function countDemonyms(demonyms: readonly DemonymSpan[]): Array<{ cc: string; n: number }> {
  const counts = new Map<string, number>();
  for (const d of demonyms) counts.set(d.cc, (counts.get(d.cc) ?? 0) + 1);
  // A nationality said ten times is not ten places: two at most.
  return [...counts].map(([cc, n]) => ({ cc, n: Math.min(n, 2) }));
}

function best(u: Unit, ctx: PlaceContext, ev: Evidence): { r: Referent; margin: number } {
  let top: Referent = u.cands[0];
  let s1 = -Infinity;
  let s2 = -Infinity;
  for (const r of u.cands) {
    const s = score(r, ctx, ev);
    if (s > s1) {
      s2 = s1;
      s1 = s;
      top = r;
    } else if (s > s2) s2 = s;
  }
  return { r: top, margin: s1 - s2 };
}

/** The most certain choices first, so that each later one sees them; few units, else one pass in text order. */
function assignGreedy(open: Unit[], ctx: PlaceContext, evidenceOf: (u: Unit) => Evidence): void {
  const left = new Set(open);
  if (open.length > 12) {
    for (const u of open) {
      u.chosen = best(u, ctx, evidenceOf(u)).r;
      ctx.add(u.chosen);
    }
    return;
  }
  while (left.size > 0) {
    let pick: Unit | undefined;
    let pickR: Referent | undefined;
    let margin = -Infinity;
    for (const u of left) {
      const b = best(u, ctx, evidenceOf(u));
      if (b.margin > margin) {
        margin = b.margin;
        pick = u;
        pickR = b.r;
      }
    }
    pick!.chosen = pickR;
    ctx.add(pickR!);
    left.delete(pick!);
  }
}

/** The document's entity ids, gathered only when some place needs a new one. */
class LazyIds {
  private set: Set<string> | undefined;
  constructor(private readonly entities: readonly EntityCluster[]) {}
  has(id: string): boolean {
    this.set ??= new Set(this.entities.map((e) => e.id));
    return this.set.has(id);
  }
  rename(from: string, to: string): void {
    this.set ??= new Set(this.entities.map((e) => e.id));
    this.set.delete(from);
    this.set.add(to);
  }
}

function apply(u: Unit, first: boolean, units: Unit[], nameIdx: number[], unitOfName: Int32Array, ids: LazyIds, input: PlaceInput): void {
  const { mentions, entities, gazetteer } = input;
  const e = u.entity;
  const ms = u.ks.map((k) => nameIdx[k]);
  const r = u.chosen;
  if (!r) {
    // A name the gazetteer lacks, placed by its container: its country and division are known.
    const c = u.container;
    const where = c ? (c.name >= 0 ? units[unitOfName[c.name]]?.chosen : c.places[0]) : undefined;
    if (!where) return;
    const place = { name: u.surface, country: where.cc, alternatives: 0 } as NonNullable<EntityCluster['place']>;
    if (where.kind === 'division') place.admin1 = where.name;
    e.place = place;
    e.facts = { ...e.facts, country: gazetteer.country(where.cc)?.name, countryCode: where.cc, admin1: place.admin1 };
    return;
  }
  let target = e;
  if (!first) {
    // The text placed these mentions elsewhere: they are another entity.
    target = { ...e, aliases: [...new Set(ms.map((mi) => mentions[mi].text))], mentions: ms, descriptions: [] };
    e.mentions = e.mentions.filter((mi) => !ms.includes(mi));
    entities.push(target);
  }
  const usual = usualReading(u.all);
  const id = idFor(r, usual, u.baseId, e.canonical, gazetteer, u.all);
  if (u.all.length > 1) target.placeCandidates = choices(r, u.all, usual, e, gazetteer, u.baseId);
  else if (target.placeCandidates !== undefined) delete target.placeCandidates;
  const type = typeOfReferent(r);
  if (id !== target.id) {
    // Another entity of the document may already have the id ("Paris" the person): keep ids unique.
    const next = ids.has(id) ? `${id}-${type}` : id;
    // A split-off entity is new; the entity itself gives its old id up.
    ids.rename(target === e ? target.id : next, next);
    target.id = next;
  }
  target.type = type;
  target.place = toResolved(r, Math.max(0, u.all.length - 1));
  target.facts = factsOf(r, gazetteer);
  for (const mi of ms) {
    mentions[mi].id = target.id;
    if (PLACE_TYPES.has(mentions[mi].type)) mentions[mi].type = type;
  }
}
