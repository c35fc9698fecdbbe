import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import type { DocumentAnalysis } from '../../server/src/analysis/types';
import type { ContractDocument } from '../../server/src/cli/output';
import { loadResources } from '../../server/src/workspace/resources';
import { joinLines, repoRoot } from './util';

/*
 * The short news items, through the whole engine (tagger, gazetteer,
 * place resolution, claims): each place lands where the text puts it.
 */

function analyse(text: string): DocumentAnalysis {
  return analyzeDocument(text, loadResources());
}

function placeOf(a: DocumentAnalysis, name: string, n = 0) {
  const m = a.mentions.filter((x) => x.text === name)[n];
  assert.ok(m, `no mention of ${name}: ${a.mentions.map((x) => x.text).join(', ')}`);
  const e = a.entities.find((x) => x.id === m.id);
  return { type: m.type, kind: m.kind, country: e?.place?.country, admin1: e?.place?.admin1, lat: e?.place?.lat };
}

describe('places in news items', function () {
  this.timeout(60_000);

  it('"X, Y" and "X, in northern Y" put the city inside Y', () => {
    const a = analyse(
      joinLines(
        'Storms and clashes',
        '',
        'Gunmen fought in Tripoli, in northern Lebanon, on Sunday. Paris, Texas, was hit by a tornado. Birmingham, Alabama, and Alexandria, Virginia, sent crews. London, Ontario, offered help. Portland, Maine, and Springfield, Illinois, were spared.',
      ),
    );
    assert.deepStrictEqual([placeOf(a, 'Tripoli').country, placeOf(a, 'Tripoli').admin1], ['LB', 'North Governorate']);
    for (const [city, cc, admin1] of [
      ['Paris', 'US', 'Texas'],
      ['Birmingham', 'US', 'Alabama'],
      ['Alexandria', 'US', 'Virginia'],
      ['London', 'CA', 'Ontario'],
      ['Portland', 'US', 'Maine'],
      ['Springfield', 'US', 'Illinois'],
    ]) {
      const p = placeOf(a, city);
      assert.deepStrictEqual([p.type, p.country, p.admin1], ['city', cc, admin1], city);
    }
    // Portland, Maine, is at 43.7° N; Portland, Oregon, at 45.5° N.
    assert.ok(Math.abs((placeOf(a, 'Portland').lat ?? 0) - 43.66) < 0.1);
    for (const state of ['Texas', 'Alabama', 'Virginia', 'Ontario', 'Maine', 'Illinois'])
      assert.strictEqual(placeOf(a, state).type, 'region', state);
  });

  it('"X, Y" holds when the tagger mistook Y for a person, and "St." is "Saint": Sydney, Nova Scotia; St. Petersburg, Russia', () => {
    const a = analyse(
      joinLines(
        'Mill closes',
        '',
        'Former steelworkers gathered in Sydney, Nova Scotia, on Saturday. Protests were broken up in St. Petersburg, Russia.',
      ),
    );
    assert.deepStrictEqual([placeOf(a, 'Sydney').country, placeOf(a, 'Sydney').admin1], ['CA', 'Nova Scotia']);
    assert.deepStrictEqual([placeOf(a, 'Nova Scotia').type, placeOf(a, 'Nova Scotia').country], ['region', 'CA']);
    assert.deepStrictEqual([placeOf(a, 'St. Petersburg').country, placeOf(a, 'St. Petersburg').admin1], ['RU', 'Saint Petersburg']);
  });

  it('"Valencia, on Spain\'s Mediterranean coast" is in Spain', () => {
    const a = analyse(joinLines('Floods', '', "Flash floods swept through Valencia, on Spain's Mediterranean coast, on Wednesday."));
    assert.deepStrictEqual([placeOf(a, 'Valencia').country, placeOf(a, 'Valencia').admin1], ['ES', 'Valencian Community']);
  });

  it('a story datelined ATLANTA: Georgia is the state, Savannah and Athens are Georgia towns, and no place speaks', () => {
    const a = analyse(
      joinLines(
        'Voters turn out in Georgia runoff',
        '',
        'ATLANTA (AP) — Voters across Georgia lined up on Tuesday. Officials in Atlanta and Savannah said turnout was high. In Athens, home of the University of Georgia, students waited for hours.',
      ),
    );
    assert.deepStrictEqual(placeOf(a, 'Georgia'), {
      type: 'region',
      kind: 'place',
      country: 'US',
      admin1: 'Georgia',
      lat: placeOf(a, 'Georgia').lat,
    });
    assert.deepStrictEqual([placeOf(a, 'ATLANTA').type, placeOf(a, 'ATLANTA').country], ['city', 'US']);
    for (const town of ['Savannah', 'Athens'])
      assert.deepStrictEqual([placeOf(a, town).type, placeOf(a, town).admin1], ['city', 'Georgia'], town);
    const claim = a.claims.find((c) => c.text.includes('turnout'));
    assert.ok(claim);
    assert.strictEqual(claim.source?.text, 'Officials in Atlanta and Savannah');
    assert.strictEqual(claim.speaker, null);
  });

  it('"Residents of Sidon said" has no place as its speaker; "Baghdad said" still speaks for the government', () => {
    const a = analyse(
      joinLines('Lebanon and Iraq', '', 'Residents of Sidon said the army had left. Baghdad said on Sunday that the deal was dead.'),
    );
    assert.deepStrictEqual([placeOf(a, 'Sidon').type, placeOf(a, 'Sidon').country], ['city', 'LB']);
    assert.strictEqual(a.claims.find((c) => c.text.includes('army'))?.speaker, null);
    assert.strictEqual(a.claims.find((c) => c.text.includes('deal'))?.speaker, 'baghdad');
  });

  it('analyze --json gives every resolved place mention its place: country, division, coordinates, population', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-places-'));
    const file = path.join(dir, 'paris.txt');
    fs.writeFileSync(file, joinLines('Tornado', '', 'PARIS, Texas (AP) — A tornado tore through the town late Monday, officials said.'));
    const r = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'analyze', '--json', file], { encoding: 'utf8' });
    fs.rmSync(dir, { recursive: true, force: true });
    assert.strictEqual(r.status, 0, r.stderr);
    const doc = (JSON.parse(r.stdout) as { version: number; documents: ContractDocument[] }).documents[0];
    const paris = doc.entities.find((e) => e.text === 'PARIS');
    assert.deepStrictEqual(
      paris?.place && { ...paris.place, lat: Math.round(paris.place.lat ?? 0), lon: Math.round(paris.place.lon ?? 0) },
      {
        country: 'US',
        admin1: 'Texas',
        lat: 34,
        lon: -96,
        population: 24782,
      },
    );
    for (const e of doc.entities) if (e.kind === 'actor') assert.strictEqual(e.place, undefined);
  });

  it('the dev and check sets name divisions the gazetteer knows', () => {
    const gazetteer = loadResources().gazetteer;
    const divisions = new Set((gazetteer.data.divisions ?? []).map((d) => `${d[1]}|${d[0]}`));
    for (const set of ['dev', 'check']) {
      const gold = JSON.parse(fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'places', `${set}.gold.json`), 'utf8')) as {
        documents: Array<{ places: Array<{ country: string; admin1?: string }> }>;
      };
      for (const d of gold.documents)
        for (const p of d.places) if (p.admin1) assert.ok(divisions.has(`${p.country}|${p.admin1}`), `${set}: ${p.country} ${p.admin1}`);
    }
  });
});
