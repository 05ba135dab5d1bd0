// The Leaflet map: no background tiles by default (the cycle network draws the city), an optional tile URL remembered
// in localStorage, and the layers: cycle network by facility, gaps by priority, QPV, stations. Leaflet is the global L
// loaded from /vendor/leaflet/leaflet.js.

import { getJSON, showError, showNotice, ApiError } from './api.js';
import {
  BUCKETS, FACILITIES, STATUS_LABELS, bucketOf, classLabel, escapeHtml, facilityStyle, fmt, fmtShare, gapPropertyRows,
} from './labels.js';

const L = window.L;
const TILE_KEY = 'maillon.tileUrl';
const LEGEND_KEY = 'maillon.legend';
const ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap contributors</a> (ODbL) · QPV : ANCT (Licence Ouverte 2.0)';
const LABELLED_RANKS = 10; // gaps labelled with their rank on the map

export function gapPopupHtml(p, ctx = {}) {
  const groups = gapPropertyRows(p, ctx);
  const title = p.rank == null ? `Erreur de données OSM` : `Rang ${fmt(p.rank)} · ${escapeHtml(classLabel(p.class))}`;
  const body = groups.map((g) => `<tbody><tr class="popup-group"><th colspan="2" scope="colgroup">${escapeHtml(g.title)}</th></tr>${
    g.rows.map((r) => `<tr data-key="${escapeHtml(r.key)}"><th scope="row">${escapeHtml(r.label)}</th><td>${
      r.value && r.value.html ? r.value.html : escapeHtml(r.value)}</td></tr>`).join('')}</tbody>`).join('');
  return `<div class="gap-popup"><h3>${title}</h3><table class="props">${body}</table></div>`;
}

function midpoint(latlngs) {
  // the point halfway along the line, for labels and popups
  if (latlngs.length === 1) return latlngs[0];
  let total = 0;
  const seg = [];
  for (let i = 1; i < latlngs.length; i++) {
    const d = latlngs[i - 1].distanceTo(latlngs[i]);
    seg.push(d);
    total += d;
  }
  let half = total / 2;
  for (let i = 0; i < seg.length; i++) {
    if (half <= seg[i] && seg[i] > 0) {
      const t = half / seg[i];
      const a = latlngs[i];
      const b = latlngs[i + 1];
      return L.latLng(a.lat + (b.lat - a.lat) * t, a.lng + (b.lng - a.lng) * t);
    }
    half -= seg[i];
  }
  return latlngs[Math.floor(latlngs.length / 2)];
}

const toLatLngs = (geom) => (geom.type === 'LineString' ? geom.coordinates.map(([x, y]) => L.latLng(y, x)) : []);

