import type { EdgeEvidence, NetworkEdge, NetworkNode } from '../../../common/protocol';
import { fileName, h, plural } from '../common/dom';
import { post } from '../common/host';

/*
 * The details pane of the network: an actor's links (each opens what lies
 * behind it), and an edge's sentences, paragraphs or claims (each opens the
 * document there).
 */

export function edgeTitle(e: NetworkEdge, name: (id: string) => string): string {
  return e.kind === 'claim' ? `${name(e.source)} → ${name(e.target)}` : `${name(e.source)} — ${name(e.target)}`;
}

export function edgeSummary(e: NetworkEdge, name: (id: string) => string): string {
  if (e.kind === 'claim') return `${plural(e.claims, 'claim')} by ${name(e.source)} naming ${name(e.target)}`;
  return `${together(e)} naming both`;
}

/** "2 sentences, 3 paragraphs", or only the paragraphs when no sentence names both. */
function together(e: NetworkEdge): string {
  return e.sentences ? `${plural(e.sentences, 'sentence')}, ${plural(e.paragraphs, 'paragraph')}` : plural(e.paragraphs, 'paragraph');
}

/** An actor's links, heaviest first; choosing one shows its evidence. */
export function connectionList(
  node: NetworkNode,
  edges: NetworkEdge[],
  name: (id: string) => string,
  choose: (e: NetworkEdge) => void,
): HTMLElement {
  const mine = edges.filter((e) => e.source === node.id || e.target === node.id).sort((a, b) => b.weight - a.weight);
  const list = h('ul', { class: 'items connections', 'aria-label': 'Links' });
  for (const e of mine.slice(0, 100)) {
    const other = e.source === node.id ? e.target : e.source;
    let what: string;
    if (e.kind === 'claim')
      what =
        e.source === node.id
          ? `speaks about ${name(other)} · ${plural(e.claims, 'claim')}`
          : `${name(other)} speaks about them · ${plural(e.claims, 'claim')}`;
    else what = `${name(other)} · ${together(e)}`;
    const button = h('button', { type: 'button', class: `item link-${e.kind}` }, h('span', { class: 'text' }, what));
    button.addEventListener('click', () => choose(e));
    list.appendChild(h('li', {}, button));
  }
  const section = h('section', {}, h('h3', {}, `Links (${mine.length})`), list);
  if (!mine.length) section.appendChild(h('p', { class: 'hint' }, 'No links to the actors shown.'));
  return section;
}

const KIND_LABEL: Record<EdgeEvidence['kind'], string> = { sentence: 'sentence', paragraph: 'paragraph', claim: 'claim' };

/** The sentences, paragraphs or claims behind an edge; choosing one opens the document there. */
export function evidenceList(items: EdgeEvidence[], total: number): HTMLElement {
  const list = h('ul', { class: 'items evidence', 'aria-label': 'Evidence' });
  for (const item of items) {
    const where = `${fileName(item.uri)}:${item.start.line + 1} · ${KIND_LABEL[item.kind]}`;
    const who =
      item.kind === 'claim' && item.speaker ? h('span', { class: 'who' }, `${item.speaker}${item.cue ? ` (${item.cue})` : ''}: `) : null;
    const button = h(
      'button',
      { type: 'button', class: 'item', 'data-uri': item.uri, 'data-line': String(item.start.line) },
      h('span', { class: 'where' }, where),
      h('span', { class: 'text' }, who, item.text),
    );
    button.addEventListener('click', () => post({ type: 'open', uri: item.uri, range: { start: item.start, end: item.end } }));
    list.appendChild(h('li', {}, button));
  }
  const section = h(
    'section',
    {},
    h('h3', {}, total > items.length ? `Behind this link (first ${items.length} of ${total})` : `Behind this link (${total})`),
    list,
  );
  if (!items.length) section.appendChild(h('p', { class: 'hint' }, 'Nothing in these documents.'));
  return section;
}
