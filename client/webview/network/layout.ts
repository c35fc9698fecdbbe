import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type Simulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3-force';
import type { NetworkEdge, NetworkNode } from '../../../common/protocol';

/*
 * The force layout (d3-force). It runs a first batch of ticks at once, then
 * continues in animation frames with a time budget per frame; while it runs
 * only the nodes move (onTick), and the edges — most of the elements — are
 * drawn when it comes to rest (onSettle), so 500 nodes and a few thousand
 * edges stay smooth. Positions of actors that stay across an update are
 * kept, so a refresh does not reshuffle the picture.
 */

export interface SimNode extends SimulationNodeDatum {
  id: string;
  data: NetworkNode;
  r: number;
}

export interface SimLink extends SimulationLinkDatum<SimNode> {
  data: NetworkEdge;
  source: SimNode;
  target: SimNode;
}

const FIRST_TICKS = 30;
const FRAME_BUDGET_MS = 10;
/** Faster cooling than d3's default (0.0228): about 170 ticks instead of 300. */
const ALPHA_DECAY = 0.04;

export class Layout {
  private simulation: Simulation<SimNode, SimLink> | null = null;
  private frame = 0;
  private readonly known = new Map<string, { x: number; y: number }>();
  settled = false;

  constructor(
    private readonly onTick: () => void,
    private readonly onSettle: () => void,
  ) {}

  /** Starts a layout of these nodes and links (links refer to nodes by id). */
  start(nodes: SimNode[], links: SimLink[]): void {
    this.stop();
    let fresh = 0;
    for (const [i, n] of nodes.entries()) {
      const old = this.known.get(n.id);
      if (old) {
        n.x = old.x;
        n.y = old.y;
      } else {
        fresh++;
        // Phyllotaxis start (as d3 does), spread by size: fewer crossings to undo.
        const radius = 12 * Math.sqrt(0.5 + i);
        const angle = i * Math.PI * (3 - Math.sqrt(5));
        n.x = radius * Math.cos(angle);
        n.y = radius * Math.sin(angle);
      }
    }
    const sim = forceSimulation<SimNode, SimLink>(nodes)
      .force(
        'link',
        forceLink<SimNode, SimLink>(links)
          .id((n) => n.id)
          .distance((l) => 30 + l.source.r + l.target.r)
          .strength((l) => (l.data.kind === 'claim' ? 0.05 : Math.min(0.6, 0.08 * Math.sqrt(l.data.weight)))),
      )
      .force(
        'charge',
        forceManyBody<SimNode>()
          .strength((n) => -30 - 3 * n.r)
          .distanceMax(400)
          .theta(0.95),
      )
      .force('x', forceX<SimNode>(0).strength(0.05))
      .force('y', forceY<SimNode>(0).strength(0.08))
      .force('collide', forceCollide<SimNode>((n) => n.r + 2).iterations(1))
      .alphaDecay(ALPHA_DECAY)
      .stop();
    // Mostly known positions: a gentle reheat instead of a new layout.
    if (fresh < nodes.length / 4 && this.known.size) sim.alpha(0.3);
    this.simulation = sim;
    this.settled = false;
    sim.tick(FIRST_TICKS);
    this.remember(nodes);
    this.onTick();
    this.frame = requestAnimationFrame(() => this.step());
  }

  private step(): void {
    const sim = this.simulation;
    if (!sim) return;
    const t0 = performance.now();
    while (sim.alpha() > sim.alphaMin() && performance.now() - t0 < FRAME_BUDGET_MS) sim.tick();
    this.remember(sim.nodes());
    this.onTick();
    if (sim.alpha() > sim.alphaMin()) this.frame = requestAnimationFrame(() => this.step());
    else {
      this.settled = true;
      this.onSettle();
    }
  }

  private remember(nodes: SimNode[]): void {
    for (const n of nodes) this.known.set(n.id, { x: n.x ?? 0, y: n.y ?? 0 });
  }

  stop(): void {
    cancelAnimationFrame(this.frame);
    this.simulation = null;
  }
}

/** Node radius from 4 to 18 by the square root of the share of the most mentioned. */
export function nodeRadius(mentions: number, max: number): number {
  return 4 + 14 * Math.sqrt(Math.max(0, mentions) / Math.max(1, max));
}

/** Edge width: grows with the log of the weight. */
export function edgeWidth(e: NetworkEdge): number {
  return e.kind === 'claim' ? 1.2 + Math.min(3, Math.log2(1 + e.claims)) : 0.8 + Math.min(5, Math.log2(1 + e.weight));
}
