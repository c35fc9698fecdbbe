import { randomUUID } from 'crypto';
import type { Annotation } from '../../common/annotations';

/* Shared by the sidecar store's tests and the worker of the multi-process test. */

export const TEXT = 'The minister said on Monday that the bridge would reopen.';

/** A passage annotation of `text`[start, end) with one or more tags. */
export function passage(start: number, end: number, tags: string[], text = TEXT): Annotation {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    created: now,
    modified: now,
    kind: 'passage',
    target: {
      position: { type: 'TextPositionSelector', start, end },
      quote: { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: '', suffix: '' },
      hash: '',
    },
    body: { tags },
  };
}

/** The first tag of each annotation, sorted: a readable fingerprint of a set of annotations. */
export const tagsOf = (anns: readonly Annotation[]): string[] => anns.map((x) => x.body.tags[0]).sort();
