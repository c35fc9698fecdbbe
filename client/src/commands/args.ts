import * as vscode from 'vscode';
import { z } from 'zod';
import { entityTypeSchema } from '../../../common/annotations';
import type { CorrectionArgs, TagArgs } from '../annotations/commands';
import type { ExportArgs, ImportArgs } from '../annotations/exchange';

/*
 * Command arguments come from outside (tests, lenses, keybindings with args,
 * other extensions), so they are validated.
 */

const uriArg = z.union([z.string().min(1), z.custom<vscode.Uri>((v) => v instanceof vscode.Uri, 'expected a URI')]);
const tagArgs = z.object({ tags: z.array(z.string()).optional(), note: z.string().optional() }).optional();
const correctionArgs = z
  .object({
    action: z.enum(['not-entity', 'change-type', 'merge', 'split', 'choose-place']).optional(),
    type: entityTypeSchema.optional(),
    into: z.string().optional(),
    place: z.string().optional(),
  })
  .optional();
const exportArgs = z
  .object({
    format: z.enum(['w3c', 'csv', 'brat']).optional(),
    target: uriArg.optional(),
    scope: z.enum(['document', 'workspace']).optional(),
  })
  .optional();
const importArgs = z.object({ file: uriArg.optional() }).optional();

function validArgs<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(
      `invalid command arguments: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(argument)'}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
}

export const asTagArgs = (v: unknown) => validArgs<TagArgs | undefined>(tagArgs, v);
export const asCorrectionArgs = (v: unknown) => validArgs<CorrectionArgs | undefined>(correctionArgs, v);
export const asExportArgs = (v: unknown) => validArgs<ExportArgs | undefined>(exportArgs, v);
export const asImportArgs = (v: unknown) => validArgs<ImportArgs | undefined>(importArgs, v);

export function isPosition(p: unknown): p is { line: number; character: number } {
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof (p as { line: unknown }).line === 'number' &&
    typeof (p as { character: unknown }).character === 'number'
  );
}
