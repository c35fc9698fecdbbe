import * as assert from 'assert';
import { analyzeDocument } from '../../server/src/analysis/pipeline';
import { loadResources } from '../../server/src/workspace/resources';

describe('demonyms', () => {
  it('links nationality words to their country', () => {
    const a = analyzeDocument('Iraqi and Turkish officials met American envoys.', loadResources());
    assert.deepStrictEqual(
      a.demonyms.map((d) => [d.text, d.countryId]),
      [
        ['Iraqi', 'iraq'],
        ['Turkish', 'turkey'],
        ['American', 'united-states'],
      ],
    );
  });

  it('treats words that name members of Object.prototype as plain words', () => {
    const text = 'The Constructor arrived. ToString, ValueOf, HasOwnProperty and IsPrototypeOf followed.';
    const a = analyzeDocument(text, loadResources());
    assert.deepStrictEqual(a.demonyms, []);
  });
});
