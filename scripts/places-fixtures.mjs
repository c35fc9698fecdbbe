// Writes the place-resolution fixtures (test/fixtures/places/{dev,check}/*.txt and {dev,check}.gold.json)
// from their marked-up sources ({dev,check}.src.txt), so that offsets never drift from the texts.
// Markup: [[surface|type|country|admin1]] with admin1 optional. Run: node scripts/places-fixtures.mjs
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'places');
const TYPES = new Set(['country', 'city', 'region', 'facility']);

for (const set of ['dev', 'check']) {
  const src = readFileSync(join(dir, `${set}.src.txt`), 'utf8');
  const docs = [];
  for (const chunk of src.split(/^=== /m).slice(1)) {
    const nl = chunk.indexOf('\n');
    const id = chunk.slice(0, nl).trim();
    const body = chunk
      .slice(nl + 1)
      .replace(/^\s*\n/, '')
      .replace(/\s*$/, '\n');
    let text = '';
    const places = [];
    let last = 0;
    for (const m of body.matchAll(/\[\[([^|\]]+)\|([^|\]]+)\|([A-Z]{2})(?:\|([^\]]+))?\]\]/g)) {
      text += body.slice(last, m.index);
      const [, surface, type, country, admin1] = m;
      if (!TYPES.has(type)) throw new Error(`${id}: unknown type ${type}`);
      const start = text.length;
      text += surface;
      places.push({ start, end: text.length, text: surface, type, country, ...(admin1 ? { admin1 } : {}) });
      last = m.index + m[0].length;
    }
    text += body.slice(last);
    if (/\[\[|\]\]/.test(text)) throw new Error(`${id}: unbalanced markup`);
    docs.push({ file: `${set}/${id}.txt`, text, places });
  }
  rmSync(join(dir, set), { recursive: true, force: true });
  mkdirSync(join(dir, set), { recursive: true });
  for (const d of docs) writeFileSync(join(dir, d.file), d.text);
  const gold = { version: 1, set, documents: docs.map(({ file, places }) => ({ file, places })) };
  // One place per line: the gold stays readable and diffs well.
  const json = JSON.stringify(gold, null, 1).replace(/\{\n\s+"start"[^}]*\}/g, (p) => JSON.stringify(JSON.parse(p)));
  writeFileSync(join(dir, `${set}.gold.json`), json + '\n');
  console.log(`${set}: ${docs.length} documents, ${docs.reduce((n, d) => n + d.places.length, 0)} place mentions`);
}
