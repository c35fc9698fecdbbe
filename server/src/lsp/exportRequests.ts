import { z } from 'zod';
import { annotationSchema } from '../../../common/annotations';
import type { ExportAnnotationsParams, ImportedAnnotation } from '../../../common/protocol';
import { EXPORT_FORMATS, renderExport } from '../workspace/export';
import { parseW3c } from '../workspace/export/w3c';

const exportParamsSchema = z.object({
  format: z.enum(EXPORT_FORMATS),
  documents: z.array(z.object({ uri: z.string(), name: z.string(), text: z.string(), annotations: z.array(annotationSchema) })),
});

/** `dossier/exportAnnotations`: the params crossed a process boundary, so they are validated first. */
export function exportAnnotations(params: ExportAnnotationsParams): { content: string } {
  const parsed = exportParamsSchema.safeParse(params);
  if (!parsed.success) throw new Error(`invalid export request: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
  return { content: renderExport(parsed.data.format, parsed.data.documents) };
}

/** `dossier/importAnnotations`: parses the text of a W3C JSON-LD file. */
export function importAnnotations(params: { content: string }): { annotations: ImportedAnnotation[]; skipped: number } {
  if (typeof params?.content !== 'string') throw new Error('invalid import request: content must be a string');
  let json: unknown;
  try {
    json = JSON.parse(params.content);
  } catch (err) {
    throw new Error(`not valid JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  return parseW3c(json);
}
