import { geoGraticule10, geoNaturalEarth1, geoPath } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import world from 'world-atlas/countries-50m.json';
import type { MapData, MapPlace, MapPlaceType } from '../../../common/protocol';
import { h, plural, replace, s } from '../common/dom';
import { loadState, onMessage, post, saveState } from '../common/host';
import { announceReady, answerProbes, countLine, mentionList, scopeLine, Shell } from '../common/shell';
import { IDENTITY, ZoomPan, type Transform } from '../common/zoom';
import type { Scope } from '../shared/messages';
import { markerPath, markerRadius } from './markers';

/*
 * The map: Natural Earth country shapes (world-atlas, bundled) drawn with
 * d3-geo, one marker per place with coordinates. Zoom scales the shapes;
 * markers keep their size and are re-placed, so small places stay usable.
 */

const W = 960;
const H = 500;
const TYPE_LABELS: Record<MapPlaceType, string> = { country: 'Country', city: 'City', region: 'Region', facility: 'Facility' };

interface State {
  scope: Scope;
  follow: boolean;
  transform: Transform;
  selected: string | null;
}

const state = loadState<State>({ scope: 'workspace', follow: true, transform: IDENTITY, selected: null });
let places: MapPlace[] = [];
let rendered = false;
let requestId = 0;
let pendingMentions = 0;

const shell = new Shell('Map', state, (scope, follow) => {
  state.scope = scope;
  state.follow = follow;
  saveState(state);
  post({ type: 'scope', scope, follow });
});

const projection = geoNaturalEarth1().fitExtent(
  [
    [6, 6],
    [W - 6, H - 6],
  ],
  { type: 'Sphere' },
);
const path = geoPath(projection);
const topology = world as unknown as Topology<{ countries: GeometryCollection }>;
const svg = s('svg', {
  viewBox: `0 0 ${W} ${H}`,
  class: 'map',
  tabindex: '0',
  role: 'application',
  'aria-label': 'World map. Arrow keys pan, plus and minus zoom, 0 resets; Tab moves between places.',
  'aria-describedby': 'tooltip',
});
const world_ = s(
  'g',
  { class: 'world' },
  s('path', { class: 'sphere', d: path({ type: 'Sphere' }) ?? '' }),
  s('path', { class: 'graticule', d: path(geoGraticule10()) ?? '' }),
  s('path', { class: 'land', d: path(feature(topology, topology.objects.countries)) ?? '' }),
  s('path', { class: 'borders', d: path(mesh(topology, topology.objects.countries, (a, b) => a !== b)) ?? '' }),
);
const markers = s('g', { class: 'markers' });
svg.append(world_, markers);
shell.stage.prepend(svg);
shell.stage.append(legend());

const zoom = new ZoomPan(
  svg,
  { min: 1, max: 60 },
  (t) => {
    state.transform = t;
    saveState(state);
    place();
  },
  state.transform,
);
shell.toolbar.append(
  h('span', { class: 'spacer' }),
  shell.button('+', 'Zoom in', () => zoom.zoomBy(1.5)),
  shell.button('−', 'Zoom out', () => zoom.zoomBy(1 / 1.5)),
  shell.button('⟲', 'Reset zoom', () => zoom.reset()),
);

function legend(): HTMLElement {
  const items = (Object.keys(TYPE_LABELS) as MapPlaceType[]).map((type) =>
    h(
      'li',
      {},
      s(
        'svg',
        { viewBox: '-8 -8 16 16', class: 'swatch', 'aria-hidden': 'true' },
        s('path', { class: `marker-shape t-${type}`, d: markerPath(type, 5) }),
      ),
      TYPE_LABELS[type],
    ),
  );
  return h('ul', { class: 'legend', 'aria-label': 'Legend' }, ...items);
}

function label(p: MapPlace): string {
  return `${p.name}, ${p.type}${p.country && p.type !== 'country' ? ` in ${p.country}` : ''}, ${plural(p.mentionCount, 'mention')}`;
}

