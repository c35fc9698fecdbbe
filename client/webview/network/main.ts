import type { NetworkData, NetworkEdge, NetworkFilter, NetworkNode } from '../../../common/protocol';
import { NETWORK_TOP_N } from '../../../common/viewLimits';
import { h, plural, replace, s } from '../common/dom';
import { loadState, onMessage, post, saveState } from '../common/host';
import { announceReady, answerProbes, countLine, mentionList, scopeLine, Shell } from '../common/shell';
import { IDENTITY, ZoomPan, type Transform } from '../common/zoom';
import type { Scope } from '../shared/messages';
import { connectionList, edgeSummary, edgeTitle, evidenceList } from './details';
import { edgeWidth, Layout, nodeRadius, type SimLink, type SimNode } from './layout';

/*
 * The network: actors as nodes (size by mentions, colour by person or
 * organisation), co-occurrence links as lines, claim links as dashed arrows
 * from the speaker. SVG, laid out by d3-force (layout.ts).
 */

const W = 1000;
const H = 640;
const LABELLED = 30;
/** Up to this many edges follow the nodes while the layout runs; more are hidden until it rests. */
const LIVE_EDGES = 400;

type Selection = { kind: 'node'; id: string } | { kind: 'edge'; edge: Pick<NetworkEdge, 'kind' | 'source' | 'target'> } | null;

interface State {
  scope: Scope;
  follow: boolean;
  filter: Required<NetworkFilter>;
  transform: Transform | null;
  selected: Selection;
}

const state = loadState<State>({
  scope: 'workspace',
  follow: true,
  filter: { text: '', minMentions: 1, topN: NETWORK_TOP_N },
  transform: null,
  selected: null,
});
let data: NetworkData = { nodes: [], edges: [], matching: 0, actors: 0, documents: 0, droppedEdges: 0 };
let simNodes: SimNode[] = [];
let simLinks: SimLink[] = [];
const nodeEls = new Map<string, SVGGElement>();
const linkEls: SVGElement[] = [];
let rendered = false;
let requestId = 0;
let pending = 0;

const shell = new Shell('Network', state, (scope, follow) => {
  state.scope = scope;
  state.follow = follow;
  saveState(state);
  post({ type: 'scope', scope, follow });
});

const svg = s('svg', {
  viewBox: `${-W / 2} ${-H / 2} ${W} ${H}`,
  class: 'network',
  tabindex: '0',
  role: 'application',
  'aria-label': 'Network of actors. Arrow keys pan, plus and minus zoom, 0 resets; Tab moves between actors.',
  'aria-describedby': 'tooltip',
});
const defs = s(
  'defs',
  {},
  s(
    'marker',
    {
      id: 'arrow',
      viewBox: '0 0 10 10',
      refX: '9',
      refY: '5',
      markerWidth: '7',
      markerHeight: '7',
      orient: 'auto-start-reverse',
      markerUnits: 'userSpaceOnUse',
    },
    s('path', { d: 'M0,0L10,5L0,10Z', class: 'arrow' }),
  ),
);
const edgesG = s('g', { class: 'edges' });
const nodesG = s('g', { class: 'nodes' });
const viewport = s('g', { class: 'viewport' }, edgesG, nodesG);
svg.append(defs, viewport);
shell.stage.prepend(svg);
shell.stage.append(
  h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    h(
      'li',
      {},
      s('svg', { viewBox: '-8 -8 16 16', class: 'swatch', 'aria-hidden': 'true' }, s('circle', { r: 5, class: 'node-shape t-person' })),
      'Person',
    ),
    h(
      'li',
      {},
      s(
        'svg',
        { viewBox: '-8 -8 16 16', class: 'swatch', 'aria-hidden': 'true' },
        s('circle', { r: 5, class: 'node-shape t-organization' }),
      ),
      'Organisation',
    ),
    h(
      'li',
      {},
      s(
        'svg',
        { viewBox: '0 -4 24 8', class: 'swatch wide', 'aria-hidden': 'true' },
        s('line', { x1: 0, y1: 0, x2: 24, y2: 0, class: 'edge co' }),
      ),
      'Same sentence or paragraph',
    ),
    h(
      'li',
      {},
      s(
        'svg',
        { viewBox: '0 -4 24 8', class: 'swatch wide', 'aria-hidden': 'true' },
        s('line', { x1: 0, y1: 0, x2: 24, y2: 0, class: 'edge claim' }),
      ),
      'Speaks about',
    ),
  ),
);

