// Bike-share stations: existing, planned (ranked by the QPV residents they add) and suggested sites, with French
// popups (issue 13) and, when fewer sites are suggested than asked, the reason.

import { STATUS_LABELS, escapeHtml, fmt } from '../labels.js';

const yesNo = (v) => (v ? 'oui' : 'non');
const metres = (v) => (v == null ? 'aucun à proximité' : `${fmt(v)} m`);
const people = (v, unit) => (v == null ? null : unit === 'residents' || unit == null ? `${fmt(v)} habitants` : unit === 'ha' ? `${fmt(v, 1)} ha` : `${fmt(v)} m² de plancher`);

/** Label and formatted value of each station property worth showing, in reading order. */
export function stationRows(p) {
  const u = p.weight_unit;
  const rows = [
    ['Nom', p.name || null],
    ['Rang (gain pour les QPV)', p.rank == null ? null : fmt(p.rank)],
    ['Identifiant', p.station_id || null],
    ['Capacité', p.capacity == null ? null : `${fmt(p.capacity)} places`],
    ['En service', p.status === 'existing' ? yesNo(p.installed) : null],
    ['Habitants de QPV ajoutés', p.marginal_qpv_pop != null ? `${fmt(p.marginal_qpv_pop)} habitants` : people(p.marginal_qpv_weight, u)],
    ['Habitants de QPV à 300 m à pied', p.standalone_qpv_pop != null ? `${fmt(p.standalone_qpv_pop)} habitants` : people(p.standalone_qpv_weight, u)],
    ['Population ajoutée (QPV ou non)', people(p.marginal_all_weight, u)],
    ['Population à 300 m à pied (QPV ou non)', people(p.standalone_all_weight, u)],
    ['QPV desservis', (p.qpv_names || []).join(', ') || null],
    ['Commune', p.commune || null],
    ['Station existante la plus proche', p.status === 'existing' ? null : metres(p.nearest_existing_station_m)],
    ['Arrêt de transport le plus proche', metres(p.nearest_transit_m)],
    ['Distance au réseau cyclable', metres(p.distance_to_cycle_network_m)],
    ['Sur un axe principal', p.on_main_axis == null ? null : yesNo(p.on_main_axis)],
    ['Dans la zone étudiée', p.in_area === false ? 'non (hors de l’extrait : non analysée)' : null],
  ];
  return rows.filter(([, v]) => v != null && v !== '');
}

export function stationPopupHtml(p) {
  return `<div class="gap-popup station-popup"><h3>${escapeHtml(STATUS_LABELS[p.status] || 'Station')}</h3><table class="props"><tbody>${
    stationRows(p).map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</tbody></table></div>`;
}

/**
 * Why fewer sites than asked were suggested, from run.json → stations.suggestions; null when the count was met.
 * A suggestion must add QPV residents not yet within walk_m of a station, and keep min_spacing_m from every other.
 */
export function suggestionShortfall(meta) {
  const s = meta?.stations?.suggestions;
  if (!s || !(s.asked > 0) || s.given >= s.asked) return null;
  const head = `${fmt(s.given)} site${s.given > 1 ? 's' : ''} suggéré${s.given > 1 ? 's' : ''} sur ${fmt(s.asked)} demandés : `;
  const left = s.qpv_residents_uncovered ?? s.qpv_weight_uncovered;
  if (!(left > 0)) return `${head}plus aucun habitant de QPV à plus de ${fmt(s.walk_m)} m à pied d’une station.`;
  const rest = s.qpv_residents_uncovered != null ? `${fmt(s.qpv_residents_uncovered)} habitants` : `${fmt(s.qpv_weight_uncovered, 1)} ha`;
  return `${head}plus aucun habitant de QPV non desservi à plus de ${fmt(s.min_spacing_m)} m d’une station`
    + ` (les ${rest} de QPV encore à plus de ${fmt(s.walk_m)} m à pied ne seraient atteints que par un site trop proche d’une autre station).`;
}

export function stationIcon(status) {
  const cls = ['existing', 'planned', 'suggested'].includes(status) ? status : 'existing';
  return L.divIcon({ className: `station-icon station-${cls}`, iconSize: [16, 16], iconAnchor: [8, 8], popupAnchor: [0, -8], html: '<span></span>' });
}

export function createStationLayer(map, { group, legend, popupOptions }) {
  return {
    set(fc, meta) {
      group.clearLayers();
      group.addLayer(L.geoJSON(fc, {
        pointToLayer: (f, latlng) => L.marker(latlng, { icon: stationIcon(f.properties.status), pane: 'stations', keyboard: false }),
        // opened on click with the legend's width of the moment, so that it pans clear of the legend
        onEachFeature: (f, l) => l.on('click', () => L.popup(popupOptions({ maxWidth: 380, offset: [0, -4] }))
          .setLatLng(l.getLatLng()).setContent(stationPopupHtml(f.properties)).openOn(map)),
      }));
      legend.setStatuses(new Set(fc.features.map((f) => (STATUS_LABELS[f.properties.status] ? f.properties.status : 'existing'))));
      legend.setStatus('stations', suggestionShortfall(meta) || '');
    },
  };
}