export function createMap(el, { meta, onGapClick, onGapDeselect, getPopupContext }) {
  const map = L.map(el, {
    zoomControl: true,
    attributionControl: false,
    preferCanvas: false,
    minZoom: 5,
    maxZoom: 19,
    zoomSnap: 0.25,
    zoomDelta: 1,
    boxZoom: true,
  });
  L.control.attribution({ prefix: '<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>' })
    .addAttribution(ATTRIBUTION + (meta?.population?.grid ? ' · Population : Insee, Filosofi (Licence Ouverte 2.0)' : '')).addTo(map);
  L.control.scale({ metric: true, imperial: false, maxWidth: 160, position: 'bottomleft' }).addTo(map);

  const pane = (name, z) => {
    map.createPane(name);
    map.getPane(name).style.zIndex = z;
    return L.svg({ pane: name, padding: 0.3, tolerance: 4 });
  };
  const qpvRenderer = pane('qpv', 350);
  const networkRenderer = pane('network', 400);
  const gapsRenderer = pane('gaps', 450);
  const routeRenderer = pane('route', 470);
  map.createPane('stations').style.zIndex = 440; // under the gaps, so that a gap stays clickable

  const layers = {
    network: L.layerGroup().addTo(map),
    qpv: L.layerGroup().addTo(map),
    gaps: L.featureGroup().addTo(map),
    stations: L.layerGroup().addTo(map),
    route: L.layerGroup().addTo(map),
  };
  let tiles = null;
  let gapItems = [];
  let selected = null;
  let selectedPopup = null;
  let routeMode = false;

  // ---------------------------------------------------------------------------------------------------------------
  // optional background tiles

  function setTiles(url) {
    if (tiles) {
      map.removeLayer(tiles);
      tiles = null;
    }
    if (!url) {
      localStorage.removeItem(TILE_KEY);
      legend.setTilesRow(false);
      return;
    }
    localStorage.setItem(TILE_KEY, url);
    let host = url;
    try { host = new URL(url.replace(/\{[a-z]\}/g, 'a')).host; } catch { /* keep the text */ }
    let warned = false;
    tiles = L.tileLayer(url, { maxZoom: 19, opacity: 0.55, attribution: `Fond de carte : ${escapeHtml(host)}`, crossOrigin: false })
      .on('tileerror', () => {
        if (!warned) showNotice('Le fond de carte ne se charge pas (hors ligne ?) : la carte reste utilisable sans lui.');
        warned = true;
      })
      .addTo(map);
    legend.setTilesRow(true);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // legend and layer switches (one control, collapsible)

  const legend = buildLegend(map, layers, () => tiles);
  // keep what is fitted clear of the controls: zoom and route buttons on the left, legend on the right
  const fitTo = (bounds, { extra = 10, ...opts } = {}) => {
    const w = map.getSize().x;
    map.fitBounds(bounds, {
      paddingTopLeft: [Math.min(60, w * 0.1) + extra, extra],
      paddingBottomRight: [Math.min(legend.width(), w * 0.35) + extra, extra + 20],
      ...opts,
    });
  };

  // ---------------------------------------------------------------------------------------------------------------
  // cycle network, loaded for the view

  let netAbort = null;
  let netTimer = null;
  function loadNetwork() {
    if (!map.hasLayer(layers.network)) return;
    clearTimeout(netTimer);
    netTimer = setTimeout(async () => {
      if (netAbort) netAbort.abort();
      netAbort = new AbortController();
      const b = map.getBounds().pad(0.25);
      const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5));
      const zoom = Math.max(0, Math.min(20, Math.round(map.getZoom())));
      legend.setNetworkStatus('Chargement du réseau…');
      try {
        const fc = await getJSON('/network', { bbox, zoom }, { signal: netAbort.signal });
        drawNetwork(fc);
        legend.setNetworkStatus(fc.features.length ? '' : 'Aucun aménagement cyclable dans cette zone.');
      } catch (e) {
        if (e.name === 'AbortError') return;
        if (e instanceof ApiError && e.code === 'TooLarge') {
          layers.network.clearLayers();
          legend.setNetworkStatus('Zoomez pour afficher le réseau cyclable.');
        } else {
          legend.setNetworkStatus('Réseau cyclable indisponible.');
          showError(e, 'Réseau cyclable');
        }
      }
    }, 200);
  }

  function drawNetwork(fc) {
    layers.network.clearLayers();
    const present = new Set();
    const weight = map.getZoom() >= 16 ? 3.5 : map.getZoom() >= 14 ? 2.5 : 1.8;
    const layer = L.geoJSON(fc, {
      renderer: networkRenderer,
      interactive: true,
      style: (f) => {
        const [, , color, dash] = facilityStyle(f.properties.facility_key);
        present.add(f.properties.facility_key);
        return { color, weight, opacity: 0.95, dashArray: dash, lineCap: 'butt' };
      },
      onEachFeature: (f, l) => {
        const p = f.properties;
        const [schema, label] = facilityStyle(p.facility_key);
        l.bindTooltip(`<strong>${escapeHtml(label)}</strong>${p.name ? `<br>${escapeHtml(p.name)}` : ''}<br>Schéma national : ${escapeHtml(p.facility || schema)}${p.lts != null ? `<br>Stress (LTS) : ${p.lts} sur 4` : ''}`, { sticky: true, className: 'net-tip' });
      },
    });
    layers.network.addLayer(layer);
    legend.setFacilities(present);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // gaps

  function setGaps(features) {
    layers.gaps.clearLayers();
    map.closePopup();
    selected = null;
    gapItems = [];
    const weight = 8;
    // lowest priority first, so that the best-ranked gaps are drawn on top
    const order = features.map((f, i) => i).reverse();
    for (const i of order) {
      const f = features[i];
      const latlngs = toLatLngs(f.geometry);
      if (latlngs.length < 2) continue;
      const p = f.properties;
      const bucket = bucketOf(p.rank);
      const casing = L.polyline(latlngs, { renderer: gapsRenderer, color: '#111', weight: weight + 5, opacity: 1, lineCap: 'round', lineJoin: 'round', interactive: false });
      const line = L.polyline(latlngs, {
        renderer: gapsRenderer, color: bucket.color, weight, opacity: 1, lineCap: 'round', lineJoin: 'round',
        dashArray: p.rank == null ? '2 10' : null, className: `gap-line gap-${bucket.id}`,
      });
      line.bindTooltip(`${p.rank == null ? 'Erreur de données' : `Rang ${p.rank}`} · ${escapeHtml(classLabel(p.class))}<br>${escapeHtml((p.street_names || []).join(', ') || '')}`, { sticky: true, className: 'net-tip' });
      const item = { feature: f, index: i, casing, line, mid: midpoint(latlngs), label: null };
      line.on('click', (e) => {
        if (routeMode) return; // the route tool takes the click (it bubbles to the map)
        L.DomEvent.stopPropagation(e);
        onGapClick(item.index);
      });
      layers.gaps.addLayer(casing).addLayer(line);
      // the ten first of the list: the top ten ranks, or the ten best of a filtered list
      if (p.rank != null && i < LABELLED_RANKS) {
        item.label = L.tooltip({ permanent: true, direction: 'right', offset: [9, 0], className: `rank-label rank-${bucket.id}`, interactive: false })
          .setLatLng(item.mid).setContent(String(p.rank));
        layers.gaps.addLayer(item.label);
      }
      gapItems[i] = item;
    }
  }

  function highlight(index, on) {
    const it = gapItems[index];
    if (!it || it === selected) return;
    it.line.setStyle({ weight: on ? 12 : 8 });
    it.casing.setStyle({ weight: on ? 18 : 13, color: on ? '#000' : '#111' });
    if (on) { it.casing.bringToFront(); it.line.bringToFront(); }
  }

  function selectGap(index, { zoom = true } = {}) {
    const it = gapItems[index];
    if (!it) return;
    if (selected && selected !== it) {
      const prev = selected;
      selected = null;
      highlight(prev.index, false);
      prev.casing.setStyle({ color: '#111' });
    }
    highlight(index, true);
    it.casing.setStyle({ color: '#00e5ff' });
    selected = it;
    if (zoom) {
      fitTo(it.line.getBounds(), { maxZoom: 17, extra: 60, animate: false });
    }
    selectedPopup = L.popup({ maxWidth: 420, minWidth: 300, maxHeight: Math.max(240, Math.round(map.getSize().y * 0.62)), autoPanPadding: [20, 20], className: 'gap-popup-wrap' })
      .setLatLng(it.mid)
      .setContent(gapPopupHtml(it.feature.properties, getPopupContext ? getPopupContext() : {}));
    selectedPopup.openOn(map);
  }
  map.on('popupclose', (e) => {
    // only the closing of the selected gap's popup ends the selection (opening another one closes the old popup)
    if (e.popup !== selectedPopup || !selected) return;
    const s = selected;
    selected = null;
    selectedPopup = null;
    s.casing.setStyle({ color: '#111' });
    highlight(s.index, false);
    onGapDeselect && onGapDeselect(s.index);
  });

  function fitGaps() {
    if (layers.gaps.getLayers().length) fitTo(layers.gaps.getBounds(), { maxZoom: 17 });
  }

  // ---------------------------------------------------------------------------------------------------------------
  // QPV

  function setQpv(fc) {
    layers.qpv.clearLayers();
    const layer = L.geoJSON(fc, {
      renderer: qpvRenderer,
      style: () => ({ color: '#7a4a00', weight: 2.5, opacity: 1, fillColor: '#f6c343', fillOpacity: 0.28, dashArray: '6 4' }),
      onEachFeature: (f, l) => {
        const p = f.properties;
        l.bindTooltip(escapeHtml(p.name || p.nom || p.code || 'QPV'), { permanent: true, direction: 'center', className: 'qpv-label', interactive: false });
        l.on('click', (e) => {
          if (routeMode) return; // the route tool takes the click
          L.popup({ maxWidth: 380 }).setLatLng(e.latlng).setContent(qpvPopupHtml(p)).openOn(map);
        });
      },
    });
    layers.qpv.addLayer(layer);
  }

  function qpvPopupHtml(p) {
    const rows = [
      ['Code', p.code],
      ['Commune', p.commune],
      ['Habitants', p.residents == null ? 'inconnu' : fmt(p.residents)],
      ['Surface (ha)', fmt(p.area_ha, 1)],
      ['Part à 300 m du réseau cyclable', fmtShare(p.share_near_network)],
      ['Part à 300 m d’un aménagement apaisé (LTS ≤ 2)', fmtShare(p.share_near_low_stress)],
      ['Réseau cyclable dans le QPV (km)', fmt(p.km_network_inside, 2)],
      ['Réseau cyclable à 300 m (km)', fmt(p.km_network_within, 2)],
      ['Meilleurs maillons (rangs)', (p.top_gaps || []).join(', ') || '—'],
    ].filter(([, v]) => v != null && v !== '');
    return `<div class="gap-popup"><h3>QPV ${escapeHtml(p.name || p.nom || '')}</h3><table class="props"><tbody>${
      rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table></div>`;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // stations

  function setStations(fc) {
    layers.stations.clearLayers();
    const layer = L.geoJSON(fc, {
      pointToLayer: (f, latlng) => L.marker(latlng, { icon: stationIcon(f.properties.status), pane: 'stations', keyboard: false }),
      onEachFeature: (f, l) => {
        const p = f.properties;
        const rows = Object.entries(p).filter(([k, v]) => k !== 'status' && v != null && v !== '');
        l.bindPopup(`<div class="gap-popup"><h3>${escapeHtml(STATUS_LABELS[p.status] || 'Station')}</h3><table class="props"><tbody>${
          rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(STATION_FIELDS[k] || k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table></div>`);
      },
    });
    layers.stations.addLayer(layer);
    legend.setStatuses(new Set(fc.features.map((f) => (STATUS_LABELS[f.properties.status] ? f.properties.status : 'existing'))));
  }

  // ---------------------------------------------------------------------------------------------------------------

  map.on('moveend', loadNetwork);
  // a narrow map (wide indicators panel, small screen) folds the legend; it comes back when there is room
  const foldLegend = () => legend.fold(map.getSize().x < 720);
  map.on('resize', foldLegend);
  foldLegend();
  map.on('zoomend', () => {
    const z = map.getZoom();
    el.classList.toggle('zoom-low', z < 13);
  });

  const saved = localStorage.getItem(TILE_KEY);
  if (saved) setTiles(saved);

  const bbox = meta && Array.isArray(meta.bbox) && meta.bbox.length === 4 ? meta.bbox : null;
  if (bbox) fitTo([[bbox[1], bbox[0]], [bbox[3], bbox[2]]]);
  else map.setView([48.8566, 2.3522], 12);

  return {
    map,
    layers,
    routeRenderer,
    setGaps,
    selectGap,
    highlight,
    fitGaps,
    setQpv,
    setStations,
    setTiles,
    getTileUrl: () => localStorage.getItem(TILE_KEY) || '',
    setRouteMode: (on) => {
      routeMode = on;
      el.classList.toggle('route-mode', on);
    },
    reloadNetwork: loadNetwork,
  };
}

const STATION_FIELDS = { name: 'Nom', operator: 'Exploitant', capacity: 'Capacité (places)', ref: 'Référence', station_id: 'Identifiant' };

export function stationIcon(status) {
  const cls = ['existing', 'planned', 'suggested'].includes(status) ? status : 'existing';
  return L.divIcon({ className: `station-icon station-${cls}`, iconSize: [16, 16], iconAnchor: [8, 8], popupAnchor: [0, -8], html: '<span></span>' });
}

// -----------------------------------------------------------------------------------------------------------------
// legend

function buildLegend(map, layers, getTiles) {
  let folding = false;
  const Control = L.Control.extend({
    options: { position: 'topright' },
    onAdd() {
      const div = L.DomUtil.create('div', 'legend leaflet-bar');
      div.id = 'legend';
      div.innerHTML = `
        <details ${localStorage.getItem(LEGEND_KEY) === 'closed' ? '' : 'open'}>
          <summary>Légende</summary>
          <section>
            <label class="layer-toggle"><input type="checkbox" data-layer="gaps" checked> Maillons manquants (rang)</label>
            <ul class="legend-items legend-grid">${BUCKETS.map((b) => `<li title="${escapeHtml(b.label)}"><span class="sw-gap ${b.id === 'data' ? 'sw-dashed' : ''}" style="--c:${b.color}"></span>${escapeHtml(b.short)}</li>`).join('')}</ul>
          </section>
          <section>
            <label class="layer-toggle"><input type="checkbox" data-layer="network" checked> Réseau cyclable</label>
            <ul class="legend-items" id="legend-facilities"></ul>
            <p class="legend-status" id="legend-network-status"></p>
          </section>
          <section>
            <label class="layer-toggle"><input type="checkbox" data-layer="qpv" checked> <span class="sw-qpv"></span> QPV</label>
          </section>
          <section class="legend-stations" hidden>
            <label class="layer-toggle"><input type="checkbox" data-layer="stations" checked> Stations vélo</label>
            <ul class="legend-items legend-inline">
              <li data-status="existing"><span class="station-icon station-existing"><span></span></span>existante</li>
              <li data-status="planned"><span class="station-icon station-planned"><span></span></span>prévue</li>
              <li data-status="suggested"><span class="station-icon station-suggested"><span></span></span>suggérée</li>
            </ul>
          </section>
          <section class="legend-tiles">
            <label class="layer-toggle" hidden><input type="checkbox" data-layer="tiles" checked> Fond de carte</label>
            <button type="button" class="link-button" data-action="tiles">Ajouter un fond de carte…</button>
          </section>
        </details>`;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      const details = div.querySelector('details');
      details.addEventListener('toggle', () => {
        if (folding) folding = false; // folded by the page, not by the user
        else localStorage.setItem(LEGEND_KEY, details.open ? 'open' : 'closed');
      });
      div.querySelector('[data-action="tiles"]').addEventListener('click', () => map.fire('maillon:tiles'));
      div.addEventListener('change', (e) => {
        const name = e.target.dataset.layer;
        if (!name) return;
        const layer = name === 'tiles' ? getTiles() : layers[name];
        if (!layer) return;
        if (e.target.checked) map.addLayer(layer);
        else map.removeLayer(layer);
        if (name === 'network' && e.target.checked) map.fire('moveend');
      });
      return div;
    },
  });
  const ctl = new Control().addTo(map);
  const root = ctl.getContainer();
  const all = Object.keys(FACILITIES);
  return {
    setFacilities(present) {
      const keys = all.filter((k) => present.has(k)).concat([...present].filter((k) => !all.includes(k)));
      root.querySelector('#legend-facilities').innerHTML = keys.map((k) => {
        const [schema, label, color, dash] = facilityStyle(k);
        return `<li title="${escapeHtml(schema)}"><svg class="sw-net" viewBox="0 0 28 10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke="${color}" stroke-width="4" ${dash ? `stroke-dasharray="${dash}"` : ''}/></svg>${escapeHtml(label)}</li>`;
      }).join('');
    },
    /** Shows the stations part of the legend with the statuses present only. */
    setStatuses(present) {
      root.querySelector('.legend-stations').hidden = present.size === 0;
      for (const li of root.querySelectorAll('.legend-stations li')) li.hidden = !present.has(li.dataset.status);
    },
    setNetworkStatus(text) {
      const p = root.querySelector('#legend-network-status');
      p.textContent = text;
      p.hidden = !text;
    },
    setTilesRow(on) {
      root.querySelector('.legend-tiles .layer-toggle').hidden = !on;
      root.querySelector('[data-action="tiles"]').textContent = on ? 'Changer le fond de carte…' : 'Ajouter un fond de carte…';
      root.querySelector('[data-layer="tiles"]').checked = true;
    },
    width: () => root.offsetWidth,
    fold(narrow) {
      const details = root.querySelector('details');
      const want = !narrow && localStorage.getItem(LEGEND_KEY) !== 'closed';
      if (details.open !== want) {
        folding = true;
        details.open = want;
      }
    },
  };
}
