import { CodePointIndex } from '../../../../common/anchoring';
import { place, type ExportDocument } from './documents';

/*
 * brat reads .ann files line by line with Python, whose line splitting
 * (str.splitlines, codecs readline) also breaks at these. A span or note
 * carrying one would end its line early and let the document's text write
 * brat lines of its own, so spans are cut into fragments at all of them and
 * notes have them replaced.
 */
// Python's str.splitlines() (which brat uses) breaks at these control characters too.
// eslint-disable-next-line no-control-regex
const LINE_BREAK = /[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const LINE_BREAKS = /[\n\v\f\r\x1c-\x1e\x85\u2028\u2029]/g;

/** brat entity types are identifiers: anything else becomes "_". */
export function bratType(tag: string): string {
  return tag.trim().replace(/[^\p{L}\p{N}_-]+/gu, '_') || 'Tag';
}

/**
 * brat standoff for one document: a text-bound annotation (T) per tag of each
 * tagged passage or entity tag, and its note as AnnotatorNotes. Offsets are
 * code points (brat indexes Python strings); a span over line breaks is
 * written as one fragment per line, as brat requires. Corrections and
 * orphaned annotations have no place in standoff and are left out.
 */
export function toBrat(doc: ExportDocument): string {
  const cp = new CodePointIndex(doc.text);
  const lines: string[] = [];
  let t = 0;
  let n = 0;
  for (const p of place(doc)) {
    const a = p.annotation;
    if (a.kind === 'correction' || p.start === null || p.end === null || p.end <= p.start) continue;
    const fragments = fragmentsOf(doc.text, p.start, p.end);
    if (!fragments.length) continue;
    const offsets = fragments.map((f) => `${cp.toCodePoint(f.start)} ${cp.toCodePoint(f.end)}`).join(';');
    const text = fragments.map((f) => doc.text.slice(f.start, f.end)).join(' ');
    const types = a.body.tags.length ? a.body.tags.map(bratType) : a.body.note ? ['Note'] : [];
    let first: string | undefined;
    for (const type of [...new Set(types)]) {
      const id = `T${++t}`;
      first ??= id;
      lines.push(`${id}\t${type} ${offsets}\t${text}`);
    }
    if (first && a.body.note)
      lines.push(`#${++n}\tAnnotatorNotes ${first}\t${a.body.note.replace(LINE_BREAKS, ' ').replace(/\s+/g, ' ').trim()}`);
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}

function fragmentsOf(text: string, start: number, end: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let s = start;
  for (let i = start; i <= end; i++) {
    if (i === end || LINE_BREAK.test(text[i])) {
      // Trim whitespace at fragment edges so brat's text check matches.
      let a = s;
      let b = i;
      while (a < b && /\s/.test(text[a])) a++;
      while (b > a && /\s/.test(text[b - 1])) b--;
      if (b > a) out.push({ start: a, end: b });
      s = i + 1;
    }
  }
  return out;
}
