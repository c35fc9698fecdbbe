import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import claimScoreData from '../../data/claim-scores.json';
import cueFrameData from '../../data/cue-frames.json';
import aliasData from '../analysis/data/aliases.json';
import demonymData from '../analysis/data/demonyms.json';
import type { CueFrameTable } from '../analysis/claims/learnedFrames';
import type { ClaimScoreTable } from '../analysis/claims/score';
import { AliasIndex, type AliasData } from '../analysis/entities/aliasIndex';
import { demonymForms, type DemonymData, type DemonymForms } from '../analysis/entities/demonyms';
import { Gazetteer, type GazetteerData } from '../analysis/gazetteer';
import { unpackGazetteer } from '../analysis/gazetteerPack';
import { type ClaimModel, type ClaimModelFile, parseClaimModel } from '../analysis/claims/model';
import { loadTagger, loadTaggerBinary } from '../analysis/ner/model';
import type { Tagger } from '../analysis/ner';
import type { AnalysisResources } from '../analysis/resources';

/*
 * Finds and loads the engine's data files. Bundles run from dist/ (data in
 * dist/data); tests compiled by tsc run from out/..., so walk up to the repo.
 */

/** A folder with the gazetteer in either form: the build writes both, the .vsix ships only the binary (.vscodeignore). */
export function isDataDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'gazetteer.bin')) || fs.existsSync(path.join(dir, 'gazetteer.json'));
}

export function dataDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [path.join(dir, 'data'), path.join(dir, 'dist', 'data')]) {
      if (isDataDir(candidate)) return candidate;
    }
    dir = path.dirname(dir);
  }
  const fromCwd = path.join(process.cwd(), 'dist', 'data');
  if (isDataDir(fromCwd)) return fromCwd;
  throw new Error(`Dossier data files not found near ${__dirname}; run "npm run build" first`);
}

/** The claim score table is written by a script; a hand edit that breaks it should fail at load, not score claims NaN. */
const unit = z.number().min(0).max(1);
export const ClaimScoreSchema = z.object({
  precision: z.record(z.string(), unit),
  overall: unit,
  commentFactor: unit,
  articleFloor: unit,
});

