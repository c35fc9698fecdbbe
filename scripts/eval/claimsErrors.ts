/*
 * Error buckets of the claims detector on PolNeAR (dev by default): why each
 * gold attribution was missed at J >= 0.5 and what each false positive is, to
 * decide where the detector needs work (issue 15).
 *
 *   npm run compile && DOSSIER_CLAIMS_MODEL=1 node out/scripts/eval/claimsErrors.js [split] [--show bucket]
 *
 * Missed gold claims:
 *  - no cue: no predicted claim's cue overlaps the gold cue and no prediction overlaps the content;
 *  - cue, no claim: a predicted cue overlaps nothing of the content, (the content went elsewhere);
 *  - too short / too long: the best-overlapping prediction has J < 0.5 and is shorter / longer;
 *  - split: two or more predictions overlap the gold content, none at J >= 0.5;
 *  - merged: the best-overlapping prediction is paired with another gold claim, or overlaps 2+ gold contents;
 *  - taken: a prediction at J >= 0.5 exists but the one-to-one pairing gave it to another gold claim.
 * False positives: overlapping no gold content at all (spurious), overlapping one at J < 0.5 (boundary).
 * Matched claims with a wrong source are counted too.
 */
import * as path from 'path';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import { loadResources } from '../../server/src/workspace/resources';
import type { Span } from '../../server/src/analysis/types';
import { requireShared } from '../shared';
import { jaccard, loadPolnearDocs, matchClaims, toEvalClaims, type EvalClaim } from './claims';

const overlap = (a: Span, b: Span) => Math.min(a.end, b.end) - Math.max(a.start, b.start);

function main(): void {
  const split = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'dev';
  if (split !== 'dev' && split !== 'train') {
    console.error(
      `claimsErrors: unknown split "${split}": PolNeAR has dev and train (node out/scripts/eval/claimsErrors.js [dev|train] [--show bucket])`,
    );
    process.exit(2);
  }
  const showAt = process.argv.indexOf('--show');
  const show = showAt > 0 ? process.argv[showAt + 1] : undefined;
  const docs = loadPolnearDocs(path.join(requireShared('claimsErrors'), 'data', 'polnear', split));
  const res = loadResources();
  const miss = new Map<string, number>();
  const fp = new Map<string, number>();
  const add = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  let gold = 0;
  let matched = 0;
  let sourceWrong = 0;
  let predicted = 0;
  for (const d of docs) {
    const a = analyzeDocument(d.text, res);
    const pred: EvalClaim[] = toEvalClaims(a.claims, d.range);
    const pairs = matchClaims(d.gold, pred);
    const pg = new Map(pairs.map(([g, p]) => [g, p]));
    const pp = new Map(pairs.map(([g, p]) => [p, g]));
    gold += d.gold.length;
    predicted += pred.length;
    matched += pairs.length;
    const txt = (s: Span | null) => (s ? d.text.slice(s.start, s.end).replace(/\s+/g, ' ') : '∅');
    for (const [g, p] of pairs) {
      const gs = d.gold[g].source;
      const ps = pred[p].source;
      const ok = !gs && !ps ? true : !!gs && !!ps && jaccard(gs, ps) >= 0.5;
      if (!ok) sourceWrong++;
      if (!ok && show === 'source') console.log(`SOURCE ${txt(ps)} ≠ ${txt(gs)} :: ${txt(d.gold[g].content).slice(0, 80)}`);
    }
    d.gold.forEach((g, gi) => {
      if (pg.has(gi)) return;
      const over = pred.map((p, i) => [i, overlap(p.content, g.content)] as const).filter(([, o]) => o > 0);
      let bucket: string;
      const cueHit = g.cue ? pred.some((p) => p.cue && overlap(p.cue, g.cue as Span) > 0) : false;
      if (over.length === 0) bucket = cueHit ? 'cue found, content elsewhere' : g.cue ? 'no cue found' : 'no cue found (gold has no cue)';
      else if (over.some(([i]) => jaccard(pred[i].content, g.content) >= 0.5)) bucket = 'taken by another gold (pairing)';
      else {
        const [bi] = [...over].sort((x, y) => y[1] - x[1])[0];
        const b = pred[bi].content;
        const golds = d.gold.filter((h) => overlap(h.content, b) > 0).length;
        if (pp.has(bi) || golds > 1) bucket = 'merged with another attribution';
        else if (over.length > 1) bucket = 'split into several';
        else bucket = b.end - b.start < g.content.end - g.content.start ? 'content too short' : 'content too long';
      }
      add(miss, bucket);
      if (show && bucket.startsWith(show))
        console.log(`MISS ${bucket}: [${txt(g.source)}] <${txt(g.cue)}> ${txt(g.content).slice(0, 140)}`);
    });
    pred.forEach((p, pi) => {
      if (pp.has(pi)) return;
      const over = d.gold.filter((g) => overlap(g.content, p.content) > 0);
      const bucket = over.length === 0 ? 'spurious (no gold overlaps)' : 'boundary (overlaps gold, J < 0.5)';
      add(fp, bucket);
      if (show === 'fp' || (show && bucket.startsWith(show)))
        console.log(
          `FP ${bucket}: [${txt(p.source)}] <${txt(p.cue)}> ${txt(p.content).slice(0, 140)}${over.map((g) => `\n    gold: [${txt(g.source)}] <${txt(g.cue)}> ${txt(g.content).slice(0, 140)}`).join('')}`,
        );
    });
  }
  const pct = (n: number, of: number) => `${n}`.padStart(5) + ` (${((100 * n) / of).toFixed(1)} %)`;
  console.log(`PolNeAR ${split}: gold ${gold}, predicted ${predicted}, matched ${matched}; matched with wrong source ${sourceWrong}`);
  console.log('missed gold attributions:');
  for (const [k, n] of [...miss].sort((x, y) => y[1] - x[1])) console.log(`  ${k.padEnd(34)} ${pct(n, gold - matched)}`);
  console.log('false positives:');
  for (const [k, n] of [...fp].sort((x, y) => y[1] - x[1])) console.log(`  ${k.padEnd(34)} ${pct(n, predicted - matched)}`);
}

main();