/** Draws the markers: the most mentioned first, so smaller ones lie on top and Tab visits big ones first. */
function render(data: MapData): void {
  places = data.places;
  const max = places.reduce((m, p) => Math.max(m, p.mentionCount), 1);
  const nodes: SVGGElement[] = [];
  for (const p of places) {
    const [x, y] = projection([p.lon, p.lat]) ?? [NaN, NaN];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const g = s(
      'g',
      {
        class: `marker t-${p.type}`,
        'data-entity-id': p.id,
        'data-x': x,
        'data-y': y,
        tabindex: '0',
        role: 'button',
        'aria-label': label(p),
      },
      s('path', { class: 'marker-shape', d: markerPath(p.type, markerRadius(p.mentionCount, max)) }),
    );
    if (p.id === state.selected) g.classList.add('selected');
    g.addEventListener('pointerenter', () => shell.showTooltip(tooltip(p), g.getBoundingClientRect()));
    g.addEventListener('pointerleave', () => shell.hideTooltip());
    g.addEventListener('focus', () => shell.showTooltip(tooltip(p), g.getBoundingClientRect()));
    g.addEventListener('blur', () => shell.hideTooltip());
    g.addEventListener('click', () => {
      if (!zoom.dragged) select(p);
    });
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        e.stopPropagation();
        select(p);
      }
    });
    nodes.push(g);
  }
  replace(markers, ...nodes);
  place();
  rendered = true;
  document.body.dataset.state = 'rendered';
  const selected = places.find((p) => p.id === state.selected);
  if (selected) select(selected);
  else if (state.selected) {
    state.selected = null;
    shell.clearDetails();
  }
}

function tooltip(p: MapPlace): string {
  return `${p.name} · ${TYPE_LABELS[p.type].toLowerCase()} · ${plural(p.mentionCount, 'mention')}`;
}

/** Places the markers for the current zoom; the shapes are scaled by one transform. */
function place(): void {
  const { k, x, y } = zoom.transform;
  world_.setAttribute('transform', `translate(${x} ${y}) scale(${k})`);
  for (const g of markers.children) {
    const px = Number(g.getAttribute('data-x')) * k + x;
    const py = Number(g.getAttribute('data-y')) * k + y;
    g.setAttribute('transform', `translate(${px.toFixed(1)} ${py.toFixed(1)})`);
  }
}

function select(p: MapPlace): void {
  state.selected = p.id;
  saveState(state);
  for (const g of markers.querySelectorAll('.marker.selected')) g.classList.remove('selected');
  markers.querySelector(`[data-entity-id="${CSS.escape(p.id)}"]`)?.classList.add('selected');
  pendingMentions = ++requestId;
  shell.showDetails(
    p.name,
    `${TYPE_LABELS[p.type]}${p.country && p.type !== 'country' ? ` in ${p.country}` : ''} · ${countLine(p.mentionCount, p.documentCount)}`,
    h('p', { class: 'hint' }, 'Loading mentions…'),
  );
  post({ type: 'mentions', requestId: pendingMentions, id: p.id });
}

onMessage((message) => {
  if (answerProbes(message, () => ({ rendered, settled: rendered }))) return;
  switch (message.type) {
    case 'mapData':
      render(message.data);
      shell.setStatus(
        `${plural(message.data.places.length, 'place')} on the map${message.data.unlocated ? ` · ${message.data.unlocated} without coordinates` : ''} · ${scopeLine(message.scope, message.data.documents)}`,
      );
      return;
    case 'mentions': {
      if (message.requestId !== pendingMentions) return;
      const p = places.find((x) => x.id === state.selected);
      if (!p) return;
      shell.showDetails(
        p.name,
        `${TYPE_LABELS[p.type]}${p.country && p.type !== 'country' ? ` in ${p.country}` : ''} · ${countLine(p.mentionCount, p.documentCount)}`,
        mentionList(message.mentions, message.total, p.name),
      );
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
