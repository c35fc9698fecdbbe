import {
  buildExtraIndex,
  buildGazetteerIndex,
  type DeferredGazetteerData,
  type GazetteerData,
  type GazetteerIndex,
  type NameLookup,
} from './gazetteer';

/*
 * dist/data/gazetteer.bin: the gazetteer in a form that loads without work.
 * Parsing gazetteer.json and normalising its ~60,000 names into Maps cost
 * each analysis thread about 0.4 s of CPU before its first document. The
 * build derives this file from gazetteer.json (esbuild.mjs, with the same
 * code as the constructor, so the two cannot disagree, and checks that it
 * reads back the same). Loading it makes no string per name: the name
 * tables are hash tables over the names' UTF-16 code units, looked up in
 * place, and the cities, the bulk of the data, are columns turned into the
 * data's tuples only when a place is first resolved.
 *
 * Layout: "DGZ" and a format byte, the header's length (u32 LE), the header
 * (JSON: string tables, sizes and each section's offset and length), then
 * the sections, each 8-byte aligned.
 */

const MAGIC = [0x44, 0x47, 0x5a, 4];
/** Marks a city tuple without its 7th element (division index). */
const NO_DIVISION = -0x80000000;

type City = GazetteerData['cities'][number];

interface Header {
  ccs: string[];
  features: string[];
  maxWords: number;
  cities: number;
  /** The data's keys in their order in gazetteer.json. */
  order: string[];
  sections: Record<SectionName, [number, number]>;
}

const SECTIONS = [
  'countries',
  'rest',
  'cityNames',
  'cityCc',
  'cityFeature',
  'cityLat',
  'cityLon',
  'cityPop',
  'cityDiv',
  'places',
  'others',
  'firstWords',
  'extra',
] as const;
type SectionName = (typeof SECTIONS)[number];

/** 32-bit FNV-1a over UTF-16 code units, the same when the table is built and when it is read. */
function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * The bits of a slot that hold k + 1 for a table of n keys; the bits above hold the same bits of the
 * key's hash, a tag that a probe compares before it reads the key's offsets and code units. Most
 * look-ups are of names the gazetteer does not know, and the tables are large: without the tag each
 * occupied slot a probe passed cost a cache miss or two elsewhere in the table.
 */
function indexMask(n: number): number {
  return 2 ** (32 - Math.clz32(n)) - 1;
}

/**
 * An open-addressing table of strings over typed arrays. `chars` holds the
 * keys' code units end to end, key k at [start[k], start[k + 1]); `slots`
 * holds k + 1 (0 is empty) in its low bits and a tag of the key's hash above
 * them (see indexMask); `values` holds each key's list of numbers,
 * [valueStart[k], valueStart[k + 1]). Serialised as one Int32Array:
 * [keys, slots, charCount, values count, start, valueStart, slots, values, chars (two a word)].
 */
class NameTable {
  private constructor(
    private readonly start: Int32Array,
    private readonly valueStart: Int32Array,
    private readonly slots: Int32Array,
    private readonly values: Int32Array,
    private readonly chars: Uint16Array,
    private readonly mask: number,
  ) {}

  static build(entries: ReadonlyArray<readonly [string, readonly number[]]>): Int32Array {
    let size = 8;
    while (size < entries.length * 2) size <<= 1;
    const n = entries.length;
    const chars = entries.reduce((a, [k]) => a + k.length, 0);
    const values = entries.reduce((a, [, v]) => a + v.length, 0);
    const out = new Int32Array(4 + 2 * (n + 1) + size + values + Math.ceil(chars / 2));
    out.set([n, size, chars, values]);
    const table = NameTable.read(out);
    let c = 0;
    let v = 0;
    entries.forEach(([key, list], k) => {
      table.start[k] = c;
      for (let i = 0; i < key.length; i++) table.chars[c++] = key.charCodeAt(i);
      table.valueStart[k] = v;
      table.values.set(list, v);
      v += list.length;
      const h = hashKey(key);
      let slot = h & (size - 1);
      while (table.slots[slot] !== 0) slot = (slot + 1) & (size - 1);
      table.slots[slot] = (k + 1) | (h & ~table.mask);
    });
    table.start[n] = c;
    table.valueStart[n] = v;
    return out;
  }

  static read(a: Int32Array): NameTable {
    const [n, size, chars, values] = a;
    let at = 4;
    const take = (len: number) => a.subarray(at, (at += len));
    const start = take(n + 1);
    const valueStart = take(n + 1);
    const slots = take(size);
    const vals = take(values);
    return new NameTable(start, valueStart, slots, vals, new Uint16Array(a.buffer, a.byteOffset + at * 4, chars), indexMask(n));
  }

