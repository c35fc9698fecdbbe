import { fileURLToPath } from 'url';
import type { Connection } from 'vscode-languageserver';
import { z } from 'zod';
import {
  edgeEvidenceRequest,
  mapDataRequest,
  networkDataRequest,
  scopedMentionsRequest,
  writeReportRequest,
  type MapData,
  type NetworkData,
  type OverviewMention,
} from '../../../../common/protocol';
import type { AnnotationIndex } from '../../workspace/annotationIndex';
import type { DocumentIndex, IndexedDocument } from '../../workspace/documentIndex';
import { workspaceEntities, type WorkspaceEntities } from '../../workspace/workspaceEntities';
import { readDocument } from '../../workspace/readDocument';
import { edgeEvidence } from './edgeEvidence';
import { MapAccumulator } from './mapData';
import { NetworkBuilder } from './networkData';
import { writeReport, type ReportDocument } from './report';
import { describeDocument, reportDocument } from './reportDocuments';
import { EntityIdCache } from './viewData';
import { thresholdsKey, type ClaimThresholds } from './claimFilter';

/*
 * The requests of the map, network and report views. The data builders are
 * pure (mapData.ts, networkData.ts, report.ts); this file feeds them the
 * index's documents in slices that yield to the event loop, so hovers are
 * answered meanwhile, and caches answers until the index changes.
 */

const SLICE_MS = 8;
const CONTEXT = 60;
const CACHE_SIZE = 8;

const scope = z.object({ uris: z.array(z.string()).max(100_000).optional() });
const mapParams = scope;
const networkParams = scope.extend({
  filter: z
    .object({ text: z.string().max(200).optional(), minMentions: z.number().finite().optional(), topN: z.number().finite().optional() })
    .optional(),
});
const mentionsParams = scope.extend({ id: z.string(), limit: z.number().int().min(1).max(5000).optional() });
const evidenceParams = scope.extend({
  kind: z.enum(['cooccurrence', 'claim']),
  source: z.string(),
  target: z.string(),
  limit: z.number().int().min(1).max(1000).optional(),
});
const reportParams = z.object({ base: z.string().optional() });

export interface ViewsDeps {
  index: DocumentIndex;
  annotations: AnnotationIndex;
  /** The workspace folders (paths), for document names in the report. */
  folders: () => readonly string[];
  log: (message: string) => void;
  /** The claims the views count and list: `dossier.claims.*` of the workspace. */
  claims: () => Promise<ClaimThresholds>;
}

export class ViewsService {
  private readonly cache = new Map<string, Promise<unknown>>();
  private cacheGeneration = -1;

  private readonly ids: EntityIdCache;
  private readonly entities: WorkspaceEntities;

  constructor(private readonly deps: ViewsDeps) {
    this.entities = workspaceEntities(deps.index);
    this.ids = new EntityIdCache(this.entities);
  }

  private get index(): DocumentIndex {
    return this.deps.index;
  }

  /** The indexed documents in scope: the given uris, or all. */
  private documents(uris?: readonly string[]): IndexedDocument[] {
    if (!uris) return [...this.index.all()];
    return [...new Set(uris)].map((u) => this.index.get(u)).filter((d): d is IndexedDocument => d !== undefined);
  }

