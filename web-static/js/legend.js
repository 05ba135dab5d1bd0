// The legend and layer switches (one Leaflet control, top right, collapsible): gaps by rank, candidates off the list,
// cycle network by facility, streets, QPV, stations, background tiles. Each layer has a status line under its
// switch ("Zoomez…", why fewer stations were suggested).

import { BUCKETS, FACILITIES, escapeHtml, facilityStyle } from './labels.js';
import { CANDIDATE_COLOR } from './layers/candidates.js';

const LEGEND_KEY = 'maillon.legend';

/**
 * @param {object} layers name → Leaflet layer (toggled by the checkboxes data-layer=name)
 * @param {object} opts { getTiles() → the tiles layer or null, onToggle(name, on) }
 */
export function buildLegend(map, layers, { getTiles, onToggle }) {
  let folding = false;
  const on = (name) => (map.hasLayer(layers[name]) ? 'checked' : '');
  const Control = L.Control.extend({
    options: { position: 'topright' },
    onAdd() {
      const div = L.DomUtil.create('div', 'legend leaflet-bar');
      div.id = 'legend';
      div.innerHTML = `
        <details ${localStorage.getItem(LEGEND_KEY) === 'closed' ? '' : 'open'}>
          <summary>Légende</summary>
          <section>
            <label class="layer-toggle"><input type="checkbox" data-layer="gaps" ${on('gaps')}> Maillons manquants (rang)</label>
            <ul class="legend-items legend-grid">${BUCKETS.map((b) => `<li title="${escapeHtml(b.label)}"><span class="sw-gap ${b.id === 'data' ? 'sw-dashed' : ''}" style="--c:${b.color}"></span>${escapeHtml(b.short)}</li>`).join('')}</ul>
          </section>
          <section>
            <label class="layer-toggle" title="Projets trouvés mais hors de la liste : sous le seuil de bénéfice, carrefours calmes, bord de l’extrait"><input type="checkbox" data-layer="candidates" ${on('candidates')}> <svg class="sw-net" viewBox="0 0 28 10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke="${CANDIDATE_COLOR}" stroke-width="4" stroke-dasharray="6 4"/></svg> Candidats hors liste</label>
            <p class="legend-status" data-status="candidates" hidden></p>
          </section>
          <section>
            <label class="layer-toggle"><input type="checkbox" data-layer="network" ${on('network')}> Réseau cyclable</label>
            <ul class="legend-items" id="legend-facilities"></ul>
            <p class="legend-status" data-status="network" hidden></p>
          </section>
          <section>
            <label class="layer-toggle"><input type="checkbox" data-layer="streets" ${on('streets')}> <svg class="sw-net" viewBox="0 0 28 10" aria-hidden="true"><line x1="1" y1="5" x2="27" y2="5" stroke="#a3a9af" stroke-width="3"/></svg> Rues et chemins</label>
            <p class="legend-status" data-status="streets" hidden></p>
          </section>
          <section>
            <label class="layer-toggle"><input type="checkbox" data-layer="qpv" ${on('qpv')}> <span class="sw-qpv"></span> QPV</label>
          </section>
          <section class="legend-stations" hidden>
            <label class="layer-toggle"><input type="checkbox" data-layer="stations" ${on('stations')}> Stations vélo</label>
            <ul class="legend-items legend-inline">
              <li data-station="existing"><span class="station-icon station-existing"><span></span></span>existante</li>
              <li data-station="planned"><span class="station-icon station-planned"><span></span></span>prévue</li>
              <li data-station="suggested"><span class="station-icon station-suggested"><span></span></span>suggérée</li>
            </ul>
            <p class="legend-status" data-status="stations" hidden></p>
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
        if (onToggle) onToggle(name, e.target.checked);
      });
      return div;
    },
  });
  const ctl = new Control().addTo(map);
  const root = ctl.getContainer();
  const all = Object.keys(FACILITIES);
  return {
    root,
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
      for (const li of root.querySelectorAll('.legend-stations li')) li.hidden = !present.has(li.dataset.station);
    },
    setStatus(layer, text) {
      const p = root.querySelector(`[data-status="${layer}"]`);
      if (!p) return;
      p.textContent = text;
      p.hidden = !text;
    },
    setTilesRow(shown) {
      root.querySelector('.legend-tiles .layer-toggle').hidden = !shown;
      root.querySelector('[data-action="tiles"]').textContent = shown ? 'Changer le fond de carte…' : 'Ajouter un fond de carte…';
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
