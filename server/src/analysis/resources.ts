import type { Gazetteer } from './gazetteer';
import type { Tagger } from './ner';

/** Data the engine needs, loaded once by the host (server, CLI, tests) and passed in. */
export interface AnalysisResources {
  gazetteer: Gazetteer;
  tagger: Tagger;
}
