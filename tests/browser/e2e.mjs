#!/usr/bin/env node
// End-to-end test of the web map in Debian's Chromium (headless), driven by playwright-core.
//
//   node tests/browser/e2e.mjs BASE_URL SCREENSHOT_DIR
//
// Stops at the first failed check with a message saying which, exit code 1; the whole run is bounded (E2E_TIMEOUT_MS,
// default 120 s). Screenshots: overview, popup, filtered, route, search, candidates, station, print (+ print.pdf),
// indicators, error, overview-1920, popup-1920 (PNG) in SCREENSHOT_DIR.
// CHROMIUM=/path overrides /usr/bin/chromium.

import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [baseUrl, shotDir] = process.argv.slice(2);
if (!baseUrl || !shotDir) {
  console.error('usage: node tests/browser/e2e.mjs BASE_URL SCREENSHOT_DIR');
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });
const TOTAL_MS = Number(process.env.E2E_TIMEOUT_MS || 120000);
const STEP_MS = 15000;

let browser = null;
let passed = 0;
const consoleErrors = [];

async function fail(msg) {
  console.error(`not ok - ${msg}`);
  if (consoleErrors.length) console.error(`browser console errors:\n  ${consoleErrors.join('\n  ')}`);
  console.error(`e2e: ${passed} passed, 1 failed`);
  try { if (browser) await browser.close(); } catch { /* already gone */ }
  process.exit(1);
}
const watchdog = setTimeout(() => fail(`the test took longer than ${TOTAL_MS / 1000} s`), TOTAL_MS);

function ok(msg) {
  passed += 1;
  console.log(`ok ${passed} - ${msg}`);
}

/** Runs one check; any exception becomes a failure with the check's name. */
async function check(name, fn) {
  try {
    const detail = await fn();
    ok(detail ? `${name} (${detail})` : name);
  } catch (e) {
    await fail(`${name}: ${e && e.message ? e.message.split('\n')[0] : e}`);
  }
}

function noConsoleErrors(when) {
  if (consoleErrors.length) throw new Error(`${consoleErrors.length} console error(s) ${when}: ${consoleErrors[0]}`);
}

/** Whether the (last) element of each selector meet on the screen, with their rectangles. */
async function overlap(page, selA, selB) {
  const [a, b] = await page.evaluate(([x, y]) => [x, y].map((sel) => {
    const all = document.querySelectorAll(sel);
    const r = all[all.length - 1].getBoundingClientRect();
    return { l: Math.round(r.left), t: Math.round(r.top), r: Math.round(r.right), b: Math.round(r.bottom) };
  }), [selA, selB]);
  return { meet: a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b, a, b };
}

const shot = (page, name) => page.screenshot({ path: path.join(shotDir, `${name}.png`) });

try {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--headless', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    timeout: STEP_MS,
  });
} catch (e) {
  await fail(`cannot start Chromium: ${e.message.split('\n')[0]}`);
}

const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'fr-FR', deviceScaleFactor: 1 });
const page = await context.newPage();
page.setDefaultTimeout(STEP_MS);
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
page.on('requestfailed', (r) => {
  const f = r.failure();
  if (!f || !/ERR_ABORTED/.test(f.errorText)) consoleErrors.push(`request failed: ${r.url()} ${f ? f.errorText : ''}`);
});

// ---------------------------------------------------------------------------------------------------------------

await check('page loads', async () => {
  const res = await page.goto(baseUrl, { waitUntil: 'load' });
  if (!res || !res.ok()) throw new Error(`HTTP ${res ? res.status() : 'no response'} for ${baseUrl}`);
  await page.waitForSelector('body.ready', { timeout: STEP_MS });
  await page.waitForTimeout(600); // network layer (debounced) and QPV
  const banner = await page.locator('#error-banner').isVisible();
  if (banner) throw new Error(`error banner shown: ${await page.locator('#error-banner .banner-text').innerText()}`);
  noConsoleErrors('while loading');
});

