import { analyzeDocument } from '../server/src/analysis/pipeline';
import type { AnalysisResources } from '../server/src/analysis/resources';
import type { DocumentAnalysis } from '../server/src/analysis/types';
import { ViewsService } from '../server/src/lsp/features/viewsService';
import { SHOW_ALL } from '../server/src/lsp/features/claimFilter';
import type { AnalysisService } from '../server/src/workspace/analysisService';
import { AnnotationIndex } from '../server/src/workspace/annotationIndex';
import { compact } from '../server/src/workspace/compact';
import { DocumentIndex } from '../server/src/workspace/documentIndex';
import { workspaceEntities } from '../server/src/workspace/workspaceEntities';

/*
 * `npm run bench -- --only views`: building the map and the network of a
 * 10,000-document workspace, from the index, as the server does. The index is
 * built in this process from the same synthetic corpus as the index section
 * (the texts repeated up to 10,000 documents); each distinct text is analysed
 * once, since only the builders are timed here.
 */

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Analyses each distinct text once (compacted, as the index keeps it). */
class OncePerText implements AnalysisService {
  private readonly done = new Map<string, DocumentAnalysis>();
  constructor(private readonly res: AnalysisResources) {}
  analyze(text: string): Promise<DocumentAnalysis> {
    let a = this.done.get(text);
    if (!a) this.done.set(text, (a = compact(analyzeDocument(text, this.res))));
    return Promise.resolve(a);
  }
  dispose(): void {}
}

/**
 * Medians of the runs after the first (warm-up): wall-clock time, and the CPU
 * time this process used (on a shared machine the wall clock also counts the
 * time other processes held the cores).
 */
async function time<T>(runs: number, fn: () => T | Promise<T>): Promise<{ median: number; cpu: number; result: T }> {
  const times: number[] = [];
  const cpu: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    result = await fn();
    const c = process.cpuUsage(c0);
    times.push(performance.now() - t0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { median: median(times.slice(1)), cpu: median(cpu.slice(1)), result: result as T };
}

export async function viewsSection(texts: string[], res: AnalysisResources, label: string): Promise<void> {
  const n = 10_000;
  const index = new DocumentIndex(new OncePerText(res));
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await index.update(`file:///bench/doc${String(i).padStart(5, '0')}.txt`, texts[i % texts.length], 1);
  console.log(
    `\n## Map and network data of ${n.toLocaleString('en')} documents (${label}; index built in ${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
  console.log('| what | wall, median of 7 (ms) | CPU, median (ms) | size |\n| --- | --- | --- | --- |');
  const entities = workspaceEntities(index);
  const resolveAll = () => {
    let n = 0;
    for (const doc of index.all()) for (const e of doc.analysis.entities) n += entities.workspaceId(doc.uri, e.id).length > 0 ? 1 : 0;
    return n;
  };
  // After any index change the registry resolves entities again, lazily; the sidebar's overview pays that
  // too. Timed on its own: re-adding one document invalidates it.
  const again = [...index.all()][0];
  let version = again.version;
  const cold = await time(8, async () => {
    version++;
    await index.update(again.uri, again.document.getText() + (version % 2 ? ' ' : ''), version);
    return resolveAll();
  });
  console.log(
    `| registry: first resolution of all entity ids after an index change (shared with the sidebar) | ${cold.median.toFixed(0)} | ${cold.cpu.toFixed(0)} | ${cold.result.toLocaleString('en')} entities |`,
  );
  resolveAll();
  // The requests as the server answers them: the pure builders fed in slices that yield to the event loop.
  // A new service each run, so no answer and no resolved id is reused between runs.
  const deps = {
    index,
    annotations: new AnnotationIndex(),
    folders: () => [],
    log: () => undefined,
    claims: () => Promise.resolve(SHOW_ALL),
  };
  const map = await time(8, () => new ViewsService(deps).mapData({}));
  console.log(`| dossier/mapData | ${map.median.toFixed(0)} | ${map.cpu.toFixed(0)} | ${map.result.places.length} places |`);
  const net = await time(8, () => new ViewsService(deps).networkData({}));
  console.log(
    `| dossier/networkData, default filter | ${net.median.toFixed(0)} | ${net.cpu.toFixed(0)} | ${net.result.nodes.length} actors of ${net.result.actors.toLocaleString('en')}, ${net.result.edges.length} edges |`,
  );
  const top500 = await time(8, () => new ViewsService(deps).networkData({ filter: { topN: 500 } }));
  console.log(
    `| dossier/networkData, top 500 | ${top500.median.toFixed(0)} | ${top500.cpu.toFixed(0)} | ${top500.result.nodes.length} actors, ${top500.result.edges.length} edges |`,
  );
  const both = await time(8, async () => {
    const service = new ViewsService(deps);
    return [await service.mapData({}), await service.networkData({})];
  });
  console.log(`| **map and network data** (both requests, ids resolved once) | **${both.median.toFixed(0)}** | ${both.cpu.toFixed(0)} | |`);
}
