import type { DocumentAnalysis } from '../analysis/types';
import { contractClaim, contractPlaces, type ContractPlace } from './output';
import { escapeC1 } from '../../../common/printable';

/**
 * The `--json` and `--jsonl` contract written piece by piece. A big document
 * (millions of mentions) would need a JSON string past V8's string limit, so
 * no piece holds more than about `CHUNK` characters, or one array element
 * when an element is larger than that. The pieces joined are
 * `JSON.stringify` of the contract object, except that C1 control
 * characters are written as \u escapes: they parse to the same text, and a
 * terminal showing the JSON does not act on them.
 */

export const CHUNK = 1 << 16;

export type Write = (s: string) => Promise<void>;
export type WriteBytes = (b: Uint8Array) => Promise<void>;

const json = (value: unknown): string => escapeC1(JSON.stringify(value));

/**
 * A mention of the contract (`contractEntity`) as JSON, written field by field
 * in the object's key order, so that no object is made per mention. The id,
 * kind, type and place repeat across a document's mentions and are encoded
 * once each (`encoded`, per document). start and end are integers, which JSON writes as
 * String() does.
 */
function entityJson(
  m: DocumentAnalysis['mentions'][number],
  places: ReadonlyMap<string, ContractPlace>,
  encoded: (v: unknown) => string,
): string {
  const place = m.kind === 'place' ? places.get(m.id) : undefined;
  const head = `{"start":${m.start},"end":${m.end},"text":${json(m.text)},"kind":${encoded(m.kind)},"type":${encoded(m.type)},"id":${encoded(m.id)}`;
  return place ? `${head},"place":${encoded(place)}}` : `${head}}`;
}

/** One document of the contract as pieces: `{ ...extra, file, entities, claims }`. */
export function* documentJson(
  file: string,
  a: DocumentAnalysis,
  extra: Readonly<Record<string, unknown>> = {},
  chunk = CHUNK,
): Generator<string> {
  let head = '{';
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) head += `${json(key)}:${json(value)},`;
  let buf = `${head}"file":${json(file)},"entities":[`;
  const array = function* <T>(items: readonly T[], toJson: (item: T) => string): Generator<string> {
    for (let i = 0; i < items.length; i++) {
      const s = (i ? ',' : '') + toJson(items[i]);
      if (buf.length + s.length > chunk && buf.length) {
        yield buf;
        buf = '';
      }
      buf += s;
    }
  };
  const places = contractPlaces(a);
  const memo = new Map<unknown, string>();
  const encoded = (v: unknown): string => {
    let s = memo.get(v);
    if (s === undefined) memo.set(v, (s = json(v)));
    return s;
  };
  yield* array(a.mentions, (m) => entityJson(m, places, encoded));
  buf += '],"claims":[';
  yield* array(a.claims, (c) => json(contractClaim(c)));
  buf += ']}';
  yield buf;
}

/** Writes pieces one by one, each awaited, so that the output stream's backpressure holds. */
export async function writeAll(pieces: Iterable<string>, write: Write): Promise<void> {
  for (const piece of pieces) if (piece) await write(piece);
}

/**
 * `dossier analyze --json`: `{"version":1,"documents":[...]}` with the
 * documents written as they are analysed, so that neither the documents nor
 * the output are held in memory all at once.
 */
export class JsonDocumentsWriter {
  private count = 0;
  private opened = false;

  constructor(private readonly write: Write) {}

  async document(file: string, a: DocumentAnalysis): Promise<void> {
    await this.open();
    await writeAll(this.count++ ? prefixed(',', documentJson(file, a)) : documentJson(file, a), this.write);
  }

  /**
   * A document already written as UTF-8 on another thread, led by a comma,
   * which is dropped before the first document. `writeBytes` writes to the
   * same stream as this writer's `write`, in turn with it.
   */
  async bytes(chunks: readonly ArrayBuffer[], writeBytes: WriteBytes): Promise<void> {
    await this.open();
    const first = this.count++ === 0;
    for (let i = 0; i < chunks.length; i++) {
      const chunk = new Uint8Array(chunks[i], first && i === 0 ? 1 : 0);
      if (chunk.length) await writeBytes(chunk);
    }
  }

  async close(): Promise<void> {
    await this.open();
    await this.write(']}\n');
  }

  private async open(): Promise<void> {
    if (this.opened) return;
    this.opened = true;
    await this.write('{"version":1,"documents":[');
  }
}

function* prefixed(prefix: string, pieces: Iterable<string>): Generator<string> {
  let first = true;
  for (const piece of pieces) {
    yield first ? prefix + piece : piece;
    first = false;
  }
}
