import { z } from 'zod';
import type { FromWebview } from '../../webview/shared/messages';

/*
 * What a webview posts is checked before the extension acts on it (opening a
 * document, sending a request): the page shows document text, so it is
 * treated as untrusted.
 */

const position = z.object({ line: z.number().int().min(0), character: z.number().int().min(0) });
const scope = z.enum(['document', 'open', 'workspace']);
const filter = z.object({
  text: z.string().max(200).optional(),
  minMentions: z.number().int().min(1).max(1_000_000).optional(),
  topN: z.number().int().min(1).max(10_000).optional(),
});

const schema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('scope'), scope, follow: z.boolean() }),
  z.object({ type: z.literal('filter'), filter }),
  z.object({ type: z.literal('mentions'), requestId: z.number().int(), id: z.string().min(1).max(1000) }),
  z.object({
    type: z.literal('evidence'),
    requestId: z.number().int(),
    kind: z.enum(['cooccurrence', 'claim']),
    source: z.string().min(1).max(1000),
    target: z.string().min(1).max(1000),
  }),
  z.object({ type: z.literal('open'), uri: z.string().min(1), range: z.object({ start: position, end: position }) }),
  z.object({ type: z.literal('reveal'), id: z.string().min(1).max(1000), name: z.string().max(1000) }),
  z.object({
    type: z.literal('probeResult'),
    id: z.number().int(),
    count: z.number().int(),
    labels: z.array(z.string()),
    rendered: z.boolean(),
    settled: z.boolean(),
  }),
  z.object({ type: z.literal('clickResult'), id: z.number().int(), ok: z.boolean() }),
]);

export function parseMessage(raw: unknown): FromWebview | null {
  const parsed = schema.safeParse(raw);
  return parsed.success ? (parsed.data as FromWebview) : null;
}