const zoom = new ZoomPan(
  svg,
  { min: 0.1, max: 12 },
  (t) => {
    viewport.setAttribute('transform', `translate(${t.x} ${t.y}) scale(${t.k})`);
    state.transform = t;
    saveState(state);
  },
  state.transform ?? IDENTITY,
);
viewport.setAttribute('transform', `translate(${zoom.transform.x} ${zoom.transform.y}) scale(${zoom.transform.k})`);

const layout = new Layout(
  () => drawNodes(),
  () => {
    drawEdges();
    edgesG.classList.remove('moving');
    document.body.dataset.state = 'settled';
    if (!state.transform) fit();
  },
);

// Filter: text, minimum mentions, top-N; sent to the server, which filters before linking.
const text = h('input', {
  type: 'search',
  placeholder: 'Filter actors',
  'aria-label': 'Show actors whose name contains',
  value: state.filter.text,
});
const min = h('input', {
  type: 'number',
  min: '1',
  step: '1',
  value: String(state.filter.minMentions),
  'aria-label': 'Minimum mentions',
  title: 'Minimum mentions',
});
const top = h('input', {
  type: 'number',
  min: '1',
  max: '500',
  step: '10',
  value: String(state.filter.topN),
  'aria-label': 'Most mentioned actors shown (top N)',
  title: 'Most mentioned actors shown (top N)',
});
let filterTimer = 0;
const filterChanged = () => {
  clearTimeout(filterTimer);
  filterTimer = window.setTimeout(() => {
    state.filter = {
      text: text.value.trim(),
      minMentions: positive(min.value, 1),
      topN: Math.min(500, positive(top.value, NETWORK_TOP_N)),
    };
    saveState(state);
    post({ type: 'filter', filter: state.filter });
  }, 300);
};
for (const input of [text, min, top]) input.addEventListener('input', filterChanged);
shell.toolbar.append(
  text,
  h('label', { class: 'field' }, 'min', min),
  h('label', { class: 'field' }, 'top', top),
  h('span', { class: 'spacer' }),
  shell.button('+', 'Zoom in', () => zoom.zoomBy(1.4)),
  shell.button('−', 'Zoom out', () => zoom.zoomBy(1 / 1.4)),
  shell.button('⤢', 'Fit the network in view', () => fit()),
);

function positive(v: string, fallback: number): number {
  const n = Math.floor(Number(v));
  return Number.isFinite(n) && n >= 1 ? n : fallback;
}

const nameOf = (id: string) => data.nodes.find((n) => n.id === id)?.name ?? id;

function nodeLabel(n: NetworkNode): string {
  return `${n.name}, ${n.type === 'person' ? 'person' : 'organisation'}, ${plural(n.mentionCount, 'mention')}`;
}

function render(next: NetworkData): void {
  data = next;
  const max = data.nodes.reduce((m, n) => Math.max(m, n.mentionCount), 1);
  simNodes = data.nodes.map((n) => ({ id: n.id, data: n, r: nodeRadius(n.mentionCount, max) }));
  const byId = new Map(simNodes.map((n) => [n.id, n]));
  simLinks = data.edges.flatMap((e) => {
    const source = byId.get(e.source);
    const target = byId.get(e.target);
    return source && target ? [{ data: e, source, target }] : [];
  });
  nodeEls.clear();
  linkEls.length = 0;
  const edgeNodes = simLinks.map((l) => {
    const e = l.data;
    const el = e.kind === 'claim' ? s('path', { class: 'edge claim', 'marker-end': 'url(#arrow)' }) : s('line', { class: 'edge co' });
    el.setAttribute('stroke-width', edgeWidth(e).toFixed(2));
    el.setAttribute('data-source', e.source);
    el.setAttribute('data-target', e.target);
    el.setAttribute('aria-label', `${edgeTitle(e, nameOf)}: ${edgeSummary(e, nameOf)}`);
    el.addEventListener('click', () => {
      if (!zoom.dragged) selectEdge(e);
    });
    el.addEventListener('pointerenter', (ev) =>
      shell.showTooltip(`${edgeTitle(e, nameOf)} · ${edgeSummary(e, nameOf)}`, { x: ev.clientX, y: ev.clientY }),
    );
    el.addEventListener('pointerleave', () => shell.hideTooltip());
    linkEls.push(el);
    return el;
  });
  // Claim arrows on top of co-occurrence lines.
  edgeNodes.sort((a, b) => Number(a.classList.contains('claim')) - Number(b.classList.contains('claim')));
  replace(edgesG, ...edgeNodes);
  const ranked = [...simNodes].sort((a, b) => b.data.mentionCount - a.data.mentionCount);
  const labelled = new Set(ranked.slice(0, LABELLED).map((n) => n.id));
  replace(nodesG, ...simNodes.map((n) => nodeElement(n, labelled.has(n.id))));
  rendered = true;
  edgesG.classList.toggle('moving', simLinks.length > LIVE_EDGES);
  document.body.dataset.state = 'layout';
  layout.start(simNodes, simLinks);
  restoreSelection();
}