await check('the map shows gap features', async () => {
  const n = await page.locator('.leaflet-gaps-pane path.gap-line').count();
  if (n === 0) throw new Error('no SVG path in the gaps layer (.leaflet-gaps-pane path.gap-line)');
  return `${n} paths`;
});

await check('the map shows the cycle network', async () => {
  await page.waitForFunction(() => document.querySelectorAll('.leaflet-network-pane path').length > 0, null, { timeout: STEP_MS });
  return `${await page.locator('.leaflet-network-pane path').count()} paths`;
});

let firstCount = '';
await check('the gap list has rows', async () => {
  const n = await page.locator('#gap-list .gap-row[data-rank]').count();
  if (n === 0) throw new Error('no .gap-row[data-rank] in #gap-list');
  firstCount = (await page.locator('#gap-count').innerText()).trim();
  if (!/\d/.test(firstCount)) throw new Error(`#gap-count has no number: "${firstCount}"`);
  return `${n} rows, "${firstCount}"`;
});

// The demo serves INSEE's residents (ctest-e2e.sh sets E2E_EXPECT_RESIDENTS=1): the first screen ranks gaps by the
// QPV residents they serve, and the indicators count residents.
const expectResidents = process.env.E2E_EXPECT_RESIDENTS === '1';
if (expectResidents) {
  await check('the first row counts the QPV residents it serves', async () => {
    const t = (await page.locator('#gap-list .gap-row[data-rank]').first().innerText()).replace(/\s+/g, ' ');
    const m = /([\d\s\u202f\u00a0]+) hab\. QPV/.exec(t);
    if (!m) throw new Error(`the first row shows no "hab. QPV": "${t}"`);
    const n = Number(m[1].replace(/\D/g, ''));
    if (!(n > 0)) throw new Error(`the first row serves ${n} QPV residents: "${t}"`);
    return `"${t.slice(0, 80)}"`;
  });
}

await check('attribution is visible', async () => {
  const t = await page.locator('.leaflet-control-attribution').innerText();
  if (!t.includes('© OpenStreetMap contributors')) throw new Error(`attribution is "${t}"`);
  if (!t.includes('ANCT')) throw new Error(`attribution lacks the QPV source (ANCT): "${t}"`);
  if (expectResidents && !t.includes('Insee')) throw new Error(`attribution lacks the population source (Insee): "${t}"`);
});

await shot(page, 'overview');

await check('clicking the first row opens a popup with "Rang"', async () => {
  await page.locator('#gap-list .gap-row[data-rank]').first().click();
  const popup = page.locator('.leaflet-popup-content');
  await popup.waitFor({ state: 'visible' });
  const t = await popup.innerText();
  if (!t.includes('Rang')) throw new Error(`popup text has no "Rang": ${t.slice(0, 120)}`);
  for (const label of ['Score', 'Type', 'Longueur (m)', 'Rues', 'Aménagement suggéré', 'Niveau de stress (LTS)']) {
    if (!t.includes(label)) throw new Error(`popup lacks the label "${label}"`);
  }
  if (!(await page.locator('#gap-list .gap-row.selected').count())) throw new Error('the clicked row is not marked as selected');
});
await check('the popup opens on the gap\'s one-sentence reason and labels the score terms with units', async () => {
  const first = await page.locator('.leaflet-popup-content .gap-popup > *').evaluateAll((els) => els.slice(0, 3).map((e) => `${e.className}|${e.textContent}`));
  const reason = first.find((t) => t.startsWith('reason|'));
  if (!reason) throw new Error(`no .reason paragraph before the table: ${JSON.stringify(first)}`);
  if (!/^reason\|[A-ZÉ].{20,}\.$/.test(reason)) throw new Error(`the reason is not a French sentence: "${reason}"`);
  const t = await page.locator('.leaflet-popup-content').innerText();
  const unit = process.env.E2E_EXPECT_RESIDENTS === '1' ? 'habitants ·' : 'ha ·'; // residents, else hectares of QPV
  for (const words of ['QPV desservis (poids', unit, '% du maximum de la liste', 'au score', 'Détour évité (poids']) {
    if (!t.includes(words)) throw new Error(`the score detail lacks "${words}"`);
  }
  return reason.slice(7, 90);
});
await check('clicking the second row moves the selection and the popup', async () => {
  const second = page.locator('#gap-list .gap-row[data-rank]').nth(1);
  const rank = await second.getAttribute('data-rank');
  await second.click();
  await page.waitForFunction((r) => (document.querySelector('.leaflet-popup-content h3')?.textContent || '').includes(`Rang ${r}`), rank, { timeout: STEP_MS });
  const selected = await page.locator('#gap-list .gap-row.selected').evaluateAll((rows) => rows.map((r) => r.dataset.rank));
  if (selected.length !== 1 || selected[0] !== rank) throw new Error(`selected rows: ${JSON.stringify(selected)}, expected ["${rank}"]`);
  const highlighted = await page.evaluate(() => [...document.querySelectorAll('.leaflet-gaps-pane path')].filter((p) => p.getAttribute('stroke') === '#00e5ff').length);
  if (highlighted !== 1) throw new Error(`${highlighted} gaps drawn as selected on the map, expected 1`);
  const first = page.locator('#gap-list .gap-row[data-rank]').first();
  const firstRank = await first.getAttribute('data-rank');
  await first.click();
  await page.waitForFunction((r) => (document.querySelector('.leaflet-popup-content h3')?.textContent || '').includes(`Rang ${r}`), firstRank, { timeout: STEP_MS });
});
await page.waitForTimeout(300);
await shot(page, 'popup');
await page.locator('.leaflet-popup-close-button').click().catch(() => {});
await page.waitForTimeout(400); // popup fade-out

