import * as assert from 'assert';
import { inMemoryWorkspace, NEVER, withCursor } from '../lsp/inMemory';

const URI = 'file:///ws/paris.txt';

/** The hover's text at the CURSOR of a one-document workspace. */
async function hoverAt(marked: string): Promise<string> {
  const { text, position } = withCursor(marked);
  const ws = await inMemoryWorkspace({ [URI]: text });
  const h = await ws.service.hover({ textDocument: { uri: URI }, position }, NEVER);
  assert.ok(h, 'a hover');
  return (h.contents as { value: string }).value;
}

describe('place hover (in memory)', function () {
  this.timeout(30_000);

  it('shows the place the text means: name, division, country, coordinates with an OpenStreetMap link, and the other places of the name', async () => {
    const value = await hoverAt('The fair opened in Pa$$CURSOR$$ris, Texas, on Saturday, officials said.\n');
    const lines = value.split('\n\n');
    assert.strictEqual(lines[1], 'Place: **Paris** · Texas');
    assert.strictEqual(lines[2], 'Country: United States');
    const coords = /^Coordinates: (33\.\d{4}), (-95\.\d{4}) · \[OpenStreetMap\]\((.*)\)$/.exec(lines[3]);
    assert.ok(coords, lines[3]);
    assert.strictEqual(coords[3], `https://www.openstreetmap.org/?mlat=${coords[1]}&mlon=${coords[2]}#map=10/${coords[1]}/${coords[2]}`);
    assert.ok(
      lines.some((l) => /^\d+ other places with this name$/.test(l)),
      value,
    );
  });

  it('a name with one known place says nothing about other places', async () => {
    const value = await hoverAt('Officials in Mo$$CURSOR$$sul said the road was closed.\n');
    assert.match(value, /^Place: \*\*Mosul\*\*/m);
    assert.match(value, /^Country: Iraq$/m);
    assert.doesNotMatch(value, /other place/);
  });
});
