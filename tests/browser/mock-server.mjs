#!/usr/bin/env node
// A stand-in for `maillon serve` while the C++ server is being written: serves web-static/ at /, Leaflet at
// /vendor/leaflet/, and the HTTP API of docs/api.md from canned responses (tests/browser/fixtures/, made by
// make-fixtures.mjs from a real `maillon analyze` run). Filters, paging, CSV and errors follow docs/api.md;
// the route is invented (an L-shaped "low-stress" route and a straight "shortest" one).
//
//   node tests/browser/mock-server.mjs [--port N] [--bind ADDR] [--fixtures DIR]
//
// --port 0 picks a free port. The first line on stdout is "listening on http://ADDR:PORT/".
// MOCK_FAIL=<substring> makes every API path containing it answer 500 Internal (to look at the error states).
// MOCK_DELAY_MS=<n> delays every API answer.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const port = Number(opt('--port', process.env.PORT || 8090));
const bind = opt('--bind', '127.0.0.1');
const fixtures = path.resolve(opt('--fixtures', path.join(here, 'fixtures')));
const webRoot = path.join(repo, 'web-static');
const leafletRoot = path.join(webRoot, 'node_modules', 'leaflet', 'dist');
const failOn = process.env.MOCK_FAIL || '';
const delayMs = Number(process.env.MOCK_DELAY_MS || 0);

const load = (name) => JSON.parse(fs.readFileSync(path.join(fixtures, name), 'utf8'));
const meta = load('meta.json');
const gaps = load('gaps.geojson');
const indicators = load('indicators.json');
const network = load('network.geojson');
const qpv = load('qpv.geojson');
const stations = load('stations.geojson');
const candidates = load('candidates.geojson');
const streets = load('streets.geojson');
const ATTRIBUTION = '© OpenStreetMap contributors (ODbL); QPV: ANCT (Licence Ouverte 2.0)';
const CLASSES = ['street', 'crossing', 'bridge', 'tunnel', 'roundabout', 'contraflow', 'data'];
const STATUSES = ['existing', 'planned', 'suggested'];

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// parameter parsing, as docs/api.md describes it

function checkParams(q, allowed) {
  for (const k of q.keys()) {
    if (!allowed.includes(k)) {
      throw new ApiError(400, 'UnknownParameter', `unknown parameter '${k}' (this endpoint takes: ${allowed.join(', ') || 'none'})`);
    }
  }
}

function num(q, name, { min = -Infinity, max = Infinity, int = false, def } = {}) {
  if (!q.has(name)) return def;
  const s = q.get(name);
  const v = Number(s);
  if (s.trim() === '' || !Number.isFinite(v) || (int && !Number.isInteger(v)) || v < min || v > max) {
    const range = `${min === -Infinity ? '' : min}–${max === Infinity ? '' : max}`;
    throw new ApiError(400, 'InvalidValue', `'${name}' must be ${int ? 'an integer' : 'a number'}${range !== '–' ? ' in ' + range : ''}, got '${s}'`);
  }
  return v;
}

function bboxParam(q) {
  if (!q.has('bbox')) return null;
  const parts = q.get('bbox').split(',').map((s) => Number(s));
  const bad = parts.length !== 4 || parts.some((v) => !Number.isFinite(v));
  if (bad || parts[0] > parts[2] || parts[1] > parts[3] || parts[0] < -180 || parts[2] > 180 || parts[1] < -90 || parts[3] > 90) {
    throw new ApiError(400, 'InvalidBbox', `'bbox' must be minlon,minlat,maxlon,maxlat within [-180, 180] × [-90, 90] with min ≤ max, got '${q.get('bbox')}'`);
  }
  return parts;
}

function listParam(q, name, allowed) {
  if (!q.has(name)) return null;
  const vals = q.get(name).split(',').map((s) => s.trim()).filter(Boolean);
  for (const v of vals) {
    if (!allowed.includes(v)) throw new ApiError(400, 'InvalidValue', `'${name}' must be one of ${allowed.join(', ')} (comma-separated), got '${v}'`);
  }
  return vals;
}

function lonLat(q, name) { // returns [lat, lon] for the code below
  if (!q.has(name)) throw new ApiError(400, 'MissingParameter', `'${name}' is required, as lon,lat`);
  const p = q.get(name).split(',').map(Number);
  if (p.length !== 2 || p.some((v) => !Number.isFinite(v)) || Math.abs(p[1]) > 90 || Math.abs(p[0]) > 180) {
    throw new ApiError(400, 'InvalidValue', `'${name}' must be lon,lat in degrees, got '${q.get(name)}'`);
  }
  return [p[1], p[0]];
}

