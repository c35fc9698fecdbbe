import type { Connection } from 'vscode-languageserver';
import { defaultSettings, parseSettings, type Settings } from '../../../common/settings';

/** `dossier.*` settings pulled per resource, validated, cached until the client says they changed. */
export class SettingsManager {
  private readonly cache = new Map<string, Promise<Settings>>();
  private supported = false;

  constructor(private readonly connection: Connection) {}

  enable(supported: boolean): void {
    this.supported = supported;
  }

  get(scopeUri?: string): Promise<Settings> {
    if (!this.supported) return Promise.resolve(defaultSettings);
    const key = scopeUri ?? '';
    let entry = this.cache.get(key);
    if (!entry) {
      entry = this.connection.workspace.getConfiguration({ scopeUri, section: 'dossier' }).then(
        (raw: unknown) => {
          const { settings, problems } = parseSettings(raw);
          for (const p of problems) this.connection.console.warn(`Invalid setting, using the default: ${p}`);
          return settings;
        },
        () => defaultSettings,
      );
      this.cache.set(key, entry);
    }
    return entry;
  }

  clear(): void {
    this.cache.clear();
  }
}
