import * as fs from 'fs';
import * as path from 'path';

/*
 * Seed-sized documents for the scale benchmarks: copies of the samples, each
 * made unique (its numbers shifted, a local official of its own who speaks),
 * with one prolific name, Hakim al-Zamili, in 80 % of them as a prolific
 * politician is in a real archive. Deterministic: document i is always the
 * same text, so cold and warm runs and two machines index the same folder.
 */

export const PROLIFIC = 'Hakim al-Zamili';

const GIVEN = [
  'Samir',
  'Layla',
  'Omar',
  'Nadia',
  'Yusuf',
  'Huda',
  'Karim',
  'Rana',
  'Tariq',
  'Salma',
  'Faris',
  'Dina',
  'Walid',
  'Amal',
  'Bassam',
  'Zainab',
];
const SURNAMES = [
  'Obeidi',
  'Jubouri',
  'Tamimi',
  'Saadi',
  'Khafaji',
  'Rubaie',
  'Hashimi',
  'Maliki',
  'Dulaimi',
  'Shammari',
  'Janabi',
  'Karbouli',
  'Issawi',
  'Mashhadani',
  'Azzawi',
  'Qaisi',
  'Bayati',
  'Fayyadh',
  'Hamdani',
  'Lami',
];
const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The i-th official's name: unique for the first 16 × 20 × 32 documents, then repeating with a number. */
function official(i: number): string {
  const g = GIVEN[i % GIVEN.length];
  const s = SURNAMES[Math.floor(i / GIVEN.length) % SURNAMES.length];
  const round = Math.floor(i / (GIVEN.length * SURNAMES.length));
  const middle = round ? ` ${GIVEN[(round + 3) % GIVEN.length]}` : '';
  return `${g}${middle} al-${s}`;
}

/** Document `i` of the corpus made from `seeds`. */
export function generatedDocument(seeds: readonly string[], i: number): string {
  let text = seeds[i % seeds.length];
  // Numbers shifted by the document's own amount: figures differ from copy to copy.
  const shift = 1 + (i % 89);
  text = text.replace(/\b\d{2,4}\b/g, (n) => String(Number(n) + shift));
  const wantsProlific = i % 5 !== 4;
  // One sample spells him al-Zimili, which the registry joins to al-Zamili: both go.
  if (!wantsProlific) text = text.replace(/Hakim al-Z[ai]mili/g, 'Karim al-Dulaimi').replace(/Z[ai]mili/g, 'Dulaimi');
  const name = official(i);
  const lines: string[] = [];
  lines.push(`${name}, a local official, said on ${DAYS[i % DAYS.length]} that ${20 + (i % 400)} families had returned to the district.`);
  if (wantsProlific && !text.includes(PROLIFIC))
    lines.push(`${PROLIFIC}, the head of the parliamentary security committee, said the situation was under control.`);
  // After the first paragraph (headline and lede stay the sample's), so the structure is still an article's.
  const cut = text.indexOf('\n\n', text.indexOf('\n\n') + 2);
  const at = cut > 0 ? cut : text.length;
  return `${text.slice(0, at)}\n\n${lines.join(' ')}${text.slice(at)}`;
}

/** Writes documents 0..n-1 as doc00000.txt …; returns the folder's size in bytes. */
export function writeCorpus(seeds: readonly string[], n: number, dir: string): number {
  fs.mkdirSync(dir, { recursive: true });
  let bytes = 0;
  for (let i = 0; i < n; i++) {
    const text = generatedDocument(seeds, i);
    bytes += Buffer.byteLength(text);
    fs.writeFileSync(path.join(dir, `doc${String(i).padStart(5, '0')}.txt`), text);
  }
  return bytes;
}

/** The size in bytes of every file under `dir` (0 when it does not exist). */
export function folderBytes(dir: string): number {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += folderBytes(p);
    else if (e.isFile()) total += fs.statSync(p).size;
  }
  return total;
}
