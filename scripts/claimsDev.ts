/*
 * Development aid for the claims model: the score distribution of matched and
 * unmatched claims on the seeds' gold and PolNeAR dev, to choose thresholds.
 *
 *   npm run compile && DOSSIER_CLAIMS_MODEL=1 node out/scripts/claimsDev.js   (without it: the patterns' scores)
 */
import * as path from 'path';
import { analyzeDocument } from '../server/src/analysis/pipeline';
import { loadResources } from '../server/src/workspace/resources';
import { loadPolnearDocs, loadSeedDocs, matchClaims, toEvalClaims, type EvalDoc } from './eval/claims';
import { requireShared } from './shared';

function histogram(name: string, docs: EvalDoc[]): void {
  const res = loadResources();
  const bins = Array.from({ length: 10 }, () => [0, 0]);
  for (const d of docs) {
    const claims = analyzeDocument(d.text, res).claims.filter((c) => c.start >= d.range.start && c.start < d.range.end);
    const hit = new Set(matchClaims(d.gold, toEvalClaims(claims, d.range)).map(([, p]) => p));
    claims.forEach((c, i) => bins[Math.min(9, Math.floor((c.score ?? 0) * 10))][hit.has(i) ? 0 : 1]++);
  }
  console.log(`${name}: score bin → matched / unmatched`);
  bins.forEach(([m, u], i) => console.log(`  ${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)}: ${m} / ${u}`));
}

const shared = requireShared('claimsDev');
histogram('seeds', loadSeedDocs(path.join(shared, 'seeds'), path.join(shared, 'gold')));
histogram('PolNeAR dev', loadPolnearDocs(path.join(shared, 'data', 'polnear', 'dev')));
