// The QPV (quartiers prioritaires) with their name and a popup of their indicator row.

import { escapeHtml, fmt, fmtShare } from '../labels.js';

export function qpvPopupHtml(p) {
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
  return `<div class="gap-popup"><h3>QPV ${escapeHtml(p.name || p.nom || '')}</h3>${p.note ? `<p class="reason">${escapeHtml(p.note)}</p>` : ''}`
    + `<table class="props"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}`
    + '</tbody></table></div>';
}

export function createQpvLayer(map, { group, renderer, isRouteMode, popupOptions }) {
  return {
    set(fc) {
      group.clearLayers();
      group.addLayer(L.geoJSON(fc, {
        renderer,
        style: () => ({ color: '#7a4a00', weight: 2.5, opacity: 1, fillColor: '#f6c343', fillOpacity: 0.28, dashArray: '6 4' }),
        onEachFeature: (f, l) => {
          const p = f.properties;
          l.bindTooltip(escapeHtml(p.name || p.nom || p.code || 'QPV'), { permanent: true, direction: 'center', className: 'qpv-label', interactive: false });
          l.on('click', (e) => {
            if (isRouteMode()) return; // the route tool takes the click
            L.popup(popupOptions({ maxWidth: 380 })).setLatLng(e.latlng).setContent(qpvPopupHtml(p)).openOn(map);
          });
        },
      }));
    },
  };
}
