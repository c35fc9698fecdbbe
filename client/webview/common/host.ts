import type { FromWebview, ToWebview } from '../shared/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

export function post(message: FromWebview): void {
  api.postMessage(message);
}

/** The view's saved state (scope, filter, zoom, selection), restored when the page is rebuilt. */
export function loadState<T extends object>(defaults: T): T {
  const saved = api.getState();
  return saved && typeof saved === 'object' ? { ...defaults, ...(saved as Partial<T>) } : defaults;
}

export function saveState(state: object): void {
  api.setState(state);
}

export function onMessage(handler: (message: ToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (data && typeof data === 'object' && typeof (data as { type?: unknown }).type === 'string') handler(data as ToWebview);
  });
}
