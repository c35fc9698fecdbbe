import type { OverviewMention } from '../../../common/protocol';
import { SCOPES, type Scope, type ScopeInfo, type ToWebview } from '../shared/messages';
import { fileName, h, marked, plural, replace } from './dom';
import { post } from './host';

/*
 * What the map and the network share: the toolbar with the scope and
 * "follow the active editor", a status line, the drawing area with a
 * tooltip, and the details pane where mentions and evidence are listed.
 */

const SCOPE_LABELS: Record<Scope, string> = { document: 'Current document', open: 'Open documents', workspace: 'Workspace' };

export class Shell {
  readonly toolbar: HTMLElement;
  readonly stage: HTMLElement;
  readonly details: HTMLElement;
  private readonly status: HTMLElement;
  private readonly tooltip: HTMLElement;
  private readonly scopeSelect: HTMLSelectElement;
  private readonly followBox: HTMLInputElement;
  private readonly followLabel: HTMLElement;

  constructor(title: string, state: { scope: Scope; follow: boolean }, onScope: (scope: Scope, follow: boolean) => void) {
    this.scopeSelect = h('select', { id: 'scope', 'aria-label': 'Documents shown' });
    for (const scope of SCOPES) {
      const option = h('option', { value: scope }, SCOPE_LABELS[scope]);
      option.selected = scope === state.scope;
      this.scopeSelect.appendChild(option);
    }
    this.followBox = h('input', { type: 'checkbox', id: 'follow' });
    this.followBox.checked = state.follow;
    this.followLabel = h('label', { for: 'follow', class: 'follow' }, this.followBox, 'Follow the active editor');
    const changed = () => {
      this.followLabel.hidden = this.scopeSelect.value !== 'document';
      onScope(this.scopeSelect.value as Scope, this.followBox.checked);
    };
    this.scopeSelect.addEventListener('change', changed);
    this.followBox.addEventListener('change', changed);
    this.followLabel.hidden = state.scope !== 'document';
    this.toolbar = h(
      'header',
      { class: 'toolbar', role: 'toolbar', 'aria-label': `${title} options` },
      h('label', { for: 'scope' }, 'Show'),
      this.scopeSelect,
      this.followLabel,
    );
    this.status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' }, 'Loading…');
    this.tooltip = h('div', { class: 'tooltip', role: 'tooltip', id: 'tooltip' });
    this.tooltip.hidden = true;
    this.stage = h('div', { class: 'stage' }, this.tooltip);
    this.details = h(
      'aside',
      { class: 'details', 'aria-label': 'Details', tabindex: '-1' },
      h('p', { class: 'hint' }, 'Select an item to list what lies behind it.'),
    );
    document.body.append(this.toolbar, this.status, h('main', { class: 'body' }, this.stage, this.details));
  }

  /** A toolbar button. */
  button(label: string, title: string, run: () => void): HTMLButtonElement {
    const b = h('button', { type: 'button', title, 'aria-label': title }, label);
    b.addEventListener('click', run);
    return b;
  }

  setStatus(text: string): void {
    this.status.textContent = text;
    this.status.classList.remove('error');
  }

  error(text: string): void {
    this.status.textContent = text;
    this.status.classList.add('error');
  }

  showTooltip(text: string, anchor: DOMRect | { x: number; y: number }): void {
    this.tooltip.textContent = text;
    this.tooltip.hidden = false;
    const box = this.stage.getBoundingClientRect();
    const x = ('width' in anchor ? anchor.x + anchor.width / 2 : anchor.x) - box.x;
    const y = ('height' in anchor ? anchor.y : anchor.y) - box.y;
    const w = this.tooltip.offsetWidth;
    this.tooltip.style.left = `${Math.max(4, Math.min(box.width - w - 4, x - w / 2))}px`;
    this.tooltip.style.top = `${Math.max(4, y - this.tooltip.offsetHeight - 10)}px`;
  }

  hideTooltip(): void {
    this.tooltip.hidden = true;
  }

  /** Fills the details pane: a heading, a summary, then sections. */
  showDetails(title: string, summary: string, ...sections: Node[]): void {
    replace(this.details, h('h2', {}, title), h('p', { class: 'summary' }, summary), ...sections);
  }

  clearDetails(): void {
    replace(this.details, h('p', { class: 'hint' }, 'Select an item to list what lies behind it.'));
  }
}

/** A list of mentions; choosing one opens its document at the mention. */
export function mentionList(mentions: OverviewMention[], total: number, needle: string): HTMLElement {
  const list = h('ul', { class: 'items mentions', 'aria-label': 'Mentions' });
  for (const m of mentions) {
    const where = `${fileName(m.uri)}:${m.start.line + 1}`;
    const button = h(
      'button',
      { type: 'button', class: 'item', 'data-uri': m.uri, 'data-line': String(m.start.line) },
      h('span', { class: 'where' }, where),
      h('span', { class: 'text' }, ...marked(m.context, needle)),
    );
    button.addEventListener('click', () => post({ type: 'open', uri: m.uri, range: { start: m.start, end: m.end } }));
    list.appendChild(h('li', {}, button));
  }
  const section = h(
    'section',
    {},
    h('h3', {}, total > mentions.length ? `Mentions (first ${mentions.length} of ${total})` : `Mentions (${total})`),
    list,
  );
  if (!mentions.length) section.appendChild(h('p', { class: 'hint' }, 'No mentions in these documents.'));
  return section;
}

/** The end of the status line: which documents are shown, with their number for the workspace. */
export function scopeLine(scope: ScopeInfo, documents: number): string {
  return `${scope.label}${scope.scope === 'workspace' ? ` (${plural(documents, 'document')})` : ''}`;
}

/** Tells the extension the page is ready and restores a scope other than the default. */
export function announceReady(state: { scope: Scope; follow: boolean }): void {
  post({ type: 'ready' });
  if (state.scope !== 'workspace' || !state.follow) post({ type: 'scope', scope: state.scope, follow: state.follow });
}

export function countLine(n: number, docs: number): string {
  return `${plural(n, 'mention')} in ${plural(docs, 'document')}`;
}

/**
 * Answers the test probes: how many elements match, their labels, and a
 * click through the page's own handlers. Only reads the page, or clicks.
 */
export function answerProbes(message: ToWebview, state: () => { rendered: boolean; settled: boolean }): boolean {
  if (message.type === 'probe') {
    const found = select(message.selector);
    const labels = found.slice(0, 200).map((el) => el.getAttribute('aria-label') ?? el.textContent ?? '');
    post({ type: 'probeResult', id: message.id, count: found.length, labels, ...state() });
    return true;
  }
  if (message.type === 'click') {
    const el = select(message.selector)[0] ?? null;
    if (el) el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
    post({ type: 'clickResult', id: message.id, ok: el !== null });
    return true;
  }
  return false;
}

function select(selector: string): Element[] {
  try {
    return [...document.querySelectorAll(selector)];
  } catch {
    return [];
  }
}
