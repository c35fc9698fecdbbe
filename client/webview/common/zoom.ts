/*
 * Zoom and pan of an SVG by mouse (wheel, drag) and keyboard (arrows, + and
 * -, 0 to reset), in the coordinates of its viewBox. A drag longer than a few
 * pixels is not a click: `dragged` tells click handlers to ignore it.
 */

export interface Transform {
  k: number;
  x: number;
  y: number;
}

export const IDENTITY: Transform = { k: 1, x: 0, y: 0 };

const DRAG_THRESHOLD = 4;
const PAN_STEP = 60;
const ZOOM_STEP = 1.4;

export class ZoomPan {
  private t: Transform;
  private drag: { id: number; x: number; y: number; moved: boolean; t: Transform } | null = null;
  dragged = false;

  constructor(
    private readonly svg: SVGSVGElement,
    private readonly limits: { min: number; max: number },
    private readonly onChange: (t: Transform) => void,
    initial: Transform = IDENTITY,
  ) {
    this.t = { ...initial };
    svg.addEventListener('wheel', (e) => this.wheel(e), { passive: false });
    svg.addEventListener('pointerdown', (e) => this.down(e));
    svg.addEventListener('pointermove', (e) => this.move(e));
    svg.addEventListener('pointerup', (e) => this.up(e));
    svg.addEventListener('pointercancel', (e) => this.up(e));
    svg.addEventListener('keydown', (e) => this.key(e));
  }

  get transform(): Transform {
    return this.t;
  }

  set(t: Transform): void {
    this.t = { k: clamp(t.k, this.limits.min, this.limits.max), x: t.x, y: t.y };
    this.onChange(this.t);
  }

  /** Zooms by a factor around a point of the viewBox (default: its centre). */
  zoomBy(factor: number, at?: { x: number; y: number }): void {
    const vb = this.svg.viewBox.baseVal;
    const p = at ?? { x: vb.x + vb.width / 2, y: vb.y + vb.height / 2 };
    const k = clamp(this.t.k * factor, this.limits.min, this.limits.max);
    const f = k / this.t.k;
    this.set({ k, x: p.x - (p.x - this.t.x) * f, y: p.y - (p.y - this.t.y) * f });
  }

  panBy(dx: number, dy: number): void {
    this.set({ k: this.t.k, x: this.t.x + dx, y: this.t.y + dy });
  }

  reset(): void {
    this.set(IDENTITY);
  }

  /** A point of the page in viewBox coordinates. */
  private local(clientX: number, clientY: number): { x: number; y: number } {
    const ctm = this.svg.getScreenCTM();
    if (!ctm) return { x: clientX, y: clientY };
    const p = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse());
    return { x: p.x, y: p.y };
  }

  private wheel(e: WheelEvent): void {
    e.preventDefault();
    const scale = e.deltaMode === 1 ? 30 : 1;
    this.zoomBy(Math.exp(-e.deltaY * scale * 0.002), this.local(e.clientX, e.clientY));
  }

  private down(e: PointerEvent): void {
    if (e.button !== 0) return;
    this.dragged = false;
    this.drag = { id: e.pointerId, x: e.clientX, y: e.clientY, moved: false, t: { ...this.t } };
  }

  private move(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    if (!d.moved && Math.hypot(e.clientX - d.x, e.clientY - d.y) < DRAG_THRESHOLD) return;
    if (!d.moved) {
      d.moved = true;
      this.svg.setPointerCapture(e.pointerId);
      this.svg.classList.add('dragging');
    }
    const a = this.local(d.x, d.y);
    const b = this.local(e.clientX, e.clientY);
    this.set({ k: d.t.k, x: d.t.x + (b.x - a.x), y: d.t.y + (b.y - a.y) });
  }

  private up(e: PointerEvent): void {
    const d = this.drag;
    if (!d || d.id !== e.pointerId) return;
    this.dragged = d.moved;
    this.drag = null;
    this.svg.classList.remove('dragging');
    if (this.svg.hasPointerCapture(e.pointerId)) this.svg.releasePointerCapture(e.pointerId);
  }

  private key(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const step = PAN_STEP;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => this.panBy(step, 0),
      ArrowRight: () => this.panBy(-step, 0),
      ArrowUp: () => this.panBy(0, step),
      ArrowDown: () => this.panBy(0, -step),
      '+': () => this.zoomBy(ZOOM_STEP),
      '=': () => this.zoomBy(ZOOM_STEP),
      '-': () => this.zoomBy(1 / ZOOM_STEP),
      _: () => this.zoomBy(1 / ZOOM_STEP),
      '0': () => this.reset(),
    };
    const run = actions[e.key];
    if (!run) return;
    e.preventDefault();
    run();
  }
}

function clamp(v: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, v));
}
