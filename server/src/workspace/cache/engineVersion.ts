import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { claimsModelEnabled, dataDir, loadedForm } from '../resources';

/** Bumped when the shard's content changes meaning without the engine changing (e.g. what a summary holds). */
// shard-3: the payload no longer holds the text (the reader brings it). shard-4: the payload is not gzipped (a CRC-32 guards it).
const SHARD_FORMAT = 'shard-4';

let cached: string | undefined;

/**
 * The version a shard is valid for: a hash of the engine's code (the analysis
 * thread's bundle, which includes the alias and demonym lists) and of the
 * model, score table and gazetteer files, and of whether the trained claims
 * model runs. Any change to one of them is a new version, so a shard is never
 * read by an engine that would analyse its text otherwise.
 */
export function engineVersion(): string {
  if (cached) return cached;
  const hash = createHash('sha1').update(SHARD_FORMAT);
  const dir = dataDir();
  hash.update(claimsModelEnabled() ? 'claims-model-on' : 'claims-model-off');
  // Bundles run from dist/ beside worker.js; compiled tests find dist/ through the data folder.
  // The tagger and the gazetteer in the form that loads (the .bin the build derives from the JSON, which the .vsix leaves out).
  const files = [
    loadedForm(dir, 'ner-model'),
    loadedForm(dir, 'gazetteer'),
    ...['claim-scores.json', 'claims-model.json'].map((f) => path.join(dir, f)),
  ];
  for (const file of [path.join(dir, '..', 'worker.js'), ...files]) {
    hash.update(path.basename(file));
    hash.update(fs.existsSync(file) ? fs.readFileSync(file) : 'missing');
  }
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}
