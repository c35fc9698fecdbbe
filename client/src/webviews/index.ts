import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { z } from 'zod';
import type { ProbeResult, Scope } from '../../webview/shared/messages';
import { MapPanel } from './mapPanel';
import { NetworkPanel } from './networkPanel';
import { writeReport } from './report';
import type { ViewHost } from './viewPanel';

/** What the VS Code tests can do with the views (returned by activate() as `views`). */
export interface ViewsApi {
  /** Elements matching a selector in the open view's page, and whether its data is drawn. */
  probe(view: 'map' | 'network', selector: string): Promise<ProbeResult>;
  /** Clicks the first element matching a selector through the page's own handlers; false when none matches. */
  click(view: 'map' | 'network', selector: string): Promise<boolean>;
}

const showArgs = z.object({ scope: z.enum(['document', 'open', 'workspace']).optional() }).optional();

/** The commands of the views (registered from the command table in ../commands). */
export interface ViewCommands {
  showMap(args: unknown): void;
  showNetwork(args: unknown): void;
  writeReport(): Promise<{ uri: string; markdown: string }>;
}

/** The map and network panels and `Dossier: Write Report`. */
export function createViews(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  onIndexChanged: vscode.Event<string[]>,
  isIncluded: (doc: vscode.TextDocument) => boolean,
): { api: ViewsApi; commands: ViewCommands } {
  const host: ViewHost = { context, client, isIncluded };
  const map = new MapPanel(host);
  const network = new NetworkPanel(host);
  const scopeOf = (args: unknown): Scope | undefined => {
    const parsed = showArgs.safeParse(args);
    return parsed.success ? parsed.data?.scope : undefined;
  };
  context.subscriptions.push(
    map,
    network,
    onIndexChanged(() => {
      map.onIndexChanged();
      network.onIndexChanged();
    }),
  );
  const panel = (view: 'map' | 'network') => (view === 'map' ? map : network);
  return {
    api: {
      probe: (view, selector) => panel(view).ask('probe', selector),
      click: (view, selector) => panel(view).ask('click', selector),
    },
    commands: {
      showMap: (args) => map.show(scopeOf(args)),
      showNetwork: (args) => network.show(scopeOf(args)),
      writeReport: () => writeReport(context, client),
    },
  };
}
