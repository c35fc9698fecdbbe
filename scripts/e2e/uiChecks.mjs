// UI checks in the code-server workbench, driven by playwright-core: what a
// reader sees on screen (hover card, code lenses, Outline), with screenshots
// in test-results/ (and, with DOSSIER_E2E_UPDATE_DOCS=1, docs/*.png).
import fs from 'node:fs';
import path from 'node:path';

const SEED = '001_e776aff8290555f3.txt';
const NAME = 'Hakim al-Zamili';

/** Screen rectangle of the first occurrence of `needle` in the visible editor lines. */
export function textRect(needle) {
  for (const line of document.querySelectorAll('.editor-group-container.active .monaco-editor .view-lines .view-line')) {
    const text = line.textContent.replace(/\u00a0/g, ' '); // Monaco renders spaces as NBSP
    const at = text.indexOf(needle);
    if (at < 0) continue;
    // Walk the text nodes to the characters [at, at + needle.length).
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let seen = 0;
    let started = false;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const len = node.textContent.length;
      if (!started && at < seen + len) {
        range.setStart(node, at - seen);
        started = true;
      }
      if (started && at + needle.length <= seen + len) {
        range.setEnd(node, at + needle.length - seen);
        break;
      }
      seen += len;
    }
    const r = range.getBoundingClientRect();
    if (r.width > 0) return { x: r.x, y: r.y, width: r.width, height: r.height };
  }
  return null;
}

async function poll(fn, { timeout = 30_000, interval = 250, what }) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

