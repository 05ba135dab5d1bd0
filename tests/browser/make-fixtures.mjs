#!/usr/bin/env node
// Rebuilds the canned API responses of the mock server (tests/browser/fixtures/) from a real `maillon analyze` run
// on the test extract around République, plus a cycle network, QPV and stations taken from the same data.
//
//   node tests/browser/make-fixtures.mjs [--maillon PATH] [--keep TMPDIR]
//
// Needs the built CLI (build/cli/maillon) and the `osmium` command (Debian package osmium-tool).
// The network here is an APPROXIMATION made from OSM tags in JavaScript (the real server reads the engine's graph):
// it only has to look like the real /api/v1/network answer. Map data © OpenStreetMap contributors (ODbL);
// QPV: ANCT (Licence Ouverte 2.0).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const maillon = opt('--maillon', path.join(repo, 'build', 'cli', 'maillon'));
const pbf = path.join(repo, 'tests', 'data', 'paris-republique.osm.pbf');
const qpvFile = path.join(repo, 'tests', 'data', 'qpv2024-idf-simplified.geojson');
const out = path.join(here, 'fixtures');
const tmp = opt('--keep', fs.mkdtempSync(path.join(os.tmpdir(), 'maillon-fixtures-')));
const analyzeDir = path.join(tmp, 'analyze');

execFileSync(maillon, ['analyze', path.relative(repo, pbf), '--qpv', path.relative(repo, qpvFile), '-o', analyzeDir, '--overwrite', '-q'], { stdio: 'inherit', cwd: repo });
const seq = path.join(tmp, 'extract.geojsonseq');
execFileSync('osmium', ['export', pbf, '--geometry-types=linestring,point', '-f', 'geojsonseq', '-o', seq, '--overwrite'],
  { stdio: 'inherit' });

const readJSON = (p) => JSON.parse(fs.readFileSync(p, 'utf8'));
const round6 = (c) => [Math.round(c[0] * 1e6) / 1e6, Math.round(c[1] * 1e6) / 1e6];

// --- cycle network (approximate facility per way, from its tags) -----------------------------------------------
const SCHEMA = {
  piste: 'PISTE CYCLABLE', bande: 'BANDE CYCLABLE', dsc_piste: 'DOUBLE SENS CYCLABLE PISTE',
  dsc_bande: 'DOUBLE SENS CYCLABLE BANDE', voie_verte: 'VOIE VERTE', velo_rue: 'VELO RUE',
  couloir_bus_velo: 'COULOIR BUS+VELO', mixte_pieton_velo: 'AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE',
};
const RANK = ['piste', 'dsc_piste', 'voie_verte', 'velo_rue', 'mixte_pieton_velo', 'couloir_bus_velo', 'bande', 'dsc_bande'];
const LTS = { piste: 1, dsc_piste: 1, voie_verte: 1, velo_rue: 1, mixte_pieton_velo: 1, couloir_bus_velo: 2, bande: 2, dsc_bande: 2 };
const SIDE_VALUES = {
  track: 'piste', lane: 'bande', opposite_track: 'dsc_piste', opposite_lane: 'dsc_bande', share_busway: 'couloir_bus_velo',
  opposite_share_busway: 'couloir_bus_velo',
};

function facilityOf(p) {
  const hw = p.highway;
  if (!hw) return null;
  if (hw === 'cycleway') return 'piste';
  if ((hw === 'path' || hw === 'footway' || hw === 'pedestrian') && p.bicycle === 'designated') {
    return p.segregated === 'yes' ? 'piste' : (hw === 'path' ? 'voie_verte' : 'mixte_pieton_velo');
  }
  if (p.cyclestreet === 'yes' || p.bicycle_road === 'yes') return 'velo_rue';
  const found = [];
  for (const k of ['cycleway', 'cycleway:right', 'cycleway:left', 'cycleway:both']) {
    const f = SIDE_VALUES[p[k]];
    if (f) found.push(f);
  }
  if (p.busway === 'lane' && p.bicycle !== 'no') found.push('couloir_bus_velo');
  if (!found.length) return null;
  return RANK.find((f) => found.includes(f));
}

