import * as assert from 'assert';
import { defaultSettings } from '../../../common/settings';
import type { DocumentAnalysis } from '../../../server/src/analysis/types';
import { codeLenses } from '../../../server/src/lsp/features/codeLens';
import { context, emptyAnalysis, indexedDocument, passage, placed } from './synthetic';

/**
 * What VS Code makes of a code lens title (renderLabelWithIcons in
 * src/vs/base/browser/ui/iconLabel/iconLabels.ts): `$(name)` becomes a
 * codicon, `\$(name)` the literal text `$(name)`.
 */
function render(title: string): { icons: string[]; text: string } {
  const icons: string[] = [];
  const text = title.replace(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g, (_m, escaped: string | undefined, name: string) => {
    if (escaped) return `$(${name})`;
    icons.push(name);
    return '';
  });
  return { icons, text };
}

const TEXT = 'Ministry says $(bug)"all is well" $(check).\n';

function analysis(): DocumentAnalysis {
  const cue = TEXT.indexOf('says');
  return {
    ...emptyAnalysis(TEXT),
    claims: [
      {
        start: TEXT.indexOf('"'),
        end: TEXT.lastIndexOf('"') + 1,
        text: '"all is well"',
        cue: { start: cue, end: cue + 4, text: 'says' },
        source: { start: 0, end: 8, text: '$(bug)Ministry' },
        speaker: null,
        hedges: ['$(warning)'],
        section: 'comments',
        handle: '$(bug)evil \\$(x) $(no icon)',
        form: 'direct',
      },
    ],
  };
}

describe('code lens titles and codicon syntax', () => {
  const doc = indexedDocument('file:///ws/icons.txt', TEXT, analysis());

  it('a claim lens shows handles, sources and hedges from the text as text, not as icons', () => {
    const [lens] = codeLenses(doc, defaultSettings, context());
    const { icons, text } = render(lens.command!.title);
    assert.deepStrictEqual(icons, ['comment-discussion']);
    assert.match(text, /^ \$\(bug\)Ministry · says · hedged: \$\(warning\) · comment by \$\(bug\)evil \\\$\(x\) \$\(no icon\)$/);
  });

  it('a tag lens shows tags and notes from the user as text, not as icons', () => {
    const start = TEXT.indexOf('all');
    const annotation = passage(1, TEXT, start, start + 3, { tags: ['$(flame)hot'], note: 'see $(link-external)' });
    const lenses = codeLenses(
      doc,
      { ...defaultSettings, codeLens: { ...defaultSettings.codeLens, claims: false } },
      context({ annotations: [placed(annotation)] }),
    );
    const { icons, text } = render(lenses[0].command!.title);
    assert.deepStrictEqual(icons, ['tag', 'note']);
    assert.strictEqual(text, ' $(flame)hot ·  see $(link-external)');
  });
});