await check('changing the class filter changes the list', async () => {
  const before = await page.locator('#gap-list .gap-row').evaluateAll((rows) => rows.map((r) => r.dataset.rank).join(','));
  const options = await page.locator('#filter-class option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v && !v.includes(',')));
  if (!options.length) throw new Error('#filter-class has no class option');
  for (const value of options) {
    await page.selectOption('#filter-class', value);
    await page.waitForFunction(() => !/Chargement/.test(document.getElementById('gap-count').textContent), null, { timeout: STEP_MS });
    const count = (await page.locator('#gap-count').innerText()).trim();
    const after = await page.locator('#gap-list .gap-row').evaluateAll((rows) => rows.map((r) => r.dataset.rank).join(','));
    if (count !== firstCount || after !== before) {
      await page.waitForTimeout(900); // the map fits the filtered gaps, then loads the network of the new view
      await shot(page, 'filtered');
      return `class=${value}: "${firstCount}" → "${count}"`;
    }
  }
  throw new Error(`no class option changed the list or the count ("${firstCount}")`);
});

await check('clearing the filter restores the list', async () => {
  await page.selectOption('#filter-class', '');
  await page.waitForFunction((c) => document.getElementById('gap-count').textContent.trim() === c, firstCount, { timeout: STEP_MS });
});

await check('the CSV and GeoJSON downloads hold the current list', async () => {
  const grab = async (button) => {
    const [dl] = await Promise.all([page.waitForEvent('download', { timeout: STEP_MS }), page.locator(button).click()]);
    const file = await dl.path();
    return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
  };
  const csv = await grab('#download-csv');
  const lines = csv.text.replace(/^\ufeff/, '').trim().split('\n');
  if (!/^rank,/.test(lines[0])) throw new Error(`${csv.name} does not start with the "rank," header: ${lines[0].slice(0, 60)}`);
  const gj = await grab('#download-geojson');
  const fc = JSON.parse(gj.text);
  const n = await page.locator('#gap-list .gap-row').count();
  if (!Array.isArray(fc.features) || fc.features.length !== n) throw new Error(`${gj.name} has ${fc.features && fc.features.length} features, the list ${n}`);
  return `${csv.name}: ${lines.length - 1} rows; ${gj.name}: ${fc.features.length} features`;
});

await check('the route tool draws a route', async () => {
  await page.waitForTimeout(600); // the map's fit to the gaps (animated) must be over before measuring positions
  await page.locator('#route-toggle').click();
  // two points on the map, on streets (the ends of gaps: a real server snaps them to the nearest usable way), where
  // a click reaches the map (not a control, a marker or a label), far enough apart
  const pts = await page.evaluate(() => {
    const map = window.maillonMap;
    const box = map.getContainer().getBoundingClientRect();
    const free = (x, y) => {
      if (x < box.left + 10 || x > box.right - 10 || y < box.top + 10 || y > box.bottom - 10) return false;
      const el = document.elementFromPoint(x, y);
      return el && map.getContainer().contains(el) && !el.closest('.leaflet-control, .leaflet-marker-icon, .leaflet-popup, .leaflet-tooltip');
    };
    const ends = [];
    map.eachLayer((l) => {
      if (l.options && /gap-line/.test(l.options.className || '') && l.getLatLngs) ends.push(...[l.getLatLngs()[0], l.getLatLngs().at(-1)]);
    });
    const found = [];
    for (const ll of ends) {
      const p = map.latLngToContainerPoint(ll);
      const x = box.left + p.x;
      const y = box.top + p.y;
      if (!free(x, y)) continue;
      if (!found.length || Math.hypot(found[0][0] - x, found[0][1] - y) > 200) found.push([x, y]);
      if (found.length === 2) break;
    }
    return found;
  });
  if (pts.length < 2) throw new Error('found no two free points on the map to click');
  const result = page.locator('#route-result');
  await page.mouse.click(pts[0][0], pts[0][1]);
  await page.waitForTimeout(150);
  await page.mouse.click(pts[1][0], pts[1][1]);
  await page.waitForFunction(() => {
    const t = document.getElementById('route-result')?.innerText || '';
    return /plus court/i.test(t) || /Pas d’itinéraire/.test(t);
  }, null, { timeout: STEP_MS }).catch(async () => {
    const t = (await result.innerText().catch(() => '')).replace(/\s+/g, ' ');
    throw new Error(`no route after clicking at ${JSON.stringify(pts)}; #route-result says: "${t}"`);
  });
  const t = await result.innerText();
  if (/Pas d’itinéraire/.test(t)) throw new Error(`the route was refused: ${t.replace(/\s+/g, ' ')}`);
  if (!/\d\s?(m|km)\b/.test(t)) throw new Error(`#route-result shows no length: ${t.replace(/\s+/g, ' ')}`);
  const paths = await page.locator('.leaflet-route-pane path').count();
  if (paths === 0) throw new Error('no route drawn in the route pane');
  noConsoleErrors('after the route');
  return t.replace(/\s+/g, ' ').trim().slice(0, 110);
});
await page.mouse.move(700, 20); // over the title, off the map: no hover tooltip over the route
await page.waitForTimeout(300);
await shot(page, 'route');

await check('the streets are drawn faintly under the cycle network', async () => {
  await page.locator('#route-clear').click().catch(() => {});
  await page.waitForFunction(() => document.querySelectorAll('.leaflet-streets-pane path').length > 0, null, { timeout: STEP_MS });
  const n = await page.locator('.leaflet-streets-pane path').count();
  const z = await page.evaluate(() => [getComputedStyle(document.querySelector('.leaflet-streets-pane')).zIndex,
    getComputedStyle(document.querySelector('.leaflet-network-pane')).zIndex].map(Number));
  if (!(z[0] < z[1])) throw new Error(`the streets pane (z ${z[0]}) is not under the network pane (z ${z[1]})`);
  const stroke = await page.locator('.leaflet-streets-pane path').first().getAttribute('stroke');
  if (!/^#[89a-c]/i.test(stroke || '')) throw new Error(`streets are not drawn in light grey: ${stroke}`);
  return `${n} paths`;
});

await check('the search finds a street of the demo and zooms on it', async () => {
  await page.fill('#search-input', 'faubourg du temple');
  await page.locator('#search-results .search-result').first().waitFor({ state: 'visible' });
  const label = (await page.locator('#search-results .search-result').first().innerText()).replace(/\s+/g, ' ');
  if (!/Rue du Faubourg du Temple/.test(label)) throw new Error(`first result: "${label}"`);
  const before = await page.evaluate(() => window.maillonMap.getZoom());
  await page.press('#search-input', 'Enter');
  await page.waitForFunction(() => document.querySelector('.search-label'), null, { timeout: STEP_MS });
  await page.waitForTimeout(700);
  const view = await page.evaluate(() => ({ zoom: window.maillonMap.getZoom(), c: window.maillonMap.getCenter() }));
  if (!(view.zoom > before) || view.zoom < 15) throw new Error(`zoom ${before} → ${view.zoom}, expected at least 15`);
  const b = await page.evaluate(async () => (await (await fetch('/api/v1/search?q=faubourg%20du%20temple&limit=1')).json()).results[0].bbox);
  const pad = 0.003;
  if (view.c.lng < b[0] - pad || view.c.lng > b[2] + pad || view.c.lat < b[1] - pad || view.c.lat > b[3] + pad) {
    throw new Error(`map centre ${view.c.lat},${view.c.lng} is outside the street's bbox ${b}`);
  }
  await page.waitForFunction(() => document.querySelectorAll('.leaflet-streets-pane path.street-found').length > 0, null, { timeout: STEP_MS })
    .catch(() => { throw new Error('the street found is not drawn in the search colour'); });
  await page.waitForTimeout(300);
  await shot(page, 'search');
  return `"${label.slice(0, 60)}", zoom ${view.zoom.toFixed(1)}`;
});

await check('the candidates toggle (off by default) shows candidates with the reason they are not listed', async () => {
  if (await page.locator('.leaflet-candidates-pane path').count()) throw new Error('candidates drawn before the toggle');
  const box = await page.locator('#legend input[data-layer="candidates"]');
  if (await box.isChecked()) throw new Error('the candidates toggle is on by default');
  // a view around the first candidate, so that some are drawn
  await page.evaluate(async () => {
    const fc = await (await fetch('/api/v1/candidates?limit=1')).json();
    const [x, y] = fc.features[0].geometry.coordinates[0];
    window.maillonMap.setView([y, x], 16, { animate: false });
  });
  await box.check();
  await page.waitForFunction(() => document.querySelectorAll('.leaflet-candidates-pane path.candidate-line').length > 0, null, { timeout: STEP_MS });
  const n = await page.locator('.leaflet-candidates-pane path.candidate-line').count();
  // click the first candidate drawn in a free spot of the map
  const pt = await page.evaluate(() => {
    const map = window.maillonMap;
    const rect = map.getContainer().getBoundingClientRect();
    let found = null;
    map.eachLayer((l) => {
      if (found || !l.options || !/candidate-line/.test(l.options.className || '') || !l.getLatLngs) return;
      const c = map.latLngToContainerPoint(L.LineUtil.polylineCenter(l.getLatLngs(), L.CRS.EPSG3857));
      const x = rect.left + c.x;
      const y = rect.top + c.y;
      const el = document.elementFromPoint(x, y);
      if (el && el.classList.contains('candidate-line')) found = [x, y];
    });
    return found;
  });
  if (!pt) throw new Error(`${n} candidates drawn, none clickable in the view`);
  await page.mouse.click(pt[0], pt[1]);
  const popup = page.locator('.leaflet-popup-content .candidate-popup');
  await popup.waitFor({ state: 'visible' });
  const t = await popup.innerText();
  if (!/Candidat hors liste/.test(t)) throw new Error(`popup: ${t.slice(0, 100)}`);
  if (!/(sous le seuil de la liste principale|carrefour calme|bord de l’extrait)/.test(t)) throw new Error(`the popup gives no reason: ${t.slice(0, 200)}`);
  await page.waitForTimeout(300);
  await shot(page, 'candidates');
  await page.evaluate(() => window.maillonMap.closePopup());
  await box.uncheck();
  if (await page.locator('.leaflet-candidates-pane path').count()) throw new Error('candidates still drawn after the toggle is off');
  return `${n} candidates; "${t.split('\n')[1]?.slice(0, 80)}"`;
});

await check('a station popup speaks French, not field names', async () => {
  await page.evaluate(() => window.maillonMap.setView([48.8675, 2.3650], 15, { animate: false }));
  await page.waitForTimeout(400);
  const markers = page.locator('.leaflet-stations-pane .station-icon');
  const n = await markers.count();
  if (!n) throw new Error('no station marker in the view');
  let opened = false;
  for (let i = 0; i < n && !opened; i++) {
    const bb = await markers.nth(i).boundingBox();
    if (!bb) continue;
    const el = await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest('.station-icon') != null, [bb.x + bb.width / 2, bb.y + bb.height / 2]);
    if (!el) continue;
    await page.mouse.click(bb.x + bb.width / 2, bb.y + bb.height / 2);
    opened = await page.locator('.leaflet-popup-content .station-popup').waitFor({ state: 'visible', timeout: 2000 }).then(() => true, () => false);
  }
  if (!opened) throw new Error(`${n} station markers, none opened a popup`);
  const t = await page.locator('.leaflet-popup-content .station-popup').innerText();
  if (!/^Station (existante|prévue|suggérée)/.test(t)) throw new Error(`popup title: ${t.slice(0, 40)}`);
  if (/[a-z]+_[a-z]+/.test(t)) throw new Error(`a field name in the popup: ${/[a-z]+_[a-z]+/.exec(t)[0]}`);
  for (const english of ['true', 'false', 'null', 'existing', 'planned', 'suggested']) {
    if (new RegExp(`\\b${english}\\b`).test(t)) throw new Error(`"${english}" in the popup: ${t.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  await page.waitForTimeout(400); // the popup's fade-in and auto-pan
  const o = await overlap(page, '.leaflet-popup', '#legend');
  if (o.meet) throw new Error(`the station popup ${JSON.stringify(o.a)} is under the legend ${JSON.stringify(o.b)}`);
  await shot(page, 'station');
  await page.evaluate(() => window.maillonMap.closePopup());
  return t.replace(/\s+/g, ' ').slice(0, 100);
});

await check('the help tab shows no server path and no English warning', async () => {
  await page.locator('#tab-about').click();
  const t = await page.locator('#pane-about').innerText();
  const path = /(^|\s)\/(tmp|home|work|usr|srv|var|opt|root)\//.exec(t);
  if (path) throw new Error(`a server path in the help tab: ${t.slice(Math.max(0, path.index - 30), path.index + 40)}`);
  for (const english of [/\bwarning/i, /\bstations lie\b/, /\bskipped\b/, /\bnot installed\b/]) {
    if (english.test(t)) throw new Error(`English in the help tab: ${english}`);
  }
  await shot(page, 'help');
  await page.locator('#tab-gaps').click();
});

await check('"Imprimer cette vue" gives a clean A4 page: title, legend, scale, attribution, no panel', async () => {
  await page.evaluate(() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; });
  await page.locator('#print-view').click();
  await page.waitForFunction(() => window.__printed === 1, null, { timeout: STEP_MS });
  for (const [sel, want] of [['#panel', false], ['#topbar', false], ['.leaflet-control-zoom', false], ['#route-toggle', false],
    ['#print-header h1', true], ['#legend', true], ['.leaflet-control-scale', true], ['.leaflet-control-attribution', true]]) {
    const visible = await page.locator(sel).first().isVisible();
    if (visible !== want) throw new Error(`${sel} is ${visible ? 'shown' : 'hidden'} in the print view`);
  }
  const attribution = await page.locator('.leaflet-control-attribution').innerText();
  if (!attribution.includes('© OpenStreetMap contributors')) throw new Error(`attribution: ${attribution}`);
  await page.emulateMedia({ media: 'print' });
  await shot(page, 'print');
  const pdf = path.join(shotDir, 'print.pdf');
  await page.pdf({ path: pdf, format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  const pages = (fs.readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  if (pages !== 1) throw new Error(`the print view takes ${pages} pages, expected 1 (${pdf})`);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  if (!(await page.locator('#panel').isVisible())) throw new Error('the panel did not come back after printing');
  return `1 page, ${Math.round(fs.statSync(pdf).size / 1024)} KiB`;
});

await check('the indicators table has rows', async () => {
  await page.locator('#route-clear').click().catch(() => {});
  await page.locator('#tab-indicators').click();
  await page.locator('#indicators-table').waitFor({ state: 'visible' });
  const n = await page.locator('#indicators-table tbody tr').count();
  if (n < 1) throw new Error('#indicators-table has no row');
  const t = await page.locator('#indicators-table').innerText();
  if (!/%/.test(t)) throw new Error('#indicators-table shows no share in %');
  if (expectResidents && !/Habitants/.test(t)) throw new Error('#indicators-table does not count residents ("Habitants")');
  await page.waitForTimeout(200);
  await shot(page, 'indicators');
  return `${n} rows`;
});

await check('no console errors', async () => noConsoleErrors('during the test'));

await check('a filter that matches nothing shows the empty state', async () => {
  await page.locator('#tab-gaps').click();
  await page.fill('#filter-min-score', '999999');
  await page.waitForFunction(() => /Aucun tronçon/.test(document.getElementById('gap-count').textContent), null, { timeout: STEP_MS });
  const t = await page.locator('#gap-list').innerText();
  if (!/Aucun tronçon ne correspond/.test(t)) throw new Error(`#gap-list says: ${t}`);
  await page.locator('#gap-list [data-action="reset"]').click();
  await page.waitForFunction((c) => document.getElementById('gap-count').textContent.trim() === c, firstCount, { timeout: STEP_MS });
});

await check('an API error shows the banner with its message', async () => {
  // the server's error shape, injected by the test: a real server should not fail here
  await page.route('**/api/v1/gaps?*', (r) => r.fulfill({
    status: 500, contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'Internal', message: 'injected by the e2e test' } }),
  }));
  await page.selectOption('#filter-class', 'street');
  const banner = page.locator('#error-banner');
  await banner.waitFor({ state: 'visible' });
  const t = await banner.innerText();
  if (!t.includes('injected by the e2e test')) throw new Error(`banner says: ${t}`);
  await shot(page, 'error');
  await page.unroute('**/api/v1/gaps?*');
  await page.locator('#banner-close').click();
});

