#!/usr/bin/env node
// The report as Chromium renders it, checked against the analysis it was made from.
//
//   node tests/report/render-check.mjs REPORT_HTML ANALYZE_DIR NETWORK_GEOJSON TOP
//
// NETWORK_GEOJSON: the GeoPackage's network layer as GeoJSON (ogr2ogr), the facilities to expect on
// the territory's map. TOP: the number of gaps the report details. Checks, each printed `ok N - …`;
// the first failure prints `not ok - …` and exits 1:
//   - the file loads with no console error, no page error and no request but itself (offline);
//   - every A4 sheet keeps its content above its footer and inside its margins (nothing cut off);
//   - the territory's map has one gap path and one number per top gap, one outline per QPV of the
//     area, one network path per facility of the network, streets, a scale bar and a north arrow;
//   - one card per top gap, whose map draws that gap, its number, streets, and as many gaps as
//     gaps.geojson has inside the card's window (within a 2–3 mm margin at the frame);
//   - the text has the top gap's street and its QPV residents, and the attributions.
// Prints `pages=N` (the sheets) for the caller to compare with the PDF's page count.
// CHROMIUM=/path overrides /usr/bin/chromium.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [htmlPath, analyzeDir, networkPath, topArg] = process.argv.slice(2);
if (!htmlPath || !analyzeDir || !networkPath || !topArg) {
  console.error('usage: node render-check.mjs REPORT_HTML ANALYZE_DIR NETWORK_GEOJSON TOP');
  process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const { chromium } = await import(pathToFileURL(path.join(here, '../browser/node_modules/playwright-core/index.mjs')).href);

const readJson = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const gaps = readJson(path.join(analyzeDir, 'gaps.geojson')).features;
const indicators = readJson(path.join(analyzeDir, 'indicators.json'));
const run = readJson(path.join(analyzeDir, 'run.json'));
const network = readJson(networkPath).features;
const ranked = gaps.filter((f) => f.properties.rank != null);
const top = Math.min(Number(topArg), ranked.length);

let passed = 0;
let browser = null;
async function fail(msg) {
  console.error(`not ok - ${msg}`);
  if (browser) await browser.close();
  process.exit(1);
}
function ok(msg) {
  passed += 1;
  console.log(`ok ${passed} - ${msg}`);
}
function expect(cond, msg) {
  if (!cond) return fail(msg);
  ok(msg);
}

browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--headless', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ viewport: { width: 1000, height: 1400 } })).newPage();
const problems = [];
const fileUrl = pathToFileURL(path.resolve(htmlPath)).href;
page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
page.on('request', (r) => { if (r.url() !== fileUrl) problems.push(`request to ${r.url()}`); });
await page.goto(fileUrl, { waitUntil: 'load' });
await page.emulateMedia({ media: 'print' });
expect(problems.length === 0, `loads offline with no console error (${problems[0] || 'none'})`);

// ---- sheets: nothing below the footer or beyond the margins
const sheets = await page.$$eval('section.page', (pages) => pages.map((p) => {
  const box = p.getBoundingClientRect();
  const foot = p.querySelector(':scope > footer').getBoundingClientRect();
  const style = getComputedStyle(p);
  const right = box.right - parseFloat(style.paddingRight) + 1;
  let lowest = 0;
  let widest = 0;
  let what = '';
  for (const el of p.querySelectorAll('*')) {
    if (el.closest('footer') || el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    if (r.bottom > lowest) { lowest = r.bottom; what = `${el.tagName.toLowerCase()}.${el.className}`; }
    widest = Math.max(widest, r.right);
  }
  return { page: p.dataset.page, below: lowest - foot.top, beyond: widest - right, what, height: box.height };
}));
for (const s of sheets) {
  if (s.below > 0) await fail(`page ${s.page}: ${s.what} runs ${s.below.toFixed(1)} px into the footer`);
  if (s.beyond > 0) await fail(`page ${s.page}: content runs ${s.beyond.toFixed(1)} px into the right margin`);
}
ok(`${sheets.length} A4 sheets, none with content under its footer or in its margins`);

// ---- the territory's map
const overview = await page.$eval('#map-overview', (svg) => ({
  gaps: [...svg.querySelectorAll('path.gap')].map((p) => Number(p.dataset.rank)),
  labels: [...svg.querySelectorAll('g.gap-label')].map((g) => Number(g.dataset.rank)),
  qpv: [...svg.querySelectorAll('path.qpv')].map((p) => p.dataset.code),
  facilities: [...svg.querySelectorAll('path.network')].map((p) => p.dataset.facility),
  streets: svg.querySelectorAll('g.streets path').length,
  scale: svg.querySelectorAll('g.scale-bar').length,
  north: svg.querySelectorAll('g.north-arrow').length,
}));
const wantRanks = ranked.slice(0, top).map((f) => f.properties.rank).sort((a, b) => a - b);
const sorted = (a) => [...a].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
expect(JSON.stringify(sorted(overview.gaps)) === JSON.stringify(wantRanks), `territory map: one path per top gap (${overview.gaps.length} = ${top})`);
expect(JSON.stringify(sorted(overview.labels)) === JSON.stringify(wantRanks), `territory map: one number per top gap (${overview.labels.length})`);
const qpvCodes = indicators.rows.filter((r) => r.scope === 'qpv').map((r) => r.code);
expect(JSON.stringify(sorted(overview.qpv)) === JSON.stringify(sorted(qpvCodes)), `territory map: one outline per QPV of the area (${qpvCodes.length})`);
const wantFacilities = sorted([...new Set(network.map((f) => f.properties.facility_key))]);
expect(JSON.stringify(sorted(overview.facilities)) === JSON.stringify(wantFacilities),
  `territory map: one path per facility of the GeoPackage's network (${wantFacilities.join(', ')})`);
expect(overview.facilities.length === new Set(overview.facilities).size, 'territory map: each facility drawn once');
expect(overview.streets > 0 && overview.scale === 1 && overview.north === 1, 'territory map: streets, scale bar, north arrow');

// ---- one card per top gap
const cards = await page.$$eval('.card', (els) => els.map((c) => {
  const svg = c.querySelector('svg');
  return {
    rank: Number(c.dataset.rank),
    window: svg.dataset.window.split(',').map(Number),
    mPerMm: Number(svg.dataset.mPerMm),
    gaps: [...svg.querySelectorAll('path.gap')].map((p) => Number(p.dataset.rank)),
    labels: [...svg.querySelectorAll('g.gap-label')].map((g) => Number(g.dataset.rank)),
    streets: svg.querySelectorAll('g.streets path').length,
    text: c.textContent,
  };
}));
expect(JSON.stringify(cards.map((c) => c.rank)) === JSON.stringify(ranked.slice(0, top).map((f) => f.properties.rank)),
  `one card per top gap, in rank order (${cards.length})`);
/** Gaps of gaps.geojson with a segment meeting the window grown by `mm` millimetres of paper. */
function gapsIn(win, mPerMm, mm) {
  const [w, s, e, n] = win;
  const lat0 = (s + n) / 2;
  const dy = (mm * mPerMm) / 111195;
  const dx = dy / Math.cos((lat0 * Math.PI) / 180);
  const [x0, y0, x1, y1] = [w - dx, s - dy, e + dx, n + dy];
  return gaps.filter((f) => {
    const c = f.geometry.coordinates;
    for (let i = 0; i + 1 < c.length; i += 1) {
      const [ax, ay] = c[i];
      const [bx, by] = c[i + 1];
      if (Math.max(ax, bx) >= x0 && Math.min(ax, bx) <= x1 && Math.max(ay, by) >= y0 && Math.min(ay, by) <= y1) return true;
    }
    return false;
  }).length;
}
for (const c of cards) {
  const own = c.gaps.filter((r) => r === c.rank).length;
  if (own !== 1) await fail(`card ${c.rank}: its gap is drawn ${own} times`);
  if (!c.labels.includes(c.rank)) await fail(`card ${c.rank}: no number ${c.rank}`);
  if (c.streets === 0) await fail(`card ${c.rank}: no street drawn`);
  const inner = gapsIn(c.window, c.mPerMm, -2);
  const outer = gapsIn(c.window, c.mPerMm, 3);
  if (c.gaps.length < inner || c.gaps.length > outer) {
    await fail(`card ${c.rank}: ${c.gaps.length} gaps drawn, gaps.geojson has ${inner} to ${outer} in its window`);
  }
}
ok('every card draws its gap, its number, streets and the gaps of gaps.geojson in its window');

// ---- text
const text = await page.evaluate(() => document.body.innerText);
const first = ranked[0].properties;
const fr = (v) => new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(v);
expect(text.includes(first.street_names[0]), `the text names the top gap's street (${first.street_names[0]})`);
if (run.qpv.residents_known) expect(text.includes(`${fr(first.qpv_pop)} hab.`), `the text has its QPV residents (${fr(first.qpv_pop)})`);
expect(text.includes('© OpenStreetMap contributors') && text.includes('ANCT'), 'attribution: OpenStreetMap contributors, ANCT');
if (run.population.source === 'grid') expect(text.includes('Insee'), 'attribution: Insee');

console.log(`pages=${sheets.length}`);
console.log(`render-check: ${passed} passed`);
await browser.close();
