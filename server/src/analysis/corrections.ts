import {
  kindOf,
  type DocumentAnalysis,
  type EntityCluster,
  type EntityMention,
  type EntityType,
  type PlaceCandidate,
  type PlaceFacts,
  type ResolvedPlace,
  type Span,
} from './types';

/**
 * The user's corrections of the detector, already anchored to the current
 * text (the server resolves the stored annotations first). Declared here,
 * not taken from the sidecar schema, so that the engine stays independent of
 * the storage format.
 */
export type ResolvedCorrection = Span &
  (
    | { action: 'not-entity' }
    | { action: 'change-type'; type: EntityType }
    | { action: 'merge'; into: { id: string; name: string } }
    | { action: 'split' }
    | { action: 'choose-place'; place: ChosenPlace }
  );

/** The place the user chose for a name: one of its candidates, as stored (the id may be missing). */
export type ChosenPlace = Omit<PlaceCandidate, 'id'> & { id?: string };

/**
 * The analysis with the user's corrections applied, in the order given (the
 * order they were made). Pure: the input is not modified. A correction whose
 * mention the detector no longer finds is skipped: the user's decision stays
 * stored and applies again if the detector finds the mention later.
 */
export function applyCorrections(analysis: DocumentAnalysis, corrections: readonly ResolvedCorrection[]): DocumentAnalysis {
  if (!corrections.length) return analysis;
  let mentions: EntityMention[] = analysis.mentions.map((m) => ({ ...m }));
  let entities: EntityCluster[] = analysis.entities.map((e) => ({
    ...e,
    aliases: [...e.aliases],
    mentions: [...e.mentions],
    descriptions: [...e.descriptions],
  }));
  let claims = analysis.claims;
  const renameSpeaker = (from: string, to: string) => {
    claims = claims.map((c) => (c.speaker === from ? { ...c, speaker: to } : c));
  };

  for (const c of corrections) {
    const m = mentionAt(mentions, c);
    if (m < 0) continue;
    const owner = entities.findIndex((e) => e.mentions.includes(m));
    if (owner < 0) continue;
    const entity = entities[owner];
    switch (c.action) {
      case 'not-entity': {
        // Drop the mention and renumber the indices that follow it.
        mentions = mentions.filter((_, i) => i !== m);
        entities = entities
          .map((e) => ({ ...e, mentions: e.mentions.filter((i) => i !== m).map((i) => (i > m ? i - 1 : i)) }))
          .filter((e) => e.mentions.length > 0);
        if (!entities.some((e) => e.id === entity.id))
          claims = claims.map((cl) => (cl.speaker === entity.id ? { ...cl, speaker: null } : cl));
        break;
      }
      case 'change-type': {
        const kind = kindOf(c.type);
        entities[owner] = { ...entity, type: c.type, kind };
        for (const i of entity.mentions) mentions[i] = { ...mentions[i], type: c.type, kind };
        break;
      }
      case 'merge': {
        const into = findEntity(entities, c.into);
        if (into < 0 || into === owner) break;
        const target = entities[into];
        const merged: EntityCluster = {
          ...target,
          aliases: [...new Set([...target.aliases, ...entity.aliases])],
          mentions: [...target.mentions, ...entity.mentions].sort((x, y) => mentions[x].start - mentions[y].start),
          descriptions: [...target.descriptions, ...entity.descriptions].sort((x, y) => x.start - y.start),
        };
        for (const i of entity.mentions) mentions[i] = { ...mentions[i], id: target.id, type: target.type, kind: target.kind };
        entities[into] = merged;
        entities = entities.filter((_, i) => i !== owner);
        renameSpeaker(entity.id, target.id);
        break;
      }
      case 'split': {
        if (entity.mentions.length < 2) break;
        const mention = mentions[m];
        let id = slug(mention.text) || `${entity.id}-split`;
        while (entities.some((e) => e.id === id)) id += '-split';
        mentions[m] = { ...mention, id };
        entities[owner] = { ...entity, mentions: entity.mentions.filter((i) => i !== m) };
        entities.push({
          id,
          canonical: mention.text,
          kind: mention.kind,
          type: mention.type,
          aliases: [mention.text],
          mentions: [m],
          descriptions: [],
        });
        break;
      }
      case 'choose-place': {
        if (entity.kind !== 'place') break;
        const chosen = choosePlace(entity, c.place, (id) => entities.some((e, i) => i !== owner && e.id === id));
        entities[owner] = chosen;
        for (const i of entity.mentions) mentions[i] = { ...mentions[i], id: chosen.id, type: chosen.type, kind: 'place' };
        if (chosen.id !== entity.id) renameSpeaker(entity.id, chosen.id);
        break;
      }
    }
  }
  return { ...analysis, mentions, entities, claims };
}

/**
 * The place entity as the chosen place: its type, resolved place, facts and the id the engine gives that
 * reading (made unique in the document), so that hover, JSON, map and the workspace see the same place.
 */
function choosePlace(entity: EntityCluster, p: ChosenPlace, taken: (id: string) => boolean): EntityCluster {
  let id = p.id ?? entity.id;
  if (id !== entity.id && taken(id)) id = `${id}-${p.type}`;
  while (id !== entity.id && taken(id)) id += '-place';
  const place: ResolvedPlace = {
    name: p.name,
    country: p.country,
    alternatives: entity.place?.alternatives ?? Math.max(0, (entity.placeCandidates?.length ?? 1) - 1),
  };
  const facts: PlaceFacts = { countryCode: p.country };
  const country = p.countryName ?? (entity.facts?.countryCode === p.country ? entity.facts.country : undefined);
  if (country !== undefined) facts.country = country;
  if (p.admin1 !== undefined) {
    place.admin1 = p.admin1;
    // A division's admin1 is its own name: facts name the division a place lies in.
    if (p.type !== 'region') facts.admin1 = p.admin1;
  }
  if (p.lat !== undefined && p.lon !== undefined) {
    place.lat = facts.lat = p.lat;
    place.lon = facts.lon = p.lon;
  }
  if (p.population) place.population = facts.population = p.population;
  return { ...entity, id, type: p.type, kind: 'place', place, facts };
}

/** The mention at the span: an exact match, else the one overlapping it most. */
function mentionAt(mentions: readonly EntityMention[], span: Span): number {
  let best = -1;
  let bestOverlap = 0;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (m.start === span.start && m.end === span.end) return i;
    const overlap = Math.min(m.end, span.end) - Math.max(m.start, span.start);
    if (overlap > bestOverlap) {
      best = i;
      bestOverlap = overlap;
    }
  }
  return best;
}

function findEntity(entities: readonly EntityCluster[], ref: { id: string; name: string }): number {
  const byId = entities.findIndex((e) => e.id === ref.id);
  if (byId >= 0) return byId;
  const name = ref.name.toLowerCase();
  return entities.findIndex((e) => e.canonical.toLowerCase() === name || e.aliases.some((a) => a.toLowerCase() === name));
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
