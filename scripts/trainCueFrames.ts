/*
 * The learned cue frames (server/src/analysis/claims/learnedFrames.ts): on
 * PolNeAR train only, every word in a frame — a subject (a named person or
 * organisation, or he/she/they/we/I) right before it, and "to", "that" or a
 * clause after it — that no rule pattern already takes as a cue, counted per
 * (word, frame): how often PolNeAR marks the word as a cue with that subject
 * as source and content starting at the complement. The pairs whose precision
 * and count pass thresholds fixed before any measurement (not tuned on dev)
 * are written to server/data/cue-frames.json, which the patterns then use.
 *
 *   npm run train            (runs this before the claim score table)
 *   node out/scripts/trainCueFrames.js [--polnear DIR] [--out FILE]
 *
 * Deterministic: documents in name order, keys sorted, values rounded.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildContext } from '../server/src/analysis/claims/context';
import { frameKey, freeFrameSites } from '../server/src/analysis/claims/learnedFrames';
import { ruleDrafts } from '../server/src/analysis/claims/rules';
import { analyzeDocument } from '../server/src/analysis/pipeline';
import type { Span } from '../server/src/analysis/types';
import { loadPolnearDocs } from './eval/claims';
import { repoRoot } from './shared';
import { arg, justTrainedResources, polnearTrainDir } from './trainingInputs';

/** A (word, frame) pair is kept when PolNeAR marks at least this share of its occurrences as a cue ... */
const MIN_PRECISION = Number(arg('--min-precision') ?? 0.6);
/** ... over at least this many occurrences on train. */
const MIN_COUNT = Number(arg('--min-count') ?? 5);

const round = (x: number) => Math.round(x * 1000) / 1000;
const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

function main(): void {
  const polDir = polnearTrainDir('the cue frames table');
  const outFile = path.resolve(arg('--out') ?? path.join(repoRoot(), 'server', 'data', 'cue-frames.json'));
  // The tagger just trained (server/data), as the claim score table does.
  const res = justTrainedResources();
  const docs = loadPolnearDocs(polDir);
  const counts = new Map<string, { n: number; hits: number }>();
  let sites = 0;
  for (const doc of docs) {
    const a = analyzeDocument(doc.text, res, undefined, { claims: false });
    const ctx = buildContext(doc.text, a.tokens, a.sentences, a.structure, a.mentions, a.entities);
    // Words a pattern already takes as a cue, or reports inside a content, are left to the patterns (learnedFrames.ts).
    for (const [k, site] of freeFrameSites(ctx, ruleDrafts(ctx))) {
      const tok = ctx.tokens[k];
      if (tok.start < doc.range.start || tok.start >= doc.range.end) continue;
      sites++;
      const subject = { start: ctx.tokens[site.subject[0]].start, end: ctx.tokens[site.subject[1] - 1].end };
      const from = ctx.tokens[site.content];
      // "that" may or may not be inside the gold content: it starts between the word after the cue and the complement.
      const earliest = ctx.tokens[k + 1].start;
      const hit = doc.gold.some(
        (g) =>
          g.cue &&
          overlaps(g.cue, tok) &&
          g.source &&
          overlaps(g.source, subject) &&
          g.content.start >= earliest &&
          g.content.start <= from.start &&
          g.content.end > from.start,
      );
      const key = frameKey(ctx.lower[k], site.frame);
      const t = counts.get(key) ?? { n: 0, hits: 0 };
      t.n++;
      if (hit) t.hits++;
      counts.set(key, t);
    }
  }
  const kept = [...counts]
    .filter(([, t]) => t.n >= MIN_COUNT && t.hits / t.n >= MIN_PRECISION)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const frames = Object.fromEntries(kept.map(([k, t]) => [k, round(t.hits / t.n)]));
  fs.writeFileSync(outFile, JSON.stringify({ frames }, null, 1) + '\n');
  console.log(`${docs.length} PolNeAR train documents, ${sites} free frame sites of ${counts.size} (word, frame) pairs`);
  const keptHits = kept.reduce((sum, [, t]) => sum + t.hits, 0);
  console.log(`${kept.length} pairs kept (${keptHits} cues marked by PolNeAR of ${kept.reduce((sum, [, t]) => sum + t.n, 0)} sites)`);
  console.log(
    `${kept.length} pairs kept (precision >= ${MIN_PRECISION}, count >= ${MIN_COUNT}), written to ${path.relative(process.cwd(), outFile)}`,
  );
  const rows = [...counts]
    .filter(([, t]) => t.n >= MIN_COUNT && t.hits >= 2)
    .sort(([, a], [, b]) => b.hits - a.hits)
    .slice(0, 40)
    .map(
      ([k, t]) =>
        `  ${k.padEnd(24)} n=${String(t.n).padStart(4)} cue=${String(t.hits).padStart(4)} p=${round(t.hits / t.n)}${frames[k] ? '  kept' : ''}`,
    );
  console.log(rows.join('\n'));
}

main();
