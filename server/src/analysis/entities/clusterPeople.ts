import type { RawMention } from './rawMention';
import type { AliasIndex } from './aliasIndex';
import { compatibleGiven, foldName, phoneticWord, similarSurnameKeys } from './names';
import type { Info } from './surfaceInfo';
import { GivenIndex } from './givenIndex';
import { NearWords } from './typoIndex';
import type { UnionFind } from './unionFind';
import { lowerBound } from '../../../../common/search';

interface PersonClusterStarts {
  /** Mention starts of the cluster, ascending. */
  starts: number[];
}

interface PersonCluster extends PersonClusterStarts {
  root: number;
  given: string;
}

/** Derived forms of a written name; Infos are shared between documents, so each is computed once. */
export interface Forms {
  /** The person's display name, lowercased ('' for a non-person). */
  displayLower: string;
  /** The same-written-name key of clusters.ts. */
  surfaceKey: string;
  /** A single word that may be a bare surname: its phonetic key, and whether it has a hyphen. */
  orgSurname: { key: string; hyphen: boolean } | null;
}
function formsOf(info: Info): Forms {
  let f = info.memo.forms;
  if (!f) {
    f = {
      displayLower: info.person ? info.person.display.toLowerCase() : '',
      surfaceKey: `=${foldName(info.surface)}`,
      orgSurname: /\s/.test(info.surface) ? null : { key: phoneticWord(info.surface), hyphen: /[-‐‑]/.test(info.surface) },
    };
    info.memo.forms = f;
  }
  return f;
}

/**
 * People: full names sharing a surname key and a compatible given name are
 * one person; a bare surname joins the single person of that surname, or the
 * nearest preceding one when several share it; a bare given name joins the
 * one person who has it.
 */
export function clusterPeople(
  ms: RawMention[],
  infos: Info[],
  uf: UnionFind,
  aliases: AliasIndex,
  byKey: ReadonlyMap<string, number>,
): void {
  const people: number[] = [];
  infos.forEach((info, i) => {
    if (info.person && info.person.surnameKey) people.push(i);
  });
  if (people.length === 0) return;

  // Transliterations one edit apart share a surname group (al-Zamili / al-Zimili): a key joins the group of the
  // first earlier key similar to it, the shorter first. Buckets by first letter and length find it among few
  // surnames; among many (reader comments name thousands) the pairs of a bucket grew with its square, and
  // deletion keys (typoIndex.ts) find the few that may be one edit away.
  const groupOf = new Map<string, string>();
  const buckets = new Map<string, string[]>();
  const byDeletion = people.length > SCAN_PEOPLE ? new NearWords() : null;
  const surnames: string[] = [];
  for (const i of people) {
    const key = infos[i].person!.surnameKey;
    if (groupOf.has(key)) continue;
    let match: string | undefined;
    if (key.length >= 6) {
      if (byDeletion) match = firstSimilar(key, byDeletion.near(key), surnames);
      else {
        for (let len = key.length - 1; len <= key.length + 1 && match === undefined; len++) {
          match = buckets.get(`${key[0]}${len}`)?.find((k) => similarSurnameKeys(k, key));
        }
      }
    }
    groupOf.set(key, match !== undefined ? groupOf.get(match)! : key);
    if (byDeletion) {
      if (key.length >= 6) byDeletion.add(key, surnames.length);
      surnames.push(key);
      continue;
    }
    const b = `${key[0]}${key.length}`;
    const list = buckets.get(b);
    if (list) list.push(key);
    else buckets.set(b, [key]);
  }
  const group = (i: number) => groupOf.get(infos[i].person!.surnameKey)!;

  // Full names first, most complete first, so shortened given names find their full form.
  const full = people.filter((i) => infos[i].person!.given !== null);
  const distinct = new Map<string, number[]>();
  for (const i of full) {
    const key = `${group(i)}|${formsOf(infos[i]).displayLower}`;
    const list = distinct.get(key);
    if (list) list.push(i);
    else distinct.set(key, [i]);
  }
  const forms = [...distinct.values()].sort((a, b) => {
    const pa = infos[a[0]].person!;
    const pb = infos[b[0]].person!;
    return pb.words - pa.words || pb.display.length - pa.display.length || b.length - a.length || a[0] - b[0];
  });
  const clustersBySurname = new Map<string, PersonCluster[]>();
  const clustersByGiven = new Map<string, PersonCluster[]>();
  const clusterOf = new Map<number, PersonCluster>();
  const givenIndexes = new Map<string, GivenIndex<PersonCluster>>();
  for (const form of forms) {
    const p = infos[form[0]].person!;
    const g = group(form[0]);
    const list = clustersBySurname.get(g) ?? [];
    // Few clusters of a surname are each compared; among many, the index offers the few that may be compatible.
    let index = givenIndexes.get(g);
    if (!index && list.length > SCAN_CLUSTERS) {
      index = new GivenIndex<PersonCluster>(aliases.nicknames);
      for (const c of list) index.add(c);
      givenIndexes.set(g, index);
    }
    const compatible = (index ? [...index.candidates(p.given!)] : list).filter((c) =>
      compatibleGiven(c.given, p.given!, aliases.nicknames),
    );
    let cluster: PersonCluster;
    if (compatible.length === 1) cluster = compatible[0];
    else {
      cluster = { root: form[0], given: p.given!, starts: [] };
      list.push(cluster);
      index?.add(cluster);
      clustersBySurname.set(g, list);
      const gk = p.givenKey ?? '';
      const byGiven = clustersByGiven.get(gk) ?? [];
      byGiven.push(cluster);
      clustersByGiven.set(gk, byGiven);
    }
    for (const i of form) {
      uf.union(cluster.root, i);
      cluster.starts.push(ms[i].start);
      clusterOf.set(i, cluster);
    }
  }
  for (const list of clustersBySurname.values()) for (const c of list) c.starts.sort((a, b) => a - b);

  // The clusters of a surname are final from here on. Among many, each bare surname's nearest is found by one
  // search of all their mention starts instead of one per cluster.
  const merged = new Map<PersonCluster[], MergedStarts>();
  const nearestOf = (candidates: PersonCluster[], start: number): PersonCluster => {
    if (candidates.length <= SCAN_CLUSTERS) return nearest(candidates, start);
    let m = merged.get(candidates);
    if (!m) {
      m = mergeStarts(candidates);
      merged.set(candidates, m);
    }
    return nearestMerged(m, candidates, start);
  };

  const bareBySurname = new Map<string, number>();
  for (const i of people) {
    const p = infos[i].person!;
    if (p.given !== null) continue;
    const candidates = clustersBySurname.get(group(i)) ?? [];
    let target: PersonCluster | undefined;
    if (candidates.length === 1) target = candidates[0];
    else if (candidates.length > 1) target = nearestOf(candidates, ms[i].start);
    else if (p.words === 1 && !/[-‐‑]/.test(p.display)) {
      // A lone given name ("Atheel") when exactly one full name starts with it.
      const byGiven = clustersByGiven.get(p.surnameKey) ?? [];
      if (byGiven.length === 1) target = byGiven[0];
    }
    if (target) {
      uf.union(target.root, i);
      continue;
    }
    // A lone word typed person that is elsewhere a place or organisation ("towards Raqqa") is that entity.
    const same = byKey.get(formsOf(infos[i]).surfaceKey);
    if (same !== undefined && candidates.length === 0) {
      uf.union(same, i);
      continue;
    }
    const first = bareBySurname.get(group(i));
    if (first === undefined) bareBySurname.set(group(i), i);
    else uf.union(first, i);
  }

  // A tagger sometimes types a bare surname as an organisation ("Abadi said").
  infos.forEach((info, i) => {
    if (info.type !== 'organization' || info.fixedId || info.abbreviation) return;
    const org = formsOf(info).orgSurname;
    if (!org) return;
    const key = org.key;
    const g = groupOf.get(key);
    if (g === undefined) {
      const byGiven = org.hyphen ? [] : (clustersByGiven.get(key) ?? []);
      if (byGiven.length === 1) uf.union(byGiven[0].root, i);
      return;
    }
    const candidates = clustersBySurname.get(g) ?? [];
    if (candidates.length === 1) uf.union(candidates[0].root, i);
    else if (candidates.length > 1) uf.union(nearestOf(candidates, ms[i].start).root, i);
  });
}