  /** One answer per generation of the index and question. */
  private cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (this.cacheGeneration !== this.index.generation) {
      this.cache.clear();
      this.cacheGeneration = this.index.generation;
    }
    let hit = this.cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = compute();
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
      if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    }
    return hit;
  }

  mapData(raw: unknown): Promise<MapData> {
    const p = mapParams.parse(raw ?? {});
    return this.cached(`map|${scopeKey(p.uris)}`, async () => {
      const acc = new MapAccumulator(this.ids.ids);
      await sliced(this.documents(p.uris), (d) => acc.add(d));
      return acc.result();
    });
  }

  async networkData(raw: unknown): Promise<NetworkData> {
    const p = networkParams.parse(raw ?? {});
    const thresholds = await this.deps.claims();
    return this.cached(`network|${scopeKey(p.uris)}|${JSON.stringify(p.filter ?? {})}|${thresholdsKey(thresholds)}`, async () => {
      const docs = this.documents(p.uris);
      const builder = new NetworkBuilder(this.ids.ids, thresholds);
      await sliced(docs, (d) => builder.count(d));
      builder.select(p.filter);
      await sliced(docs, (d) => builder.link(d));
      return builder.result();
    });
  }

  mentions(raw: unknown): { mentions: OverviewMention[]; total: number } {
    const p = mentionsParams.parse(raw);
    const limit = p.limit ?? 200;
    const wanted = p.uris ? new Set(p.uris) : null;
    const mentions: OverviewMention[] = [];
    let total = 0;
    for (const [doc, entities] of this.entities.membersOf(p.id)) {
      if (wanted && !wanted.has(doc.uri)) continue;
      const text = doc.document.getText();
      const spans = entities.flatMap((e) => e.mentions.map((i) => doc.analysis.mentions[i])).filter((m) => m !== undefined);
      spans.sort((a, b) => a.start - b.start);
      total += spans.length;
      for (const m of spans.slice(0, Math.max(0, limit - mentions.length))) {
        mentions.push({
          uri: doc.uri,
          start: doc.document.positionAt(m.start),
          end: doc.document.positionAt(m.end),
          context: text
            .slice(Math.max(0, m.start - CONTEXT), Math.min(text.length, m.end + CONTEXT))
            .replace(/\s+/g, ' ')
            .trim(),
        });
      }
    }
    return { mentions, total };
  }

  async evidence(raw: unknown): Promise<ReturnType<typeof edgeEvidence>> {
    const p = evidenceParams.parse(raw);
    const claims = await this.deps.claims();
    const wanted = p.uris ? new Set(p.uris) : null;
    const withTarget = new Set(this.entities.membersOf(p.target).map(([d]) => d.uri));
    const docs = this.entities
      .membersOf(p.source)
      .map(([d]) => d)
      .filter((d) => withTarget.has(d.uri) && (!wanted || wanted.has(d.uri)));
    return edgeEvidence(docs, this.resolve, { ...p, claims });
  }

  async report(raw: unknown): Promise<{ markdown: string }> {
    const p = reportParams.parse(raw ?? {});
    const folders = this.deps.folders();
    const base = p.base?.startsWith('file:') ? fileURLToPath(p.base) : (folders[0] ?? process.cwd());
    const paths = { folders, base };
    const documents: ReportDocument[] = [];
    for (const uri of this.deps.annotations.uris()) {
      const annotations = this.deps.annotations.get(uri);
      let text = this.index.get(uri)?.document.getText();
      if (text === undefined && uri.startsWith('file:')) {
        const read = await readDocument(fileURLToPath(uri));
        if (read.ok) text = read.text;
        else this.deps.log(`Dossier report: ${uri}: ${read.reason}`);
      }
      if (text !== undefined) documents.push(reportDocument(uri, text, annotations, paths));
    }
    const claims = await this.deps.claims();
    return { markdown: writeReport({ documents, index: this.entities, describe: (uri) => describeDocument(uri, paths), claims }) };
  }

  private readonly resolve = (uri: string, localId: string) => this.entities.workspaceId(uri, localId);
}

function scopeKey(uris?: readonly string[]): string {
  return uris ? [...new Set(uris)].sort().join('\n') : '*';
}

/** Runs `each` over the items, yielding to the event loop every few milliseconds. */
async function sliced<T>(items: readonly T[], each: (item: T) => void): Promise<void> {
  let sliceStart = performance.now();
  for (const item of items) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    each(item);
  }
}

/** The views' requests on the connection: one call from server.ts. */
export function registerViews(connection: Connection, deps: ViewsDeps): ViewsService {
  const service = new ViewsService(deps);
  connection.onRequest(mapDataRequest, (p) => service.mapData(p));
  connection.onRequest(networkDataRequest, (p) => service.networkData(p));
  connection.onRequest(scopedMentionsRequest, (p) => service.mentions(p));
  connection.onRequest(edgeEvidenceRequest, (p) => service.evidence(p));
  connection.onRequest(writeReportRequest, (p) => service.report(p));
  return service;
}