await check('at 1920×1080 the legend never covers a gap popup', async () => {
  const big = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'fr-FR', deviceScaleFactor: 1 });
  const p2 = await big.newPage();
  p2.setDefaultTimeout(STEP_MS);
  p2.on('pageerror', (e) => consoleErrors.push(`uncaught (1920): ${e.message}`));
  await p2.goto(baseUrl, { waitUntil: 'load' });
  await p2.waitForSelector('body.ready');
  await p2.waitForTimeout(600);
  await shot(p2, 'overview-1920');
  const rows = p2.locator('#gap-list .gap-row[data-rank]');
  const n = Math.min(8, await rows.count());
  for (let i = 0; i < n; i++) {
    await rows.nth(i).click();
    await p2.waitForTimeout(450); // the popup's auto-pan; the previous popup fades out
    await p2.waitForFunction(() => document.querySelectorAll('.leaflet-popup').length === 1, null, { timeout: STEP_MS });
    const o = await overlap(p2, '.leaflet-popup', '#legend');
    if (o.meet) {
      await shot(p2, 'overlap-1920');
      throw new Error(`row ${i + 1}: the popup ${JSON.stringify(o.a)} meets the legend ${JSON.stringify(o.b)}`);
    }
    if (i === 0) await shot(p2, 'popup-1920');
  }
  await big.close();
  return `${n} popups clear of the legend`;
});

clearTimeout(watchdog);
await browser.close();
console.log(`screenshots in ${shotDir}`);
console.log(`e2e: ${passed} passed, 0 failed`);
