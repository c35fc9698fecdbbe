import type { DocumentAnalysis } from '../analysis/types';

/** Characters an analysis may take per character of its document (real ones take 3 to 5), plus a floor for tiny documents. */
export const MAX_ANALYSIS_RATIO = 50;
const FLOOR = 1_000_000;

/**
 * About how many characters the analysis takes as JSON, without building the
 * JSON: the strings it holds plus a fixed cost per item.
 */
export function analysisWeight(a: DocumentAnalysis): number {
  let n = 0;
  for (const m of a.mentions) n += m.text.length + 80;
  for (const e of a.entities) {
    n += e.canonical.length + e.id.length + 100 + 8 * e.mentions.length;
    for (const alias of e.aliases) n += alias.length + 4;
    for (const d of e.descriptions) n += d.text.length + 80;
  }
  for (const c of a.claims)
    n += c.text.length + (c.cue?.text.length ?? 0) + (c.source?.text.length ?? 0) + (c.handle?.length ?? 0) + 150 + 12 * c.hedges.length;
  for (const d of a.demonyms) n += d.text.length + d.country.length + d.countryId.length + 80;
  for (const b of a.structure.blocks) n += (b.handle?.length ?? 0) + 60;
  return n;
}

/**
 * Refuses an analysis out of all proportion to its document (a runaway
 * stage): copying it to the server's thread and keeping it in the index
 * would take the whole server down. The document is skipped with a message.
 */
export function checkAnalysisSize(a: DocumentAnalysis, textLength: number): void {
  const weight = analysisWeight(a);
  const limit = MAX_ANALYSIS_RATIO * textLength + FLOOR;
  if (weight > limit) {
    throw new Error(`analysis too large: about ${mb(weight)} for a document of ${mb(textLength)} (limit ${mb(limit)})`);
  }
}

function mb(chars: number): string {
  return `${(chars / 1048576).toFixed(1)} MB`;
}
