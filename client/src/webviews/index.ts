import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { z } from 'zod';
import { log } from '../log';
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

/** `Dossier: Show Map`, `Dossier: Show Network` and `Dossier: Write Report`. */
export function registerViewCommands(
  context: vscode.ExtensionContext,
  client: LanguageClient,
  onIndexChanged: vscode.Event<string[]>,
  isIncluded: (doc: vscode.TextDocument) => boolean,
): ViewsApi {
  const host: ViewHost = { context, client, isIncluded };
  const map = new MapPanel(host);
  const network = new NetworkPanel(host);
  const scopeOf = (args: unknown): Scope | undefined => {
    const parsed = showArgs.safeParse(args);
    return parsed.success ? parsed.data?.scope : undefined;
  };
  const guarded = (id: string, run: (args: unknown) => unknown) =>
    vscode.commands.registerCommand(id, async (args: unknown) => {
      if (!client.isRunning()) {
        void vscode.window.showWarningMessage('Dossier: the language server is not running. Try "Dossier: Restart Language Server".');
        return undefined;
      }
      try {
        return await run(args);
      } catch (err) {
        log().error(`${id} failed: ${err instanceof Error ? err.message : String(err)}`);
        void vscode.window.showErrorMessage(`Dossier: ${err instanceof Error ? err.message : String(err)}`);
        return undefined;
      }
    });
  context.subscriptions.push(
    map,
    network,
    onIndexChanged(() => {
      map.onIndexChanged();
      network.onIndexChanged();
    }),
    guarded('dossier.showMap', (args) => map.show(scopeOf(args))),
    guarded('dossier.showNetwork', (args) => network.show(scopeOf(args))),
    guarded('dossier.writeReport', () => writeReport(context, client)),
  );
  const panel = (view: 'map' | 'network') => (view === 'map' ? map : network);
  return {
    probe: (view, selector) => panel(view).ask('probe', selector),
    click: (view, selector) => panel(view).ask('click', selector),
  };
}