export async function runUiChecks(page, { resultsDir, docsDir }) {
  page.setDefaultTimeout(30_000);
  const results = [];
  const shots = {};
  const shot = async (name, target = page) => {
    const file = path.join(resultsDir, `${name}.png`);
    await target.screenshot({ path: file });
    shots[name] = file;
  };
  const check = async (title, fn) => {
    const t0 = Date.now();
    try {
      await fn();
      results.push({ title, state: 'passed', duration: Date.now() - t0 });
    } catch (err) {
      results.push({ title, state: 'failed', duration: Date.now() - t0, error: err.message.split('\n').slice(0, 8).join('\n') });
      const slug = title
        .replace(/[^a-z0-9]+/gi, '-')
        .toLowerCase()
        .slice(0, 60);
      await page.screenshot({ path: path.join(resultsDir, `failed-${slug}.png`) }).catch(() => {});
    }
  };
  const editorPart = page.locator('.part.editor');
  const activeEditor = page.locator('.editor-group-container.active .monaco-editor').first();

  await check(`Quick Open (Ctrl+P) opens ${SEED} in an editor`, async () => {
    await page.locator('.part.statusbar').waitFor();
    // Keyboard focus into the workbench: an empty spot of the title bar (a
    // click in the editor would move the cursor of a restored editor).
    await page
      .locator('.part.titlebar')
      .click({ position: { x: 250, y: 12 } })
      .catch(() => editorPart.click({ position: { x: 400, y: 300 } }));
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible' });
    await page.keyboard.type(SEED.slice(0, 12));
    // Click the matching row: Enter would take whichever row is selected while the list still filters.
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: SEED }).first();
    await row.waitFor();
    await row.click();
    // The active group's tab: earlier suites may have left the same document open beside it.
    await page.locator('.editor-group-container.active .tabs-container .tab.active', { hasText: SEED }).waitFor();
    await activeEditor.locator('.view-line', { hasText: NAME }).first().waitFor();
  });

  await check('code lenses render above the claims', async () => {
    const lenses = activeEditor.locator('.codelens-decoration');
    const texts = await poll(
      async () => {
        const all = (await lenses.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
        return all.some((t) => t.includes(NAME)) ? all : null;
      },
      { what: `a code lens naming "${NAME}"` },
    );
    if (!texts.length) throw new Error('no code lens text');
    await shot('codelens', editorPart);
  });

  await check(`hovering "${NAME}" in the editor shows his hover card with the Mentions count`, async () => {
    // Word wrap is on, and a narrow editor group (earlier suites leave several open) can break the name across two
    // lines; then its first word, part of the same mention, is where to hover.
    const nameRect = async () => (await page.evaluate(textRect, NAME)) ?? (await page.evaluate(textRect, NAME.split(' ')[0]));
    let rect = await poll(nameRect, { what: `"${NAME}" on screen` });
    const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: NAME }).first();
    /** Move off the name and back onto it; the card's text once it shows, else ''. */
    const hoverOnce = async () => {
      // Measured each time: code lenses arriving above a line move the text down.
      rect = (await nameRect()) ?? rect;
      await page.mouse.move(rect.x - 40, rect.y + rect.height + 60);
      await page.mouse.move(rect.x + rect.width / 2, rect.y + rect.height / 2, { steps: 4 });
      return hover.waitFor({ timeout: 3000 }).then(
        () => hover.innerText(),
        () => '',
      );
    };
    let text = await poll(hoverOnce, { timeout: 30_000, interval: 100, what: `a .monaco-hover containing "${NAME}"` }).catch(
      async (err) => {
        const seen = await page
          .locator('.monaco-hover')
          .allInnerTexts()
          .catch(() => []);
        throw new Error(
          `${err.message}; mouse at ${JSON.stringify(rect)}; hovers on screen: ${JSON.stringify(seen.map((t) => t.slice(0, 120)))}`,
        );
      },
    );
    if (!/Mentions/.test(text)) throw new Error(`hover has no "Mentions" count: ${JSON.stringify(text.slice(0, 300))}`);
    // For the picture: the workspace is indexed in the background; give the
    // card a little while to show the other documents (not part of the check).
    const acrossDocs = (t) => /Mentions[^\n]*\b([2-9]|\d{2,}) documents/.test(t);
    text = await poll(
      async () => {
        const t = await hoverOnce();
        return acrossDocs(t) ? t : '';
      },
      { timeout: 30_000, interval: 1000, what: 'cross-document counts' },
    ).catch(() => text);
    console.log(`[e2e]   hover card: ${/Mentions[^\n]*/.exec(text)?.[0]}`);
    await shot('hover', editorPart);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
  });

  await check('the Outline view lists the groups Headline, Actors, Places and Claims', async () => {
    await page.keyboard.press('Control+Shift+E'); // Explorer
    // Fold the file list so that the Outline gets the height of the side bar.
    const folders = page.locator('.explorer-viewlet .pane-header', { hasText: /^workspace/i }).first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
    const header = page.locator('.pane-header', { hasText: /^outline/i }).first();
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const pane = page.locator('.pane', { has: header });
    const rows = pane.locator('.monaco-list-row');
    const want = ['Headline', 'Actors', 'Places', 'Claims'];
    const label = (row) =>
      row
        .locator('.label-name')
        .first()
        .innerText()
        .catch(() => '');
    await poll(
      async () => {
        const labels = await Promise.all((await rows.all()).map(label));
        return want.every((w) => labels.includes(w));
      },
      { what: `Outline rows ${want.join(', ')}` },
    ).catch(async (err) => {
      throw new Error(`${err.message}; rows: ${JSON.stringify(await rows.allInnerTexts().catch(() => []))}`);
    });
    // For the picture: open the "Actors" group.
    const actors = rows.filter({ has: page.locator('.label-name', { hasText: /^Actors$/ }) }).first();
    await poll(
      async () => {
        if ((await actors.getAttribute('aria-expanded')) === 'false') {
          await actors.click();
          if ((await actors.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('ArrowRight');
        }
        return rows.filter({ hasText: NAME }).first().isVisible();
      },
      { what: `"${NAME}" under Actors in the Outline` },
    );
    await page.mouse.move(5, 5);
    await shot('outline');
  });

  await check('the Dossier sidebar lists actors across the workspace, with documents under them', async () => {
    const item = page
      .locator('.part.activitybar .action-item a[aria-label^="Dossier"], .part.activitybar .action-label[aria-label^="Dossier"]')
      .first();
    await item.waitFor();
    await item.click();
    const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^actors/i }) }).first();
    await pane.waitFor();
    const rows = pane.locator('.monaco-list-row');
    const row = rows.filter({ hasText: NAME }).first();
    await poll(() => row.isVisible(), { what: `"${NAME}" in the Actors view` }).catch(async (err) => {
      throw new Error(`${err.message}; rows: ${JSON.stringify((await rows.allInnerTexts().catch(() => [])).slice(0, 10))}`);
    });
    // Expand him: his documents appear as children.
    await row.click();
    if ((await row.getAttribute('aria-expanded')) === 'false') await page.keyboard.press('ArrowRight');
    await poll(async () => (await rows.allInnerTexts()).some((t) => /\.txt/.test(t)), { what: 'document rows under the actor' });
    await page.mouse.move(5, 5);
    await shot('sidebar');
  });

  await viewChecks(page, { check, shot });

  if (docsDir && results.every((r) => r.state === 'passed')) {
    fs.mkdirSync(docsDir, { recursive: true });
    for (const [name, file] of Object.entries(shots)) fs.copyFileSync(file, path.join(docsDir, `${name}.png`));
  }
  return results;
}

