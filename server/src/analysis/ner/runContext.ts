import type { DocInput } from './features';
import type { WordInfo } from './wordFeatures';
import { F_CASE, F_COMMON, F_RUN_SHIFT } from './wordFacts';

/*
 * Context classes of capitalised runs (issue 14, organisations). A name of
 * several words ("Rotor Volgograd", "Pirelli SpA", "Ministry of Defence") is
 * typed by what surrounds the whole run and by what its words are, which the
 * one-word windows of the other templates miss for its first and middle words:
 *  - inside the run: a corporate designator (Inc, SpA, Group), an institution
 *    head (ministry, party, committee), a club word (FC, United, Rovers);
 *  - after the run: a score ("X 2 Y 1"), a sports verb ("beat", "drew with"),
 *    business words ("shares"), "'s", punctuation;
 *  - before the run: a score, a sports verb or "against", "shares of",
 *    a place preposition ("in", "at").
 * Computed once per document in normally cased sentences (case is no evidence
 * in SHOUTED or lowercase ones). The word lists are frozen with
 * FEATURE_VERSION (features.ts).
 */

const DESIGNATOR = 1;
const INSTITUTION = 2;
const CLUB = 4;
const SPORT_VERB = 8;
const BUSINESS = 16;
const DIGIT = 32;
const CONNECTOR = 64;
const PLACE_PREP = 128;

const CLASSES: ReadonlyArray<[number, string]> = [
  [
    DESIGNATOR,
    'inc inc. corp corp. co co. ltd ltd. plc spa s.p.a. ag sa s.a. nv n.v. bv gmbh llc lp group holdings holding bhd ab asa oyj pty ' +
      'corporation company companies industries international airlines airways bank bancorp motors systems communications',
  ],
  [
    INSTITUTION,
    'ministry party committee council union association federation university college agency commission court army police church ' +
      'institute foundation league board authority office department parliament assembly congress senate government front movement ' +
      'organisation organization society service exchange',
  ],
  [CLUB, 'fc afc united rovers wanderers athletic athletico albion hotspur rangers city town county olympic sporting real dynamo'],
  [
    SPORT_VERB,
    'beat beats drew draw lost lose won win defeated defeat edged thrashed routed hammered held against vs vs. v v. play played ' +
      'plays playing host hosts visit visits',
  ],
  [BUSINESS, 'shares share stock stake stocks unit subsidiary profit profits revenue revenues sales earnings bid takeover merger'],
  [CONNECTOR, 'of de del della di du des van von der & for'],
  [PLACE_PREP, 'in at from near to outside inside into'],
];

const CLASS_OF = new Map<string, number>();
for (const [bit, words] of CLASSES) for (const w of words.split(' ')) CLASS_OF.set(w, (CLASS_OF.get(w) ?? 0) | bit);

/** The class bits of a word (WordInfo.runClass). */
export function runClassOf(lower: string): number {
  const c = CLASS_OF.get(lower) ?? 0;
  const first = lower.charCodeAt(0);
  return first >= 48 && first <= 57 ? c | DIGIT : c;
}

/** Sizes of the two small-domain templates (templates.ts): inside the run, and its edges. */
export const RUN_INNER_SIZE = 1 + 8 * 3 * 2;
export const RUN_EDGE_SIZE = 1 + 8 * 8 * 2;

export class RunContext {
  /** Per token: 0 outside a run, else 1 + (innerBits * 3 + lengthBucket) * 2 + isFirst. */
  inner = new Uint8Array(0);
  /** Per token: 0 outside a run, else 1 + (after * 8 + before) * 2 + isFirst. */
  edge = new Uint8Array(0);
  /** Per token: index of the word before its run (-1 sentence start), or -2 outside a run. */
  before = new Int32Array(0);
  /** Per token: index of the word after its run (-1 sentence end). */
  after = new Int32Array(0);

  compute(doc: DocInput, infos: readonly WordInfo[], facts: Int32Array, mode: Uint8Array): void {
    const n = doc.words.length;
    if (this.inner.length < n) {
      const size = Math.max(n, this.inner.length * 2);
      this.inner = new Uint8Array(size);
      this.edge = new Uint8Array(size);
      this.before = new Int32Array(size);
      this.after = new Int32Array(size);
    }
    const { inner, edge, before, after } = this;
    inner.fill(0, 0, n);
    edge.fill(0, 0, n);
    before.fill(-2, 0, n);
    for (const [s, e] of doc.sentences) {
      if (s >= e || mode[s] !== 0) continue;
      let i = s;
      while (i < e) {
        if (!isNameWord(facts[i])) {
          i++;
          continue;
        }
        let j = i + 1;
        let bits = runBits(facts[i]);
        for (;;) {
          if (j < e && isNameWord(facts[j])) {
            bits |= runBits(facts[j]);
            j++;
          } else if (j + 1 < e && (runBits(facts[j]) & CONNECTOR) !== 0 && (facts[j] & F_CASE) === 1 && isNameWord(facts[j + 1])) {
            bits |= runBits(facts[j + 1]);
            j += 2;
          } else break;
        }
        const innerBits = bits & 7;
        const len = j - i >= 3 ? 2 : j - i - 1;
        const a = afterClass(infos, j, e);
        const b = beforeClass(infos, i, s);
        for (let k = i; k < j; k++) {
          const first = k === i ? 1 : 0;
          inner[k] = 1 + (innerBits * 3 + len) * 2 + first;
          edge[k] = 1 + (a * 8 + b) * 2 + first;
          before[k] = i > s ? i - 1 : -1;
          after[k] = j < e ? j : -1;
        }
        i = j;
      }
    }
  }
}

/** A capitalised word that is no function word, by its packed facts (wordFacts.ts): may be part of a name. */
function isNameWord(facts: number): boolean {
  return (facts & F_CASE) >= 2 && (facts & F_COMMON) === 0;
}

/** The run-class bits of a word, by its packed facts. */
function runBits(facts: number): number {
  return (facts >> F_RUN_SHIFT) & 255;
}

function afterClass(infos: readonly WordInfo[], j: number, e: number): number {
  if (j >= e) return 0;
  const inf = infos[j];
  const c = inf.runClass;
  if (c & DIGIT) return j + 1 < e && infos[j + 1].caseClass >= 2 ? 2 : 1;
  if (c & SPORT_VERB) return 3;
  if (c & BUSINESS) return 4;
  if (inf.lower === "'s" || inf.lower === '’s') return 5;
  return inf.hasLetter ? 7 : 6;
}

function beforeClass(infos: readonly WordInfo[], i: number, s: number): number {
  if (i <= s) return 0;
  const inf = infos[i - 1];
  const c = inf.runClass;
  if (c & DIGIT) return 1;
  if (c & SPORT_VERB) return 2;
  if ((inf.lower === 'of' || inf.lower === 'in') && i - 2 >= s && (infos[i - 2].runClass & BUSINESS) !== 0) return 3;
  if (c & PLACE_PREP) return 4;
  if (!inf.hasLetter) return 5;
  return inf.lower === 'the' ? 7 : 6;
}
