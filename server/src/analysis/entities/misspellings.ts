import type { RawMention } from './rawMention';
import { foldName } from './names';
import type { Info } from './surfaceInfo';
import { TypoIndex } from './typoIndex';
import type { UnionFind } from './unionFind';

/*
 * Misspelled names in reader comments ("Internatioanal Herald Tribune",
 * "Erdgoan", "Ministry of Fiance") join their correct form: the two names have
 * the same words but one, and that word is one typo away (an insertion, a
 * deletion, a substitution or two swapped letters). The context must agree:
 * both are people or both are not, no fixed identity is crossed (the
 * union-find refuses that, so "Iran" never joins "Iraq"), the differing word
 * is long enough for a typo to be told from another name (five letters, same
 * first letter), and exactly one entity fits. The rarer spelling (or, at
 * equal counts, the later one) is never the entity's display name.
 */

/** Shortest word compared: shorter names are too often different names one letter apart. */
const MIN_WORD = 5;

interface Form {
  info: Info;
  /** Index of its first mention. */
  i: number;
}

/** At most one edit apart, counting a swap of two adjacent letters as one edit (optimal string alignment). */
export function oneTypoApart(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let p = 0;
  while (p < la && p < lb && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  if (la === lb) {
    // One substitution, or one transposition of p and p + 1.
    if (a.slice(p + 1) === b.slice(p + 1)) return true;
    return p + 1 < la && a[p] === b[p + 1] && a[p + 1] === b[p] && a.slice(p + 2) === b.slice(p + 2);
  }
  // One insertion or deletion at p.
  return la > lb ? a.slice(p + 1) === b.slice(p) : a.slice(p) === b.slice(p + 1);
}

/** A word that may be one side of a typo: long enough, and letters rather than digits. */
function typable(w: string): boolean {
  return w.length >= MIN_WORD && !/\d/.test(w);
}

/** The differing word pair is a plausible typo: both typable, same first letter, one edit. */
function typo(a: string, b: string): boolean {
  return a[0] === b[0] && typable(a) && typable(b) && oneTypoApart(a, b);
}

/** The two word lists name the same thing but for one typo in one word. */
function sameButOneTypo(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  let diff = -1;
  for (let k = 0; k < a.length; k++) {
    if (a[k] === b[k]) continue;
    if (diff >= 0) return false;
    diff = k;
  }
  return diff >= 0 && typo(a[diff], b[diff]);
}

/** Up to this many forms, comparing pairs costs less than keying every form (most documents have a few dozen). */
const SCAN_FORMS = 200;

/** Forms by the first letter of their last word. (One list per form, not one per word: this runs on every document.) */
function byLastLetter(words: readonly string[][]): Map<string, number[]> {
  const byLetter = new Map<string, number[]>();
  for (let k = 0; k < words.length; k++) {
    const last = words[k][words[k].length - 1];
    if (!last) continue;
    const c = last[0];
    const list = byLetter.get(c);
    if (list) list.push(k);
    else byLetter.set(c, [k]);
  }
  return byLetter;
}

/** A form's folded words; Infos are shared between documents, and so are these (Info.memo). */
export interface Shape {
  words: string[];
}

function shapeOf(info: Info): Shape {
  let sh = info.memo.shape;
  if (!sh) {
    sh = { words: foldName(info.surface).split(' ') };
    info.memo.shape = sh;
  }
  return sh;
}

/**
 * Joins each misspelled form to the one entity whose name it misspells; returns the forms that must
 * not name their entity. People also match a bare surname against a full name's last word.
 */
export function linkMisspellings(forms: readonly Form[], ms: readonly RawMention[], infos: readonly Info[], uf: UnionFind): Set<Info> {
  const demoted = new Set<Info>();
  if (forms.length < 2) return demoted;
  // Mentions per form, counted when a first match needs them: most documents have no misspelling.
  let counts: Map<Info, number> | undefined;
  const countOf = (info: Info): number => {
    if (!counts) {
      counts = new Map<Info, number>();
      for (const each of infos) counts.set(each, (counts.get(each) ?? 0) + 1);
    }
    return counts.get(info) ?? 0;
  };
  const shapes = forms.map((f) => shapeOf(f.info));
  const words = shapes.map((sh) => sh.words);
  // Candidates: every match is among them. Few forms are compared with each other form whose last word starts with
  // the same letter (every match shares it: either the last words are equal, or the last word is the misspelt one,
  // or it is the full name's surname, and a typo keeps the first letter). Many forms (a page of reader comments
  // names thousands) are looked up by key (typoIndex.ts): comparing pairs grew with the square of their number.
  const index = forms.length > SCAN_FORMS ? new TypoIndex(words, typable) : null;
  const byLetter = index ? null : byLastLetter(words);
  for (let k = 0; k < forms.length; k++) {
    const a = forms[k];
    if (a.info.fixedId !== undefined) continue;
    const wa = words[k];
    if (!wa[wa.length - 1]) continue;
    // The distinct entities it could join: one, or several (`many`), and no Set per form.
    let root = -1;
    let many = false;
    let pick = -1;
    const near = index ? index.near(k, a.info.person !== undefined && wa.length === 1) : (byLetter!.get(wa[wa.length - 1][0]) ?? []);
    for (const j of near) {
      if (j === k) continue;
      const b = forms[j];
      if (!a.info.person !== !b.info.person) continue;
      const wb = words[j];
      const match =
        sameButOneTypo(wa, wb) ||
        // "Erdgoan" and "Recep Tayyip Erdogan": a bare surname against the full name's last word.
        (a.info.person !== undefined && wa.length === 1 && wb.length > 1 && typo(wa[0], wb[wb.length - 1]));
      if (!match) continue;
      // Only the rarer (or later) of two forms of one length is the misspelling; a bare surname is never the display name anyway.
      const ca = countOf(a.info);
      const cb = countOf(b.info);
      if (wa.length === wb.length && (ca > cb || (ca === cb && ms[a.i].start < ms[b.i].start))) continue;
      // Already one entity (the spelling key joined them): only the display name is at stake.
      if (uf.find(a.i) === uf.find(b.i)) demoted.add(a.info);
      else {
        const r = uf.find(b.i);
        if (root === -1) root = r;
        else if (r !== root) many = true;
        pick = j;
      }
    }
    if (root === -1 || many || demoted.has(a.info)) continue;
    uf.union(forms[pick].i, a.i);
    demoted.add(a.info);
  }
  return demoted;
}
