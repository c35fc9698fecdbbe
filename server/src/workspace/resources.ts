import * as fs from 'fs';
import * as path from 'path';
import aliasData from '../analysis/data/aliases.json';
import demonymData from '../analysis/data/demonyms.json';
import { AliasIndex, type AliasData } from '../analysis/entities/aliasIndex';
import { demonymForms, type DemonymData, type DemonymForms } from '../analysis/entities/demonyms';
import { Gazetteer, type GazetteerData } from '../analysis/gazetteer';
import { type ClaimModel, type ClaimModelFile, parseClaimModel } from '../analysis/claims/model';
import { loadTagger } from '../analysis/ner/model';
import type { AnalysisResources } from '../analysis/resources';

/*
 * Finds and loads the engine's data files. Bundles run from dist/ (data in
 * dist/data); tests compiled by tsc run from out/..., so walk up to the repo.
 */

export function dataDir(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    for (const candidate of [path.join(dir, 'data'), path.join(dir, 'dist', 'data')]) {
      if (fs.existsSync(path.join(candidate, 'gazetteer.json'))) return candidate;
    }
    dir = path.dirname(dir);
  }
  const fromCwd = path.join(process.cwd(), 'dist', 'data');
  if (fs.existsSync(path.join(fromCwd, 'gazetteer.json'))) return fromCwd;
  throw new Error(`Dossier data files not found near ${__dirname}; run "npm run build" first`);
}

let cached: AnalysisResources | undefined;
let cachedData: { aliases: AliasIndex; demonyms: DemonymForms } | undefined;

/**
 * The engine's small data files: alias sets and nicknames, extra demonyms.
 * They are bundled with the code (no file to find), and cheap, so a host that
 * needs only them (the workspace registry's nicknames) does not load the
 * gazetteer and the model.
 */
export function engineData(): { aliases: AliasIndex; demonyms: DemonymForms } {
  cachedData ??= { aliases: new AliasIndex(aliasData as AliasData), demonyms: demonymForms(demonymData as DemonymData) };
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

export function loadResources(): AnalysisResources {
  if (cached) return cached;
  const dir = dataDir();
  const gazetteer = new Gazetteer(JSON.parse(fs.readFileSync(path.join(dir, 'gazetteer.json'), 'utf8')) as GazetteerData);
  const model = path.join(dir, 'ner-model.json');
  if (!fs.existsSync(model)) throw new Error(`Dossier's tagger model is missing (${model}); run "npm run build"`);
  cached = { gazetteer, tagger: loadTagger(fs.readFileSync(model, 'utf8'), gazetteer), claims: loadClaimModel(), ...engineData() };
  return cached;
}
