import * as assert from 'assert';
import { quoteSelectors } from '../../common/anchoring';
import { textHash, type Annotation, type PlaceChoice } from '../../common/annotations';
import { toCsv, type ExportDocument } from '../../server/src/workspace/export';

const TEXT = 'Officials in Paris said the storm damaged dozens of homes.';

function choosePlace(id: string, place: PlaceChoice): Annotation {
  const start = TEXT.indexOf('Paris');
  const q = quoteSelectors(TEXT, start, start + 'Paris'.length);
  return {
    id,
    created: '2024-05-01T10:00:00.000Z',
    modified: '2024-05-01T10:00:00.000Z',
    kind: 'correction',
    entity: { id: 'paris', name: 'Paris', type: 'city' },
    correction: { action: 'choose-place', place },
    target: {
      position: { type: 'TextPositionSelector', start: q.start, end: q.end },
      quote: { type: 'TextQuoteSelector', exact: q.exact, prefix: q.prefix, suffix: q.suffix },
      hash: textHash(TEXT),
    },
    body: { tags: [] },
  };
}

describe('CSV export of a choose-place correction', () => {
  it('names the chosen place, its division and its country', () => {
    const doc: ExportDocument = {
      uri: 'file:///ws/doc.txt',
      name: 'doc.txt',
      text: TEXT,
      annotations: [
        choosePlace('33333333-3333-4333-8333-333333333333', {
          id: 'paris-texas',
          type: 'city',
          name: 'Paris',
          country: 'US',
          countryName: 'United States',
          admin1: 'Texas',
          lat: 33.66,
          lon: -95.56,
        }),
        choosePlace('44444444-4444-4444-8444-444444444444', { type: 'region', name: 'Georgia', country: 'US', admin1: 'Georgia' }),
      ],
    };
    const rows = toCsv([doc]).split('\r\n');
    assert.ok(rows[1].includes(',"choose-place:Paris, Texas, United States",'), rows[1]);
    assert.ok(rows[2].includes(',"choose-place:Georgia, US",'), rows[2]);
  });
});
