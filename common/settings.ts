import { z } from 'zod';

/**
 * The single source of truth for `dossier.*` settings: types and defaults come
 * from here, and a unit test checks package.json's contributes.configuration
 * against it.
 */
export const settingsSchema = z.object({
  include: z.array(z.string()).default(['**/*.txt']),
  exclude: z.array(z.string()).default(['**/node_modules/**', '**/.git/**']),
  maxFileSizeMB: z.number().positive().default(50),
  codeLens: z
    .object({
      enabled: z.boolean().default(true),
      claims: z.boolean().default(true),
      tags: z.boolean().default(true),
    })
    .default({}),
  claims: z
    .object({
      // Article claims are floored at 0.5 (claims/score.ts), so this default hides none of them: it hides reader-comment
      // claims below it. Raising it trades recall for precision (README, Evaluation: the confidence table).
      minConfidence: z.number().min(0).max(1).default(0.5),
      // Reader comments are opinion by default and have no gold: stricter by design (a hand check of the samples'
      // comment claims found the ones between 0.5 and 0.7 half noise).
      minConfidenceInComments: z.number().min(0).max(1).default(0.7),
      // Read by the client, which restarts the server with it: the model is chosen when resources load.
      trainedModel: z.boolean().default(false),
    })
    .default({}),
});

export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = settingsSchema.parse({});

/** Parses raw configuration; invalid input yields the defaults plus the problems found. */
export function parseSettings(raw: unknown): { settings: Settings; problems: string[] } {
  const result = settingsSchema.safeParse(raw ?? {});
  if (result.success) return { settings: result.data, problems: [] };
  return {
    settings: defaultSettings,
    problems: result.error.issues.map((i) => `dossier.${i.path.join('.')}: ${i.message}`),
  };
}
