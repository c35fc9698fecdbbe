import * as fs from 'fs';
import * as path from 'path';
import { Gazetteer, type GazetteerData } from '../server/src/analysis/gazetteer';
import { loadTagger } from '../server/src/analysis/ner/model';
import type { AnalysisResources } from '../server/src/analysis/resources';
import { dataDir, engineData } from '../server/src/workspace/resources';
import { repoRoot, sharedDir } from './shared';

/*
 * What the claims' training steps after the tagger (scripts/trainCueFrames.ts,
 * scripts/trainClaimScores.ts) read: PolNeAR train, and the tagger just
 * trained into server/data rather than the copy the build put in dist/.
 */

/** The value after a command-line flag ("--out FILE"), if given. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** PolNeAR train (--polnear DIR, else ../shared); exits with a clear message naming what is not rebuilt when missing. */
export function polnearTrainDir(notRebuilt: string): string {
  const shared = sharedDir();
  const dir = path.resolve(arg('--polnear') ?? path.join(shared ?? path.join(repoRoot(), '..', 'shared'), 'data', 'polnear', 'train'));
  if (!fs.existsSync(path.join(dir, 'attributions')) || !fs.existsSync(path.join(dir, 'text'))) {
    console.error(`PolNeAR train not found at ${dir} (need attributions/ and text/); ${notRebuilt} is not rebuilt.`);
    console.error('Put the development data in ../shared (or $DOSSIER_SHARED), or pass --polnear DIR.');
    process.exit(1);
  }
  return dir;
}

/** The engine's resources with the tagger just trained (server/data/ner-model.json), without the claims model. */
export function justTrainedResources(): AnalysisResources {
  const gazetteer = new Gazetteer(JSON.parse(fs.readFileSync(path.join(dataDir(), 'gazetteer.json'), 'utf8')) as GazetteerData);
  const model = fs.readFileSync(path.join(repoRoot(), 'server', 'data', 'ner-model.json'), 'utf8');
  const { aliases, demonyms } = engineData();
  return { gazetteer, tagger: loadTagger(model, gazetteer), aliases, demonyms };
}