  /** The key's index, or -1. */
  find(key: string): number {
    const { slots, start, chars, mask } = this;
    const size = slots.length - 1;
    const h = hashKey(key);
    for (let slot = h & size; ; slot = (slot + 1) & size) {
      const entry = slots[slot];
      if (entry === 0) return -1;
      if (((entry ^ h) & ~mask) !== 0) continue;
      const k = (entry & mask) - 1;
      const s = start[k];
      if (start[k + 1] - s !== key.length) continue;
      let i = 0;
      while (i < key.length && chars[s + i] === key.charCodeAt(i)) i++;
      if (i === key.length) return k;
    }
  }

  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  /** The key's list, a fresh array (callers may keep it). */
  list(key: string): number[] | undefined {
    const k = this.find(key);
    return k < 0 ? undefined : Array.from(this.values.subarray(this.valueStart[k], this.valueStart[k + 1]));
  }

  /** The key's first value. */
  first(key: string): number | undefined {
    const k = this.find(key);
    return k < 0 ? undefined : this.values[this.valueStart[k]];
  }
}

const lists = (t: NameTable): NameLookup<readonly number[]> => ({ get: (key) => t.list(key), has: (key) => t.has(key) });

/** The binary form of a gazetteer (see the layout above), checked to load back into the same data and tables. */
export function packGazetteer(data: GazetteerData): Uint8Array {
  const index = buildGazetteerIndex(data) as {
    places: Map<string, number>;
    others: Map<string, number[]>;
    firstWords: Set<string>;
    maxWords: number;
  };
  const extra = buildExtraIndex(data);
  const ccs: string[] = [];
  const features: string[] = [];
  const code = (table: string[], s: string) => {
    let i = table.indexOf(s);
    if (i < 0) i = table.push(s) - 1;
    return i;
  };
  const n = data.cities.length;
  const cc = new Uint16Array(n);
  const feature = new Uint16Array(n);
  const lat = new Float64Array(n);
  const lon = new Float64Array(n);
  const pop = new Float64Array(n);
  const div = new Int32Array(n);
  const names: string[] = [];
  data.cities.forEach((c, i) => {
    if (c[0].includes('\n')) throw new Error(`city name with a line break: ${JSON.stringify(c[0])}`);
    names.push(c[0]);
    cc[i] = code(ccs, c[1]);
    feature[i] = code(features, c[5]);
    lat[i] = c[2];
    lon[i] = c[3];
    pop[i] = c[4];
    div[i] = c.length > 6 ? (c[6] as number) : NO_DIVISION;
  });
  const { cities: _cities, countries, ...rest } = data;
  const enc = new TextEncoder();
  const places = [...index.places].map(([k, ref]): [string, number[]] => [k, [ref]]);
  const bodies: Record<SectionName, Uint8Array> = {
    countries: enc.encode(JSON.stringify(countries)),
    rest: enc.encode(JSON.stringify(rest)),
    cityNames: enc.encode(names.join('\n')),
    cityCc: bytes(cc),
    cityFeature: bytes(feature),
    cityLat: bytes(lat),
    cityLon: bytes(lon),
    cityPop: bytes(pop),
    cityDiv: bytes(div),
    places: bytes(NameTable.build(places)),
    others: bytes(NameTable.build([...index.others])),
    firstWords: bytes(NameTable.build([...index.firstWords].map((w) => [w, []]))),
    extra: bytes(NameTable.build([...extra])),
  };
  // Offsets are relative to the first section, which starts 8-byte aligned after the header.
  const sections = {} as Record<SectionName, [number, number]>;
  let at = 0;
  for (const name of SECTIONS) {
    sections[name] = [at, bodies[name].length];
    at = align(at + bodies[name].length);
  }
  const header: Header = { ccs, features, maxWords: index.maxWords, cities: n, order: Object.keys(data), sections };
  const head = enc.encode(JSON.stringify(header));
  const first = align(8 + head.length);
  const out = new Uint8Array(first + at);
  out.set(MAGIC, 0);
  new DataView(out.buffer).setUint32(4, head.length, true);
  out.set(head, 8);
  for (const name of SECTIONS) out.set(bodies[name], first + sections[name][0]);
  checkRoundTrip(data, index, extra, unpackGazetteer(out));
  return out;
}

/**
 * The gazetteer's name tables and deferred data from `packGazetteer`'s
 * bytes; throws on bytes of another format. The tables are views of the
 * bytes, which must not change afterwards.
 */