/** The learned cue frames (scripts/trainCueFrames.ts): "word|frame" keys and their precision on PolNeAR train. */
export const CueFrameSchema = z.object({ frames: z.record(z.string().regex(/^[a-z][a-z'-]*\|(to|that|clause)$/), unit) });

let cached: AnalysisResources | undefined;
type EngineData = { aliases: AliasIndex; demonyms: DemonymForms; claimScores: ClaimScoreTable; cueFrames: CueFrameTable };
let cachedData: EngineData | undefined;

/**
 * The engine's small data files: alias sets and nicknames, extra demonyms,
 * the claims' precision per kind and the learned cue frames (written by `npm run train`).
 * They are bundled with the code (no file to find), and cheap, so a host that
 * needs only them (the workspace registry's nicknames) does not load the
 * gazetteer and the model.
 */
export function engineData(): EngineData {
  cachedData ??= {
    aliases: new AliasIndex(aliasData as AliasData),
    demonyms: demonymForms(demonymData as DemonymData),
    claimScores: ClaimScoreSchema.parse(claimScoreData) satisfies ClaimScoreTable,
    cueFrames: CueFrameSchema.parse(cueFrameData) satisfies CueFrameTable,
  };
  return cachedData;
}

let cachedClaims: ClaimModel | undefined;

/** The attribution tagger (data/claims-model.json), for hosts that build their own resources. */
export function loadClaimModel(): ClaimModel {
  if (cachedClaims) return cachedClaims;
  const file = path.join(dataDir(), 'claims-model.json');
  if (!fs.existsSync(file)) throw new Error(`Dossier's claims model is missing (${file}); run "npm run build"`);
  cachedClaims = parseClaimModel(JSON.parse(fs.readFileSync(file, 'utf8')) as ClaimModelFile);
  return cachedClaims;
}

let cachedBase: AnalysisResources | undefined;

/** Everything but the claims model: what training the claims model runs the rest of the engine with. */
export function loadResourcesWithoutClaims(): AnalysisResources {
  if (cachedBase) return cachedBase;
  const dir = dataDir();
  const gazetteer = loadGazetteer(dir);
  cachedBase = { gazetteer, tagger: loadNerModel(dir, gazetteer), ...engineData() };
  return cachedBase;
}

/**
 * The resources of a host that tags on another thread (the CLI's pipeline,
 * cli/pipelined.ts): the same as `loadResources`, except that the tagger
 * (a 1.7 MB model, decoded in tens of milliseconds) is loaded only if this
 * thread ever tags, which it does not when every document's names come
 * tagged from the other thread.
 */
export function loadResourcesTaggingElsewhere(): AnalysisResources {
  if (cached) return cached;
  const dir = dataDir();
  const gazetteer = loadGazetteer(dir);
  let tagger: Tagger | undefined;
  const onDemand: Tagger = { tag: (text, tokens, sentences) => (tagger ??= loadNerModel(dir, gazetteer)).tag(text, tokens, sentences) };
  const base: AnalysisResources = { gazetteer, tagger: onDemand, ...engineData() };
  return claimsModelEnabled() ? { ...base, claims: loadClaimModel() } : base;
}

/**
 * The binary form of a data file (`<name>.bin`, which the build derives from
 * `<name>.json`) when it is there and not older than the JSON: a fraction of
 * the JSON's load time, in every analysis thread. Null otherwise (a data
 * folder from before the binary forms, or a JSON file written since the
 * build, e.g. by training), and the JSON is read.
 */
function derivedBinary(dir: string, name: string): Buffer | null {
  const file = loadedForm(dir, name);
  return file.endsWith('.bin') ? fs.readFileSync(file) : null;
}

/**
 * The file a data file named `name` is loaded from: `<name>.bin` when it is
 * there and not older than `<name>.json`, else the JSON (which may be missing:
 * the loader then says so). The packaged extension has only the binary.
 */
export function loadedForm(dir: string, name: string): string {
  const bin = path.join(dir, `${name}.bin`);
  const json = path.join(dir, `${name}.json`);
  const binStat = fs.statSync(bin, { throwIfNoEntry: false });
  const jsonStat = fs.statSync(json, { throwIfNoEntry: false });
  return !binStat || (jsonStat && jsonStat.mtimeMs > binStat.mtimeMs) ? json : bin;
}

/** The gazetteer from gazetteer.bin (gazetteerPack.ts: name tables computed, cities as columns), else gazetteer.json. */
export function loadGazetteer(dir = dataDir()): Gazetteer {
  const bin = derivedBinary(dir, 'gazetteer');
  if (bin) {
    const { data, index } = unpackGazetteer(bin);
    return new Gazetteer(data, index);
  }
  return new Gazetteer(JSON.parse(fs.readFileSync(path.join(dir, 'gazetteer.json'), 'utf8')) as GazetteerData);
}

/** The tagger from ner-model.bin (modelPack.ts: the payload decoded), else ner-model.json. */
function loadNerModel(dir: string, gazetteer: Gazetteer): Tagger {
  const bin = derivedBinary(dir, 'ner-model');
  if (bin) return loadTaggerBinary(bin, gazetteer);
  const model = path.join(dir, 'ner-model.json');
  if (!fs.existsSync(model)) throw new Error(`Dossier's tagger model is missing (${model}); run "npm run build"`);
  return loadTagger(fs.readFileSync(model, 'utf8'), gazetteer);
}

/**
 * Whether hosts load the trained claims model: DOSSIER_CLAIMS_MODEL=1. Off by
 * default until it pays for its cost (README, Performance): without it the
 * claims come from the rule patterns, scored by the table alone.
 */
export function claimsModelEnabled(): boolean {
  return process.env.DOSSIER_CLAIMS_MODEL === '1';
}

export function loadResources(): AnalysisResources {
  if (cached) return cached;
  cached = claimsModelEnabled() ? { ...loadResourcesWithoutClaims(), claims: loadClaimModel() } : loadResourcesWithoutClaims();
  return cached;
}