const network = [];
const streets = []; // the other highway ways: the street layer drawn under the network
const stations = [];
const bbox = [Infinity, Infinity, -Infinity, -Infinity];
for (const line of fs.readFileSync(seq, 'utf8').split('\n')) {
  const t = line.replace(/^\x1e/, '').trim();
  if (!t) continue;
  const f = JSON.parse(t);
  const p = f.properties || {};
  if (f.geometry.type === 'LineString' && p.highway) {
    for (const c of f.geometry.coordinates) {
      bbox[0] = Math.min(bbox[0], c[0]); bbox[1] = Math.min(bbox[1], c[1]);
      bbox[2] = Math.max(bbox[2], c[0]); bbox[3] = Math.max(bbox[3], c[1]);
    }
    const key = facilityOf(p);
    if (!key) {
      streets.push({
        type: 'Feature',
        geometry: { type: 'LineString', coordinates: f.geometry.coordinates.map(round6) },
        properties: { highway: p.highway, name: p.name || p.ref || '' },
      });
      continue;
    }
    network.push({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: f.geometry.coordinates.map(round6) },
      properties: { facility: SCHEMA[key], facility_key: key, lts: LTS[key], name: p.name || p.ref || '' },
    });
  } else if (f.geometry.type === 'Point' && p.amenity === 'bicycle_rental') {
    stations.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: round6(f.geometry.coordinates) },
      properties: { status: 'existing', name: p.name || '', operator: p.operator || '', capacity: p.capacity ? Number(p.capacity) : null, ref: p.ref || '' },
    });
  }
}
const r6 = (x) => Math.round(x * 1e6) / 1e6;
const meta = readJSON(path.join(analyzeDir, 'run.json'));
meta.bbox = bbox.map(r6);

// Two planned and two suggested stations, invented for the mock only (issue 4 defines the real ones).
const gaps = readJSON(path.join(analyzeDir, 'gaps.geojson'));
const mid = (g) => g.geometry.coordinates[Math.floor(g.geometry.coordinates.length / 2)];
const ranked = gaps.features.filter((g) => g.properties.rank != null);
for (const [i, g] of ranked.slice(3, 7).entries()) {
  const [lon, lat] = mid(g);
  stations.push({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [r6(lon + 0.0006), r6(lat + 0.0004)] },
    properties: { status: i < 2 ? 'planned' : 'suggested', name: `Station fictive ${i + 1} (maquette)`, operator: '', capacity: null, ref: '' },
  });
}

// --- QPV of the area with their indicator row --------------------------------------------------------------------
const indicators = readJSON(path.join(analyzeDir, 'indicators.json'));
const rows = new Map(indicators.rows.filter((r) => r.scope === 'qpv').map((r) => [r.code, r]));
const qpv = readJSON(qpvFile).features
  .filter((f) => rows.has(f.properties.code))
  .map((f) => ({ type: 'Feature', geometry: f.geometry, properties: rows.get(f.properties.code) }));

const fc = (features, extra = {}) => ({ type: 'FeatureCollection', ...extra, features });
fs.mkdirSync(out, { recursive: true });
const write = (name, obj) => fs.writeFileSync(path.join(out, name), JSON.stringify(obj) + '\n');
write('meta.json', meta);
write('gaps.geojson', gaps);
write('indicators.json', indicators);
write('network.geojson', fc(network));
write('qpv.geojson', fc(qpv));
write('stations.geojson', fc(stations));
write('streets.geojson', fc(streets));
fs.copyFileSync(path.join(analyzeDir, 'candidates.geojson'), path.join(out, 'candidates.geojson'));
fs.copyFileSync(path.join(analyzeDir, 'gaps.csv'), path.join(out, 'gaps.csv'));
console.log(`fixtures written to ${out}: ${gaps.features.length} gaps, ${network.length} network ways, ` +
  `${qpv.length} QPV, ${stations.length} stations, ${streets.length} streets, bbox ${meta.bbox.join(',')}`);
if (!args.includes('--keep')) fs.rmSync(tmp, { recursive: true, force: true });
