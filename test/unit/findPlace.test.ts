import * as assert from 'assert';
import type { PlaceChoice } from '../../common/annotations';
import { installFakeVscode } from './fakeVscode';

/* "Choose the place…" with an argument: the client finds the candidate by id, "name, division" or "name, country". */

type PlaceChoiceModule = typeof import('../../client/src/annotations/placeChoice');

describe("client findPlace (Correct Detection's choose the place…)", () => {
  let findPlace: PlaceChoiceModule['findPlace'];
  let uninstall: () => void;
  before(() => {
    uninstall = installFakeVscode();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    findPlace = (require('../../client/src/annotations/placeChoice') as PlaceChoiceModule).findPlace;
  });
  after(() => uninstall());

  const candidates: PlaceChoice[] = [
    { id: 'paris', type: 'city', name: 'Paris', country: 'FR', countryName: 'France', admin1: 'Île-de-France' },
    { id: 'paris-texas', type: 'city', name: 'Paris', country: 'US', countryName: 'United States', admin1: 'Texas' },
    { id: 'paris-tennessee', type: 'city', name: 'Paris', country: 'US', countryName: 'United States', admin1: 'Tennessee' },
  ];

  it('finds a candidate by its entity id', () => {
    assert.strictEqual(findPlace(candidates, 'paris-texas'), candidates[1]);
    assert.strictEqual(findPlace(candidates, 'paris'), candidates[0]);
  });

  it('finds a candidate by "name, division", ignoring case and spacing', () => {
    assert.strictEqual(findPlace(candidates, 'paris ,  TENNESSEE'), candidates[2]);
  });

  it('finds a candidate by "name, country" (name or code); the first of several in one country', () => {
    assert.strictEqual(findPlace(candidates, 'Paris, France'), candidates[0]);
    assert.strictEqual(findPlace(candidates, 'Paris, FR'), candidates[0]);
    assert.strictEqual(findPlace(candidates, 'Paris, United States'), candidates[1]);
  });

  it('finds nothing for a place that is not a candidate', () => {
    assert.strictEqual(findPlace(candidates, 'Paris, Ontario'), undefined);
    assert.strictEqual(findPlace(candidates, 'London'), undefined);
  });
});