/** Runs a command from the palette, checking that the first row is exactly it (the fuzzy match could run another). */
async function runCommand(page, title) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const first = page.locator('.quick-input-list .monaco-list-row').first();
  await poll(
    async () =>
      (
        await first
          .locator('.label-name')
          .innerText()
          .catch(() => '')
      ).trim() === title,
    { what: `"${title}" first in the command palette` },
  );
  await page.keyboard.press('Enter');
}

/** The frame of the webview whose page has `body[data-view=view]`. */
async function viewFrame(page, view) {
  return poll(
    async () => {
      for (const f of page.frames()) {
        if (
          await f
            .locator(`body[data-view="${view}"]`)
            .count()
            .catch(() => 0)
        )
          return f;
      }
      return null;
    },
    { what: `the ${view} webview` },
  );
}

/** Issue 13: the map and the network in the workbench, with their pictures for the README. */
async function viewChecks(page, { check, shot }) {
  await check('Dossier: Show Map draws at least 30 place markers; a marker lists its mentions', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Dossier: Show Map');
    const frame = await viewFrame(page, 'map');
    const markers = frame.locator('.marker[data-entity-id]');
    const n = await poll(
      async () => {
        const c = await markers.count();
        return c >= 30 ? c : 0;
      },
      { what: 'at least 30 markers' },
    );
    console.log(`[e2e]   map: ${n} markers`);
    await frame.locator('.marker[aria-label^="Baghdad,"]').first().dispatchEvent('click');
    await poll(async () => (await frame.locator('.mentions button').count()) > 0, { what: 'the mentions of Baghdad' });
    await page.mouse.move(5, 5);
    await shot('map');
  });

  await check('Dossier: Show Network draws at least 20 actors; a node lists its links and mentions', async () => {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'Dossier: Show Network');
    const frame = await viewFrame(page, 'network');
    const nodes = frame.locator('.node[data-entity-id]');
    const n = await poll(
      async () => {
        const c = await nodes.count();
        return c >= 20 ? c : 0;
      },
      { what: 'at least 20 nodes' },
    );
    await poll(async () => (await frame.locator('body[data-state="settled"]').count()) > 0, {
      timeout: 60_000,
      what: 'the layout to come to rest',
    });
    console.log(`[e2e]   network: ${n} nodes, ${await frame.locator('.edge').count()} edges`);
    await frame.locator('.node[aria-label^="Hakim al-Zamili,"]').first().dispatchEvent('click');
    await poll(async () => (await frame.locator('.mentions button').count()) > 0, { what: 'the mentions of Hakim al-Zamili' });
    await page.mouse.move(5, 5);
    await shot('network');
  });
}
