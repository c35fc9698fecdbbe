import type { Annotation } from '../../../common/annotations';
import { escapeMarkdown } from '../../../common/markdownText';

/*
 * The Markdown of the hover over an annotated passage, without `vscode`. The
 * entity's name and the tags come from the sidecar, which a `git pull` or an
 * import may have written: they are shown as text, never as links, images or
 * markup.
 */

/** The hover's first lines: what the annotation is, and its tags as code spans. */
export function annotationHoverHeader(a: Annotation): string {
  const what =
    a.kind === 'passage'
      ? 'tagged passage'
      : a.kind === 'entity-tag'
        ? `entity tag (${escapeMarkdown(a.entity.name)})`
        : `correction: ${a.correction.action}`;
  const tags = a.body.tags.length ? `\n\nTags: ${a.body.tags.map((t) => `\`${t.replace(/`/g, "'")}\``).join(' ')}` : '';
  return `**Dossier** · ${what}${tags}`;
}
