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
      // 0.5 hides what the detector itself rates below even odds (chosen on PolNeAR dev; README, Evaluation).
      minConfidence: z.number().min(0).max(1).default(0.5),
      // Reader comments are opinion by default: a claim there needs a clearer cue to be shown.
      minConfidenceInComments: z.number().min(0).max(1).default(0.7),
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