// ---------------------------------------------------------------------------------------------------------------
// geometry helpers

function featureBbox(f) {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const walk = (c) => {
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]); b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
    } else c.forEach(walk);
  };
  walk(f.geometry.coordinates);
  return b;
}
const intersects = (a, b) => !(a[2] < b[0] || a[0] > b[2] || a[3] < b[1] || a[1] > b[3]);
const inBbox = (bbox) => (f) => !bbox || intersects(featureBbox(f), bbox);

function metres(a, b) { // [lon, lat]
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dlat = (b[1] - a[1]) * rad;
  const dlon = (b[0] - a[0]) * rad;
  const h = Math.sin(dlat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dlon / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(h));
}
const lineLength = (cs) => cs.slice(1).reduce((s, c, i) => s + metres(cs[i], c), 0);

// ---------------------------------------------------------------------------------------------------------------
// endpoints

function csvOf(features) {
  const cols = ['rank', 'score', 'class', 'kind', 'length_m', 'qpv_pop', 'qpv_weight', 'weight_unit', 'qpv_codes', 'qpv_names',
    'all_weight', 'trips', 'detour_removed_m', 'network_distance_m', 'network_km_joined', 'joins_components', 'street_names',
    'commune', 'highway', 'maxspeed_kmh', 'lanes', 'max_lts', 'treatment', 'qpv_term', 'trips_term', 'detour_term',
    'network_term', 'cost', 'merged_candidates', 'from_osm_node', 'to_osm_node', 'lon', 'lat'];
  const cell = (v) => {
    if (v == null) return '';
    if (Array.isArray(v)) v = v.join(';');
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [cols.join(',')];
  for (const f of features) {
    const cs = f.geometry.coordinates;
    const m = cs[Math.floor((cs.length - 1) / 2)];
    const row = { ...f.properties, lon: m[0].toFixed(5), lat: m[1].toFixed(5) };
    lines.push(cols.map((c) => cell(row[c])).join(','));
  }
  return lines.join('\n') + '\n';
}

function apiGaps(q) {
  checkParams(q, ['bbox', 'limit', 'offset', 'class', 'commune', 'qpv', 'min_score', 'format']);
  const bbox = bboxParam(q);
  const limit = num(q, 'limit', { min: 1, max: 5000, int: true, def: 500 });
  const offset = num(q, 'offset', { min: 0, int: true, def: 0 });
  const classes = listParam(q, 'class', CLASSES);
  const minScore = num(q, 'min_score', { def: null });
  const format = q.get('format') || 'geojson';
  if (!['geojson', 'csv'].includes(format)) throw new ApiError(400, 'InvalidValue', `'format' must be geojson or csv, got '${format}'`);
  const commune = q.get('commune');
  const code = q.get('qpv');
  const all = gaps.features.filter((f) => {
    const p = f.properties;
    return inBbox(bbox)(f) && (!classes || classes.includes(p.class)) && (commune == null || commune === '' || p.commune === commune) &&
      (code == null || code === '' || (p.qpv_codes || []).includes(code)) && (minScore == null || p.score >= minScore);
  });
  const page = all.slice(offset, offset + limit);
  if (format === 'csv') return { type: 'text/csv; charset=utf-8', body: csvOf(page) };
  const { features, ...top } = gaps;
  return { ...top, total: all.length, offset, limit, features: page };
}

function apiNetwork(q) {
  checkParams(q, ['bbox', 'zoom']);
  const bbox = bboxParam(q);
  const zoom = num(q, 'zoom', { min: 0, max: 20, int: true, def: 16 });
  if (zoom < 12) throw new ApiError(413, 'TooLarge', `the network at zoom ${zoom} would exceed the result bound: narrow the bbox or raise the zoom`);
  return { type: 'FeatureCollection', features: network.features.filter(inBbox(bbox)) };
}

function apiStations(q) {
  checkParams(q, ['status', 'bbox']);
  const bbox = bboxParam(q);
  const st = listParam(q, 'status', STATUSES);
  return { type: 'FeatureCollection', features: stations.features.filter((f) => inBbox(bbox)(f) && (!st || st.includes(f.properties.status))) };
}

function apiRoute(q) {
  checkParams(q, ['from', 'to', 'max_snap_m']);
  const from = lonLat(q, 'from');
  const to = lonLat(q, 'to');
  const maxSnap = num(q, 'max_snap_m', { min: 0, def: 300 });
  const b = meta.bbox;
  const margin = maxSnap / 111000;
  for (const [name, p] of [['from', from], ['to', to]]) {
    if (p[1] < b[0] - margin || p[1] > b[2] + margin || p[0] < b[1] - margin || p[0] > b[3] + margin) {
      throw new ApiError(400, 'NoSegment', `'${name}' (${p.join(',')}) is farther than ${maxSnap} m from any usable way`);
    }
  }
  const a = [from[1], from[0]];
  const z = [to[1], to[0]];
  const shortestCs = [a, [(a[0] + z[0]) / 2 + 0.0003, (a[1] + z[1]) / 2], z];
  const lowCs = [a, [a[0], z[1]], z];
  const feature = (cs) => ({ type: 'Feature', geometry: { type: 'LineString', coordinates: cs }, properties: { length_m: Math.round(lineLength(cs)) } });
  const low = metres(a, z) < 30 ? null : feature(lowCs);
  const shortest = feature(shortestCs);
  return {
    low_stress: low,
    shortest,
    detour_ratio: low ? Math.round((low.properties.length_m / shortest.properties.length_m) * 100) / 100 : null,
    snap: { from_m: 4.2, to_m: 7.9 },
  };
}

// The street layer: the fixtures' highway ways outside the approximated network, by the zoom bands of docs/api.md.
const BAND_CLASSES = [
  null, // 15+: every way
  ['motorway', 'trunk', 'primary', 'secondary', 'tertiary', 'unclassified', 'residential', 'living_street', 'pedestrian', 'road', 'busway'],
  ['motorway', 'trunk', 'primary', 'secondary', 'tertiary'],
  ['motorway', 'trunk', 'primary', 'secondary'],
];
function apiStreets(q) {
  checkParams(q, ['bbox', 'zoom']);
  const bbox = bboxParam(q);
  const zoom = num(q, 'zoom', { min: 0, max: 22, int: true, def: 16 });
  const classes = BAND_CLASSES[zoom >= 15 ? 0 : zoom >= 13 ? 1 : zoom >= 11 ? 2 : 3];
  return { type: 'FeatureCollection', zoom, features: streets.features.filter((f) => inBbox(bbox)(f) && (!classes || classes.includes(f.properties.highway))) };
}

const fold = (s) => String(s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

// Street names of the fixtures' gaps and network, as the real server's place search would list them.
function apiSearch(q) {
  checkParams(q, ['q', 'limit', 'kind']);
  if (!q.has('q')) throw new ApiError(400, 'MissingParameter', 'search needs q=<part of a street or commune name>');
  const want = fold(q.get('q'));
  if (want.length < 2) throw new ApiError(400, 'InvalidValue', `parameter 'q' needs at least 2 letters or digits, not '${q.get('q')}'`);
  const limit = num(q, 'limit', { min: 1, max: 50, int: true, def: 10 });
  const kinds = listParam(q, 'kind', ['street', 'commune']);
  const byName = new Map();
  for (const f of [...network.features, ...gaps.features]) {
    for (const name of f.properties.street_names || [f.properties.name]) {
      if (!name) continue;
      const b = featureBbox(f);
      const e = byName.get(name) || { kind: 'street', name, commune: f.properties.commune || '', insee: '', bbox: b };
      e.bbox = [Math.min(e.bbox[0], b[0]), Math.min(e.bbox[1], b[1]), Math.max(e.bbox[2], b[2]), Math.max(e.bbox[3], b[3])];
      byName.set(name, e);
    }
  }
  const found = [...byName.values()].filter((e) => (!kinds || kinds.includes(e.kind)) && fold(e.name).includes(want))
    .map((e) => ({ ...e, center: [(e.bbox[0] + e.bbox[2]) / 2, (e.bbox[1] + e.bbox[3]) / 2], length_m: 0 }));
  return { query: q.get('q'), total: found.length, limit, results: found.slice(0, limit) };
}

function apiCandidates(q) {
  checkParams(q, ['bbox', 'limit', 'offset', 'status', 'class']);
  const bbox = bboxParam(q);
  const limit = num(q, 'limit', { min: 1, max: 5000, int: true, def: 500 });
  const offset = num(q, 'offset', { min: 0, int: true, def: 0 });
  const st = listParam(q, 'status', ['below_benefit', 'easy_junction', 'edge']);
  const classes = listParam(q, 'class', CLASSES);
  const all = candidates.features.filter((f) => inBbox(bbox)(f) && (!st || st.includes(f.properties.status))
    && (!classes || classes.includes(f.properties.class)));
  return { type: 'FeatureCollection', total: all.length, offset, limit, benefit_cut: meta.benefit?.cut ?? 0, features: all.slice(offset, offset + limit) };
}

function route(url) {
  const q = url.searchParams;
  switch (url.pathname) {
    case '/api/v1/meta': checkParams(q, []); return { ...meta, attribution: ATTRIBUTION };
    case '/api/v1/gaps': return apiGaps(q);
    case '/api/v1/stations': return apiStations(q);
    case '/api/v1/network': return apiNetwork(q);
    case '/api/v1/qpv': checkParams(q, ['bbox']); return { type: 'FeatureCollection', features: qpv.features.filter(inBbox(bboxParam(q))) };
    case '/api/v1/indicators': checkParams(q, []); return indicators;
    case '/api/v1/route': return apiRoute(q);
    case '/api/v1/streets': return apiStreets(q);
    case '/api/v1/search': return apiSearch(q);
    case '/api/v1/candidates': return apiCandidates(q);
    default: throw new ApiError(404, 'NotFound', `no such path: ${url.pathname}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.png': 'image/png', '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon', '.map': 'application/json',
};

function send(req, res, status, type, body) {
  let buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
  const headers = { 'Content-Type': type, 'Cache-Control': 'no-store' };
  if (buf.length > 1024 && /\bgzip\b/.test(req.headers['accept-encoding'] || '')) {
    buf = zlib.gzipSync(buf);
    headers['Content-Encoding'] = 'gzip';
  }
  headers['Content-Length'] = buf.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : buf);
}

function sendError(req, res, e) {
  send(req, res, e.status, 'application/json; charset=utf-8', JSON.stringify({ error: { code: e.code, message: e.message } }));
}

function serveFile(req, res, root, rel) {
  const file = path.resolve(root, '.' + path.posix.normalize('/' + decodeURIComponent(rel)));
  if (!file.startsWith(root)) return sendError(req, res, new ApiError(404, 'NotFound', 'no such file'));
  fs.stat(file, (err, st) => {
    if (!err && st.isDirectory()) return serveFile(req, res, root, path.posix.join(rel, 'index.html'));
    if (err) return sendError(req, res, new ApiError(404, 'NotFound', `no such file: ${rel}`));
    send(req, res, 200, TYPES[path.extname(file)] || 'application/octet-stream', fs.readFileSync(file));
  });
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendError(req, res, new ApiError(405, 'MethodNotAllowed', `${req.method} is not allowed: use GET`));
  }
  if (url.pathname.startsWith('/api/')) {
    const answer = () => {
      try {
        if (failOn && url.pathname.includes(failOn)) throw new ApiError(500, 'Internal', `mock failure on ${url.pathname} (MOCK_FAIL)`);
        const r = route(url);
        if (r && typeof r.body === 'string') return send(req, res, 200, r.type, r.body);
        return send(req, res, 200, url.pathname === '/api/v1/meta' || url.pathname.endsWith('indicators') || url.pathname.endsWith('route') || url.pathname.endsWith('search')
          ? 'application/json; charset=utf-8' : 'application/geo+json; charset=utf-8', JSON.stringify(r));
      } catch (e) {
        if (e instanceof ApiError) return sendError(req, res, e);
        console.error(e);
        return sendError(req, res, new ApiError(500, 'Internal', String(e && e.message)));
      }
    };
    return delayMs ? setTimeout(answer, delayMs) : answer();
  }
  if (url.pathname.startsWith('/vendor/leaflet/')) return serveFile(req, res, leafletRoot, url.pathname.slice('/vendor/leaflet/'.length));
  if (url.pathname.startsWith('/node_modules/')) return sendError(req, res, new ApiError(404, 'NotFound', 'not served'));
  return serveFile(req, res, webRoot, url.pathname);
});

server.listen(port, bind, () => {
  const a = server.address();
  console.log(`listening on http://${a.address}:${a.port}/`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
