import * as vscode from 'vscode';
import { z } from 'zod';
import type { EntityNode } from './entityTree';
import type { OverviewModel } from './overviewModel';

const args = z.object({ id: z.string().min(1), name: z.string(), kind: z.enum(['actor', 'place']) });

/**
 * `_dossier.revealEntity` (from the network and map views): selects and
 * expands the entity in the Actors or Places view. When the sidebar's list
 * does not hold it (a filter, or beyond the most mentioned), the filter is set
 * to its name first.
 */
export async function revealEntity(
  views: Record<'actor' | 'place', vscode.TreeView<EntityNode>>,
  model: OverviewModel,
  raw: unknown,
): Promise<boolean> {
  const parsed = args.safeParse(raw);
  if (!parsed.success) return false;
  const { id, name, kind } = parsed.data;
  const find = () => model.data.entities.find((e) => e.id === id && e.kind === kind);
  if (!find() && name) await model.setFilter(name);
  const entity = find();
  if (!entity) return false;
  await views[kind].reveal({ kind: 'entity', entity }, { select: true, focus: false, expand: true });
  return true;
}