function nodeElement(n: SimNode, labelled: boolean): SVGGElement {
  const g = s(
    'g',
    { class: `node t-${n.data.type}`, 'data-entity-id': n.id, tabindex: '0', role: 'button', 'aria-label': nodeLabel(n.data) },
    s('circle', { r: n.r.toFixed(1), class: 'node-shape' }),
    labelled ? s('text', { class: 'label', y: (n.r + 11).toFixed(1) }, n.data.name) : null,
  );
  const tip = `${n.data.name} · ${n.data.type === 'person' ? 'person' : 'organisation'} · ${plural(n.data.mentionCount, 'mention')}`;
  g.addEventListener('pointerenter', () => shell.showTooltip(tip, g.getBoundingClientRect()));
  g.addEventListener('pointerleave', () => shell.hideTooltip());
  g.addEventListener('focus', () => shell.showTooltip(tip, g.getBoundingClientRect()));
  g.addEventListener('blur', () => shell.hideTooltip());
  g.addEventListener('click', () => {
    if (!zoom.dragged) selectNode(n.data, true);
  });
  g.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      e.stopPropagation();
      selectNode(n.data, true);
    }
  });
  nodeEls.set(n.id, g);
  return g;
}

/** Moves the nodes to the layout's positions; edges follow only while there are few. */
function drawNodes(): void {
  for (const n of simNodes) nodeEls.get(n.id)?.setAttribute('transform', `translate(${(n.x ?? 0).toFixed(1)} ${(n.y ?? 0).toFixed(1)})`);
  if (simLinks.length <= LIVE_EDGES) drawEdges();
}

