import type { ClaimModel } from './claims/model';
import type { CueFrameTable } from './claims/learnedFrames';
import type { ClaimScoreTable } from './claims/score';
import type { AliasIndex } from './entities/aliasIndex';
import type { DemonymForms } from './entities/demonyms';
import type { Gazetteer } from './gazetteer';
import type { Tagger } from './ner';

/** Data the engine needs, loaded once by the host (server, CLI, tests) and passed in. */
export interface AnalysisResources {
  gazetteer: Gazetteer;
  tagger: Tagger;
  /** The attribution tagger (claims/model.ts, file server/data/claims-model.json); without it claims come from the rule patterns alone. */
  claims?: ClaimModel;
  /** Alias sets and nicknames of well-known entities (data/aliases.json). */
  aliases: AliasIndex;
  /** Nationality words the gazetteer lacks or gets wrong, to country names (data/demonyms.json). */
  demonyms: DemonymForms;
  /** Precision per kind of claim on PolNeAR train (data/claim-scores.json): each claim's score. Without it claims have none. */
  claimScores?: ClaimScoreTable;
  /** Cue frames learned from PolNeAR train (data/cue-frames.json, claims/learnedFrames.ts). Without it the lexicon's cues alone. */
  cueFrames?: CueFrameTable;
}
