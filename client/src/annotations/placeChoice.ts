import * as vscode from 'vscode';
import type { PlaceChoice } from '../../../common/annotations';
import type { EntityAtResult } from '../../../common/protocol';

/**
 * "Choose the place…" of Correct Detection: one of the place name's candidates, named by the command's
 * argument (a candidate's entity id, "name, division" or "name, country") or picked by the user.
 */
export async function choosePlace(hit: EntityAtResult, named?: string): Promise<PlaceChoice | undefined> {
  const places = hit.places;
  if (!places) throw new Error(`"${hit.mention.text}" is not a place name with several known places`);
  if (named !== undefined) {
    const place = findPlace(places.candidates, named);
    if (!place) throw new Error(`no place "${named}" among the places named ${hit.entity.name}`);
    return place;
  }
  const items = places.candidates.map((c, i) => ({
    label: c.name,
    description: [c.admin1 !== c.name ? c.admin1 : undefined, c.countryName ?? c.country, c.type].filter(Boolean).join(' · '),
    detail: detailOf(c, i === places.current),
    place: c,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: `The place "${hit.mention.text}" means`,
    matchOnDescription: true,
    placeHolder: 'Choose the place this document means',
  });
  return picked?.place;
}

/** The candidate named by an id or by "name, division" / "name, country" (case and spacing ignored). */
export function findPlace(candidates: readonly PlaceChoice[], named: string): PlaceChoice | undefined {
  const key = normal(named);
  return (
    candidates.find((c) => c.id !== undefined && normal(c.id) === key) ??
    candidates.find((c) => c.admin1 !== undefined && normal(`${c.name}, ${c.admin1}`) === key) ??
    candidates.find((c) => [c.countryName, c.country].some((n) => n !== undefined && normal(`${c.name}, ${n}`) === key))
  );
}

function normal(s: string): string {
  return s
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*,\s*/g, ', ')
    .trim();
}

function detailOf(c: PlaceChoice, current: boolean): string {
  const parts: string[] = [];
  if (current) parts.push('current');
  if (c.population) parts.push(`population ${c.population.toLocaleString('en-US')}`);
  if (c.lat !== undefined && c.lon !== undefined) parts.push(`${c.lat.toFixed(2)}, ${c.lon.toFixed(2)}`);
  return parts.join(' · ');
}
