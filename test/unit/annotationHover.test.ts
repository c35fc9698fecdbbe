import * as assert from 'assert';
import MarkdownIt from 'markdown-it';
import type { Annotation } from '../../common/annotations';
import { annotationHoverHeader } from '../../client/src/annotations/hoverText';
import { passage } from './sidecarFixtures';

/*
 * The hover over an annotated passage shows the entity's name and the tags
 * from the sidecar. A sidecar from a `git pull` or an import can hold any
 * name: it must read as text, never load an image or make a link.
 */
describe('annotation hover', () => {
  const md = new MarkdownIt({ html: true, linkify: true });
  const hostile =
    'Evil) ![pixel](https://evil.example/p.png) [run](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> *x* www.evil.example';

  it('shows a hostile entity name as text', () => {
    const base = passage(0, 5, ['tag']);
    const a: Annotation = { ...base, kind: 'entity-tag', entity: { id: 'evil', name: hostile, type: 'person' } };
    const html = md.render(annotationHoverHeader(a));
    assert.doesNotMatch(html, /<(img|a|em)\b/, html);
    assert.ok(html.includes('Evil) ![pixel](https://evil.example/p.png)'), html);
  });

  it('shows tags as code, a backtick in one included', () => {
    const html = md.render(annotationHoverHeader(passage(0, 5, ['a`b <i>x</i>', '[l](https://e.example)'])));
    assert.doesNotMatch(html, /<(img|a|i)\b/, html);
    assert.match(html, /<code>a'b &lt;i&gt;x&lt;\/i&gt;<\/code>/);
  });
});
