// npm run samples — make samples/, the git-ignored working copy of the five
// sample documents (media/samples, which ship in the .vsix and are the test
// fixtures). Files already in samples/ are never overwritten, so the tags and
// notes you make while trying Dossier stay yours and out of the committed
// samples. Used by `npm start` and the "Launch Extension (samples)" config.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const committedSamples = path.join(repoRoot, 'media', 'samples');
export const workingSamples = path.join(repoRoot, 'samples');

/** Copies the sample documents that samples/ lacks; what is there (and every sidecar) is left alone. */
export function prepareSamples() {
  fs.mkdirSync(workingSamples, { recursive: true });
  for (const name of fs.readdirSync(committedSamples)) {
    if (!name.endsWith('.txt')) continue;
    const target = path.join(workingSamples, name);
    if (!fs.existsSync(target)) fs.copyFileSync(path.join(committedSamples, name), target);
  }
  return workingSamples;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(prepareSamples());
}