function drawEdges(): void {
  simLinks.forEach((l, i) => {
    const el = linkEls[i];
    const [sx, sy, tx, ty] = [l.source.x ?? 0, l.source.y ?? 0, l.target.x ?? 0, l.target.y ?? 0];
    if (l.data.kind === 'cooccurrence') {
      el.setAttribute('x1', sx.toFixed(1));
      el.setAttribute('y1', sy.toFixed(1));
      el.setAttribute('x2', tx.toFixed(1));
      el.setAttribute('y2', ty.toFixed(1));
      return;
    }
    // A slight curve keeps the arrow apart from the co-occurrence line; it ends at the target's rim.
    const dx = tx - sx;
    const dy = ty - sy;
    const len = Math.hypot(dx, dy) || 1;
    const cx = (sx + tx) / 2 - dy * 0.15;
    const cy = (sy + ty) / 2 + dx * 0.15;
    const ex = tx - ((tx - cx) / Math.hypot(tx - cx, ty - cy || 1)) * (l.target.r + 2);
    const ey = ty - ((ty - cy) / Math.hypot(tx - cx, ty - cy || 1)) * (l.target.r + 2);
    el.setAttribute(
      'd',
      len < 1 ? '' : `M${sx.toFixed(1)},${sy.toFixed(1)}Q${cx.toFixed(1)},${cy.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
    );
  });
}

/** Zooms so that every node is in view. */
function fit(): void {
  if (!simNodes.length) return zoom.reset();
  const xs = simNodes.map((n) => n.x ?? 0);
  const ys = simNodes.map((n) => n.y ?? 0);
  const [x0, x1, y0, y1] = [Math.min(...xs) - 30, Math.max(...xs) + 30, Math.min(...ys) - 30, Math.max(...ys) + 30];
  const k = Math.min(3, W / (x1 - x0), H / (y1 - y0));
  zoom.set({ k, x: (-k * (x0 + x1)) / 2, y: (-k * (y0 + y1)) / 2 });
}

function highlight(nodes: Set<string>, edge?: Pick<NetworkEdge, 'kind' | 'source' | 'target'>): void {
  svg.classList.toggle('focused', nodes.size > 0);
  for (const [id, el] of nodeEls) el.classList.toggle('hl', nodes.has(id));
  simLinks.forEach((l, i) => {
    const e = l.data;
    const on = edge
      ? e.kind === edge.kind && e.source === edge.source && e.target === edge.target
      : nodes.has(e.source) &&
        nodes.has(e.target) &&
        (state.selected?.kind !== 'node' || e.source === state.selected.id || e.target === state.selected.id);
    linkEls[i].classList.toggle('hl', on);
  });
}

function selectNode(n: NetworkNode, reveal: boolean): void {
  state.selected = { kind: 'node', id: n.id };
  saveState(state);
  const neighbours = new Set([n.id]);
  for (const e of data.edges) if (e.source === n.id || e.target === n.id) neighbours.add(e.source === n.id ? e.target : e.source);
  for (const el of nodeEls.values()) el.classList.remove('selected');
  nodeEls.get(n.id)?.classList.add('selected');
  highlight(neighbours);
  pending = ++requestId;
  const links = connectionList(n, data.edges, nameOf, selectEdge);
  shell.showDetails(
    n.name,
    `${n.type === 'person' ? 'Person' : 'Organisation'} · ${countLine(n.mentionCount, n.documentCount)}`,
    links,
    h('p', { class: 'hint' }, 'Loading mentions…'),
  );
  if (reveal) post({ type: 'reveal', id: n.id, name: n.name });
  post({ type: 'mentions', requestId: pending, id: n.id });
}

function selectEdge(e: NetworkEdge): void {
  state.selected = { kind: 'edge', edge: { kind: e.kind, source: e.source, target: e.target } };
  saveState(state);
  for (const el of nodeEls.values()) el.classList.toggle('selected', el.dataset.entityId === e.source || el.dataset.entityId === e.target);
  highlight(new Set([e.source, e.target]), e);
  pending = ++requestId;
  shell.showDetails(edgeTitle(e, nameOf), edgeSummary(e, nameOf), h('p', { class: 'hint' }, 'Loading…'));
  post({ type: 'evidence', requestId: pending, kind: e.kind, source: e.source, target: e.target });
}

function restoreSelection(): void {
  const sel = state.selected;
  if (sel?.kind === 'node') {
    const n = data.nodes.find((x) => x.id === sel.id);
    if (n) return selectNode(n, false);
  } else if (sel?.kind === 'edge') {
    const e = data.edges.find((x) => x.kind === sel.edge.kind && x.source === sel.edge.source && x.target === sel.edge.target);
    if (e) return selectEdge(e);
  }
  state.selected = null;
  highlight(new Set());
  shell.clearDetails();
}

onMessage((message) => {
  if (answerProbes(message, () => ({ rendered, settled: rendered && layout.settled }))) return;
  switch (message.type) {
    case 'networkData': {
      render(message.data);
      const d = message.data;
      const shown = d.nodes.length < d.matching ? `${d.nodes.length} of ${plural(d.matching, 'actor')}` : plural(d.nodes.length, 'actor');
      const links = d.edges.length + (d.droppedEdges ? ` (${d.droppedEdges} weaker not drawn)` : '');
      shell.setStatus(`${shown} · ${links} links · ${scopeLine(message.scope, d.documents)}`);
      return;
    }
    case 'mentions': {
      const sel = state.selected;
      if (message.requestId !== pending || sel?.kind !== 'node') return;
      const n = data.nodes.find((x) => x.id === sel.id);
      if (!n) return;
      shell.showDetails(
        n.name,
        `${n.type === 'person' ? 'Person' : 'Organisation'} · ${countLine(n.mentionCount, n.documentCount)}`,
        connectionList(n, data.edges, nameOf, selectEdge),
        mentionList(message.mentions, message.total, n.name),
      );
      return;
    }
    case 'evidence': {
      const sel = state.selected;
      if (message.requestId !== pending || sel?.kind !== 'edge') return;
      const e = data.edges.find((x) => x.kind === sel.edge.kind && x.source === sel.edge.source && x.target === sel.edge.target);
      if (e) shell.showDetails(edgeTitle(e, nameOf), edgeSummary(e, nameOf), evidenceList(message.items, message.total));
      return;
    }
    case 'error':
      shell.error(message.message);
      return;
    default:
      return;
  }
});

announceReady(state);
post({ type: 'filter', filter: state.filter });
