// Two-click route tool: click the start, click the end → GET /api/v1/route → the low-stress route (green, LTS ≤ 2)
// and the shortest one (grey, dashed) with their lengths and the detour ratio. #route-toggle, #route-result.

import { getJSON, errorText, ApiError } from './api.js';
import { escapeHtml, fmt, fmtLength } from './labels.js';

const L = window.L;

export function createRouteTool(mapCtl) {
  const { map, routeRenderer } = mapCtl;
  const layer = L.layerGroup().addTo(map);
  let active = false;
  let start = null;
  let abort = null;

  const Control = L.Control.extend({
    options: { position: 'topleft' },
    onAdd() {
      const div = L.DomUtil.create('div', 'route-control leaflet-bar');
      div.innerHTML = `
        <button type="button" id="route-toggle" aria-pressed="false" title="Comparer l’itinéraire apaisé et le plus court entre deux points">
          <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true"><circle cx="5" cy="18" r="3" fill="currentColor"/><circle cx="19" cy="6" r="3" fill="currentColor"/><path d="M5 18 C 5 9, 19 15, 19 6" stroke="currentColor" stroke-width="2.2" fill="none"/></svg>
          <span>Itinéraire</span>
        </button>
        <div id="route-result" aria-live="polite" hidden></div>`;
      L.DomEvent.disableClickPropagation(div);
      L.DomEvent.disableScrollPropagation(div);
      return div;
    },
  });
  const ctl = new Control().addTo(map);
  const root = ctl.getContainer();
  const btn = root.querySelector('#route-toggle');
  const result = root.querySelector('#route-result');

  const pin = (latlng, letter) => L.marker(latlng, {
    icon: L.divIcon({ className: `route-pin route-pin-${letter}`, html: `<span>${letter}</span>`, iconSize: [28, 28], iconAnchor: [14, 14] }),
    pane: 'markerPane', keyboard: false, interactive: false,
  });

  function say(html) {
    result.innerHTML = html;
    result.hidden = false;
  }

  function setActive(on) {
    active = on;
    btn.setAttribute('aria-pressed', String(on));
    btn.classList.toggle('active', on);
    btn.querySelector('span').textContent = on ? 'Itinéraire (actif)' : 'Itinéraire';
    mapCtl.setRouteMode(on);
    if (on) {
      start = null;
      say('<p class="route-step"><strong>1.</strong> Cliquez sur la carte le <strong>point de départ</strong>.</p>' + clearButton('Annuler'));
    } else if (!layer.getLayers().length) {
      result.hidden = true;
    }
  }

  const clearButton = (label = 'Effacer l’itinéraire') => `<button type="button" class="btn btn-small" id="route-clear">${label}</button>`;

  function clear() {
    if (abort) abort.abort();
    layer.clearLayers();
    start = null;
    result.innerHTML = '';
    result.hidden = true;
    setActive(false);
  }

  btn.addEventListener('click', () => {
    if (active) clear();
    else {
      layer.clearLayers();
      setActive(true);
    }
  });
  result.addEventListener('click', (e) => {
    if (e.target.closest('#route-clear')) clear();
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && active) clear();
  });

  map.on('click', async (e) => {
    if (!active) return;
    if (!start) {
      layer.clearLayers();
      start = e.latlng;
      pin(start, 'A').addTo(layer);
      say('<p class="route-step"><strong>2.</strong> Cliquez sur la carte le <strong>point d’arrivée</strong>.</p>' + clearButton('Annuler'));
      return;
    }
    const end = e.latlng;
    pin(end, 'B').addTo(layer);
    const from = start;
    start = null;
    say('<p class="route-step">Calcul de l’itinéraire…</p>');
    if (abort) abort.abort();
    abort = new AbortController();
    try {
      const r = await getJSON('/route', {
        from: `${from.lng.toFixed(6)},${from.lat.toFixed(6)}`, // lon,lat like bbox and GeoJSON (docs/api.md)
        to: `${end.lng.toFixed(6)},${end.lat.toFixed(6)}`,
      }, { signal: abort.signal });
      draw(r);
    } catch (err) {
      if (err.name === 'AbortError') return;
      const hint = err instanceof ApiError && err.code === 'NoSegment'
        ? 'Un des points est trop loin d’une voie utilisable : cliquez plus près d’une rue.'
        : errorText(err);
      say(`<p class="route-error"><strong>Pas d’itinéraire.</strong> ${escapeHtml(hint)}</p><p class="route-detail">${escapeHtml(err.message || '')}</p>${clearButton()}`);
    }
    mapCtl.setRouteMode(false);
    active = false;
    btn.setAttribute('aria-pressed', 'false');
    btn.classList.remove('active');
    btn.querySelector('span').textContent = 'Itinéraire';
  });

  function line(feature, style) {
    if (!feature || !feature.geometry) return null;
    const latlngs = feature.geometry.coordinates.map(([x, y]) => [y, x]);
    L.polyline(latlngs, { renderer: routeRenderer, interactive: false, ...style.casing }).addTo(layer);
    return L.polyline(latlngs, { renderer: routeRenderer, interactive: false, ...style.line }).addTo(layer);
  }

  function draw(r) {
    const shortest = line(r.shortest, {
      casing: { color: '#fff', weight: 9, opacity: 0.9 },
      line: { color: '#4a4a4a', weight: 5, dashArray: '10 8', opacity: 1, className: 'route-shortest' },
    });
    const low = line(r.low_stress, {
      casing: { color: '#0b2e13', weight: 11, opacity: 1 },
      line: { color: '#2ee65c', weight: 6, opacity: 1, className: 'route-low-stress' },
    });
    const ls = r.low_stress?.properties?.length_m;
    const sh = r.shortest?.properties?.length_m;
    const ratio = r.detour_ratio;
    const snaps = r.snap || {};
    const far = [['Point de départ', snaps.from_m], ['Point d’arrivée', snaps.to_m]].filter(([, m]) => m != null && m > 50);
    say(`
      <table class="route-table"><tbody>
        <tr><th scope="row"><span class="sw-route sw-low"></span>Itinéraire apaisé (LTS ≤ 2)</th>
            <td>${low ? escapeHtml(fmtLength(ls)) : '<strong>aucun</strong>'}</td></tr>
        <tr><th scope="row"><span class="sw-route sw-short"></span>Itinéraire le plus court</th>
            <td>${shortest ? escapeHtml(fmtLength(sh)) : '—'}</td></tr>
        <tr><th scope="row">Rapport de détour</th>
            <td>${ratio == null ? '—' : `${escapeHtml(fmt(ratio, 2))}${ratio > 1 ? ` <span class="route-extra">(+${escapeHtml(fmt((ratio - 1) * 100))} %)</span>` : ''}`}</td></tr>
      </tbody></table>
      ${low ? '' : '<p class="route-warning">Aucun itinéraire n’est possible sur les seules voies apaisées (LTS ≤ 2) : il manque un maillon.</p>'}
      ${far.map(([w, m]) => `<p class="route-detail">${w} rattaché à la voie la plus proche, à ${escapeHtml(fmt(m))} m.</p>`).join('')}
      ${clearButton()}`);
    const group = L.featureGroup([low, shortest].filter(Boolean));
    if (group.getLayers().length) {
      const b = group.getBounds();
      if (!map.getBounds().contains(b)) map.fitBounds(b, { padding: [60, 60] });
    }
  }

  return { clear, isActive: () => active };
}
