import type { EntityType } from '../types';
import { cleanSurface, foldName } from './names';

/*
 * Alias data of widely known entities whose names share no spelling (Daesh =
 * ISIS, Britain = United Kingdom) and common English nicknames. The data
 * (analysis/data/aliases.json) is loaded by the host and comes in through
 * AnalysisResources.
 */

export interface AliasEntity {
  id: string;
  name: string;
  type: EntityType;
  /** Gazetteer name whose facts the entity carries. */
  place?: string;
  aliases: string[];
}

/** The shape of aliases.json. */
export interface AliasData {
  entities: AliasEntity[];
  givenNames: string[][];
}

/** Alias data of well-known entities, indexed once per process. */
export class AliasIndex {
  private readonly exact = new Map<string, AliasEntity>();
  private readonly folded = new Map<string, AliasEntity>();
  readonly nicknames = new Map<string, string>();
  readonly entities: readonly AliasEntity[];

  constructor(data: AliasData) {
    this.entities = data.entities;
    for (const e of data.entities) {
      for (const a of [e.name, ...e.aliases]) {
        const surface = cleanSurface(a);
        // Short capitalised aliases ("IS", "US", "AP") are common words in lower case.
        if (/^[\p{Lu}.]+$/u.test(surface) && surface.replace(/\./g, '').length <= 4) {
          if (!this.exact.has(surface)) this.exact.set(surface, e);
        } else {
          const key = foldName(surface);
          if (!this.folded.has(key)) this.folded.set(key, e);
        }
      }
    }
    for (const group of data.givenNames) {
      for (const n of group) if (!this.nicknames.has(n)) this.nicknames.set(n, group[0]);
    }
  }

  lookup(surface: string): AliasEntity | undefined {
    return this.exact.get(surface) ?? this.folded.get(foldName(surface));
  }
}