export function unpackGazetteer(bin: Uint8Array): { data: DeferredGazetteerData; index: GazetteerIndex } {
  if (bin.length < 8 || MAGIC.some((b, i) => bin[i] !== b)) throw new Error('not a Dossier gazetteer (or an older format)');
  const dec = new TextDecoder();
  const headLength = new DataView(bin.buffer, bin.byteOffset, bin.byteLength).getUint32(4, true);
  const header = JSON.parse(dec.decode(bin.subarray(8, 8 + headLength))) as Header;
  const first = align(8 + headLength);
  // Typed arrays need aligned offsets: copy the sections once when the caller's bytes are not 8-byte aligned.
  const body = (bin.byteOffset + first) % 8 === 0 ? bin.subarray(first) : bin.slice(first);
  const raw = (name: SectionName) => body.subarray(header.sections[name][0], header.sections[name][0] + header.sections[name][1]);
  const view = <T>(name: SectionName, make: (buffer: ArrayBufferLike, offset: number, length: number) => T, size: number): T =>
    make(body.buffer, body.byteOffset + header.sections[name][0], header.sections[name][1] / size);
  const ints = (name: SectionName) => view(name, (b, o, l) => new Int32Array(b, o, l), 4);
  const places = NameTable.read(ints('places'));
  const others = NameTable.read(ints('others'));
  const firstWords = NameTable.read(ints('firstWords'));
  const extra = NameTable.read(ints('extra'));
  // The cities are columns; a tuple is made when first read (making all 49,000, and their 150,000 boxed
  // numbers, took a thread about 0.1 s, mostly in the garbage collector promoting them).
  const names = lazily(() => dec.decode(raw('cityNames')).split('\n'));
  const columns = lazily(() => ({
    cc: view('cityCc', (b, o, l) => new Uint16Array(b, o, l), 2),
    feature: view('cityFeature', (b, o, l) => new Uint16Array(b, o, l), 2),
    lat: view('cityLat', (b, o, l) => new Float64Array(b, o, l), 8),
    lon: view('cityLon', (b, o, l) => new Float64Array(b, o, l), 8),
    pop: view('cityPop', (b, o, l) => new Float64Array(b, o, l), 8),
    div: ints('cityDiv'),
  }));
  const made: Array<City | undefined> = [];
  const city = (i: number): City => {
    const known = made[i];
    if (known) return known;
    if (!(i >= 0 && i < header.cities)) throw new RangeError(`no city ${i}`);
    const { cc, feature, lat, lon, pop, div } = columns();
    const row: City = [names()[i], header.ccs[cc[i]], lat[i], lon[i], pop[i], header.features[feature[i]]];
    if (div[i] !== NO_DIVISION) row.push(div[i]);
    return (made[i] = row);
  };
  const load = (): GazetteerData => {
    const parts: Record<string, unknown> = { ...(JSON.parse(dec.decode(raw('rest'))) as object), countries: deferred.countries };
    const data = Object.fromEntries(header.order.map((k) => [k, parts[k]])) as unknown as GazetteerData;
    // Redefined in place, so the keys keep gazetteer.json's order; every tuple is made only when the array is read.
    let cities: City[] | undefined;
    Object.defineProperty(data, 'cities', {
      enumerable: true,
      get: () => (cities ??= Array.from({ length: header.cities }, (_, i) => city(i))),
    });
    return data;
  };
  const deferred: DeferredGazetteerData = { countries: JSON.parse(dec.decode(raw('countries'))) as GazetteerData['countries'], city, load };
  return {
    data: deferred,
    index: {
      places: { get: (key) => places.first(key), has: (key) => places.has(key) },
      others: lists(others),
      firstWords,
      maxWords: header.maxWords,
      extra: lists(extra),
    },
  };
}

/** A value computed on first use. */
function lazily<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

const align = (n: number) => (n + 7) & ~7;

const bytes = (a: Uint16Array | Int32Array | Float64Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** The build fails rather than ship a file that loads differently from gazetteer.json. */
function checkRoundTrip(
  data: GazetteerData,
  index: { places: Map<string, number>; others: Map<string, number[]>; firstWords: Set<string>; maxWords: number },
  extra: Map<string, number[]>,
  back: { data: DeferredGazetteerData; index: GazetteerIndex },
): void {
  const fail = (what: string) => {
    throw new Error(`gazetteer.bin does not read back the same: ${what}`);
  };
  const loaded = back.data.load();
  if (JSON.stringify(data) !== JSON.stringify(loaded) || Object.keys(data).join() !== Object.keys(loaded).join()) fail('data');
  // Numbers exactly (equal JSON text is equal doubles, but for -0).
  data.cities.forEach(
    (c, i) => (c.length === loaded.cities[i].length && c.every((v, j) => Object.is(v, loaded.cities[i][j]))) || fail(`city ${i}`),
  );
  if (back.index.maxWords !== index.maxWords) fail('maxWords');
  // Every name any table knows, and some it does not, asked of every table.
  const probes = new Set([...index.places.keys(), ...extra.keys(), ...index.firstWords, '', 'nowhere at all', 'é']);
  for (const key of [...probes]) for (const w of key.split(' ')) probes.add(w);
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const key of probes) {
    if (index.places.get(key) !== back.index.places.get(key) || index.places.has(key) !== back.index.places.has(key)) fail(`places ${key}`);
    if (!same(index.others.get(key), back.index.others.get(key))) fail(`others ${key}`);
    if (!same(extra.get(key), back.index.extra?.get(key)) || extra.has(key) !== back.index.extra?.has(key)) fail(`extra ${key}`);
    if (index.firstWords.has(key) !== back.index.firstWords.has(key)) fail(`firstWords ${key}`);
  }
}
