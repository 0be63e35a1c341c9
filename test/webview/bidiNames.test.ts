// A model folder named "spoof<U+202E>txt.exe": the override reversed the tree row's accuracy
// ("spoof % 00.001exe.txt"). Bidi control characters are written out as ⟨U+XXXX⟩ by one function —
// in plainText (every tree label, tooltip, notification and quick pick) and in the three pages.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { showBidiControls } from '../../src/protocol/bidiControls';
import { plainText } from '../../src/extension/ui/untrustedText';
import { post, startHarness, type Harness } from './pageHarness';
import { startCompareHarness } from './compareHarness';
import { sampleView } from './sampleView';
import { sweepRows } from './compareRows';
import { startTuneHarness, tuneView } from './tuneView';

const SPOOF = 'spoof\u202Etxt.exe';
const SHOWN = 'spoof⟨U+202E⟩txt.exe';
const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const ANY_CONTROL = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

test('every bidi control character is written out as ⟨U+XXXX⟩; other text is left as it is', () => {
  assert.equal(showBidiControls(SPOOF), SHOWN);
  for (const c of CONTROLS) {
    const shown = showBidiControls(`a${c}b`);
    assert.equal(shown, `a⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩b`);
    assert.doesNotMatch(shown, ANY_CONTROL);
  }
  assert.equal(showBidiControls('⟨U+061C⟩'), '⟨U+061C⟩');
  for (const plain of ['iris-C1-gscale-s2023', 'عربي', 'שלום', 'zero\u200Bwidth', '']) assert.equal(showBidiControls(plain), plain);
});

test('plainText (tree rows, tooltips, notifications, quick picks) shows them too, so "100.00 %" after a name reads as it is', () => {
  assert.equal(plainText(`${SPOOF} 100.00 %`), `${SHOWN} 100.00 %`);
  assert.equal(plainText(`Delete model "${SPOOF}"?`), `Delete model "${SHOWN}"?`);
});

describe('pages show a model name with bidi controls written out', () => {
  const harnesses: Harness[] = [];
  const noControlIn = async (page: import('playwright-core').Page) => {
    const text = await page.evaluate(() => document.body.innerText + [...document.querySelectorAll('[title],[aria-label]')].map((e) => `${e.getAttribute('title')}${e.getAttribute('aria-label')}`).join(''));
    assert.doesNotMatch(text, ANY_CONTROL);
  };
  before(async () => { harnesses.push(...await Promise.all([startHarness(), startCompareHarness(), startTuneHarness()])); });
  after(async () => { await Promise.all(harnesses.map((h) => h.close())); });

  test('results page: the heading', async () => {
    const page = await harnesses[0]!.open('dark');
    await post(page, { type: 'results', view: { ...(await sampleView()), name: SPOOF } });
    await page.waitForSelector('h1');
    assert.equal(await page.textContent('h1'), SHOWN);
    await noControlIn(page);
  });

  test('Compare page: the name cell, its buttons\' labels and the baseline', async () => {
    const page = await harnesses[1]!.open('light');
    const rows = sweepRows().map((r, i) => (i === 0 ? { ...r, name: SPOOF } : r));
    await post(page, { type: 'rows', rows, folders: ['models'] });
    await page.waitForSelector('#rows tr.model-row');
    const names = await page.$$eval('#rows tr.model-row td.col-name button.open', (bs) => bs.map((b) => b.textContent ?? ''));
    assert.ok(names.includes(SHOWN), names.join(', '));
    await page.click(`#rows tr.model-row:has(button.open:text-is("${SHOWN}")) [data-focus="baseline"]`);
    await noControlIn(page);
  });

  test('Tune page: the heading and the refit model\'s button', async () => {
    const page = await harnesses[2]!.open('dark');
    const view = await tuneView();
    await post(page, { type: 'view', view: { ...view, name: SPOOF } });
    await page.waitForSelector('#candidate-rows tr.candidate');
    assert.equal(await page.textContent('h1'), `Tuning Results: ${SHOWN}`);
    assert.equal(await page.textContent('#open-model'), `Open the refit model (${SHOWN})`);
    await noControlIn(page);
  });
});