/** Up to this many clusters of one surname, comparing the given name with each costs less than indexing them. */
const SCAN_CLUSTERS = 16;

/** Up to this many people, the buckets' pairs cost less than keying every surname (most documents name a few dozen). */
const SCAN_PEOPLE = 200;

/** Of the earlier keys `ids` (indexes into `keys`, ascending), the first similar to `key`, the shorter first: what the buckets give. */
export function firstSimilar(key: string, ids: readonly number[], keys: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const id of ids) {
    const k = keys[id];
    if (!similarSurnameKeys(k, key)) continue;
    if (best === undefined || k.length < best.length) best = k;
  }
  return best;
}

/** The cluster with the closest mention before `start`, else the closest after. */
export function nearest<T extends PersonClusterStarts>(candidates: readonly T[], start: number): T {
  let best: T | undefined;
  let bestBefore = -1;
  for (const c of candidates) {
    const before = lastBelow(c.starts, start);
    if (before > bestBefore) {
      bestBefore = before;
      best = c;
    }
  }
  if (best) return best;
  let bestAfter = Infinity;
  best = candidates[0];
  for (const c of candidates) {
    if (c.starts.length > 0 && c.starts[0] < bestAfter) {
      bestAfter = c.starts[0];
      best = c;
    }
  }
  return best;
}

/** The mention starts of several clusters, ascending, each with the index of its cluster (the later cluster first at one start). */
export interface MergedStarts {
  starts: number[];
  owners: number[];
}

export function mergeStarts(candidates: readonly PersonClusterStarts[]): MergedStarts {
  const entries: Array<[number, number]> = [];
  candidates.forEach((c, k) => {
    for (const s of c.starts) entries.push([s, k]);
  });
  entries.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  return { starts: entries.map((e) => e[0]), owners: entries.map((e) => e[1]) };
}

/** What `nearest` gives, from `mergeStarts(candidates)`: the latest start before, the first cluster of equals; else the earliest start. */
export function nearestMerged<T extends PersonClusterStarts>(m: MergedStarts, candidates: readonly T[], start: number): T {
  const lo = lowerBound(m.starts, (v) => v < start);
  if (lo > 0) return candidates[m.owners[lo - 1]];
  if (m.starts.length === 0) return candidates[0];
  // The run of the smallest start ends with its first cluster.
  let k = 0;
  while (k + 1 < m.starts.length && m.starts[k + 1] === m.starts[0]) k++;
  return candidates[m.owners[k]];
}

function lastBelow(sorted: number[], x: number): number {
  const lo = lowerBound(sorted, (v) => v < x);
  return lo > 0 ? sorted[lo - 1] : -1;
}
