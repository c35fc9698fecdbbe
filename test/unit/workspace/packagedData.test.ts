import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadTaggerBinary } from '../../../server/src/analysis/ner/model';
import { layoutText } from '../../../server/src/analysis/pipeline';
import { dataDir, isDataDir, loadedForm, loadGazetteer, loadResources } from '../../../server/src/workspace/resources';

/*
 * The .vsix ships the tagger and the gazetteer only in their binary forms
 * (.vscodeignore): a data folder as installed is found, and loads the same
 * gazetteer and tagger as the build's folder, which has the JSON too.
 */

describe('the data folder as the .vsix installs it (binary forms only)', () => {
  let installed: string;
  before(() => {
    installed = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-data-'));
    for (const f of ['gazetteer.bin', 'ner-model.bin', 'claims-model.json'])
      fs.copyFileSync(path.join(dataDir(), f), path.join(installed, f));
  });
  after(() => fs.rmSync(installed, { recursive: true, force: true }));

  it('is a data folder, and the binaries are the forms that load', () => {
    assert.ok(isDataDir(installed));
    assert.ok(!isDataDir(path.join(installed, 'nothing')));
    assert.strictEqual(loadedForm(installed, 'gazetteer'), path.join(installed, 'gazetteer.bin'));
    assert.strictEqual(loadedForm(installed, 'ner-model'), path.join(installed, 'ner-model.bin'));
  });

  it('loads the gazetteer and the tagger the build loads', () => {
    const gazetteer = loadGazetteer(installed);
    const built = loadResources();
    assert.deepStrictEqual(gazetteer.data.countries.length, built.gazetteer.data.countries.length);
    assert.deepStrictEqual(gazetteer.lookup('Baghdad'), built.gazetteer.lookup('Baghdad'));
    const tagger = loadTaggerBinary(fs.readFileSync(path.join(installed, 'ner-model.bin')), gazetteer);
    const text = 'Hakim al-Zamili, a member of the Iraqi parliament, said Turkey had sent troops to Mosul.';
    const { tokens, sentences } = layoutText(text);
    assert.deepStrictEqual(tagger.tag(text, tokens, sentences), built.tagger.tag(text, tokens, sentences));
  });

  it('a JSON written after the binary (by training) is the form that loads', () => {
    const json = path.join(installed, 'ner-model.json');
    fs.writeFileSync(json, '{}');
    const later = new Date(Date.now() + 10_000);
    fs.utimesSync(json, later, later);
    try {
      assert.strictEqual(loadedForm(installed, 'ner-model'), json);
    } finally {
      fs.rmSync(json);
    }
  });
});
