// The cycle network by facility type (national schema), loaded for the view from /api/v1/network.

import { escapeHtml, facilityStyle } from '../labels.js';
import { createViewLayer } from './view-layer.js';

export function createNetworkLayer(map, { group, renderer, legend }) {
  return createViewLayer(map, {
    id: 'network',
    path: '/network',
    group,
    label: 'Réseau cyclable',
    status: (t) => legend.setStatus('network', t),
    emptyText: 'Aucun aménagement cyclable dans cette zone.',
    tooLargeText: 'Zoomez pour afficher le réseau cyclable.',
    draw(fc, zoom) {
      const present = new Set();
      const weight = zoom >= 16 ? 3.5 : zoom >= 14 ? 2.5 : 1.8;
      group.addLayer(L.geoJSON(fc, {
        renderer,
        style: (f) => {
          const [, , color, dash] = facilityStyle(f.properties.facility_key);
          present.add(f.properties.facility_key);
          return { color, weight, opacity: 0.95, dashArray: dash, lineCap: 'butt' };
        },
        onEachFeature: (f, l) => {
          const p = f.properties;
          const [schema, label] = facilityStyle(p.facility_key);
          l.bindTooltip(`<strong>${escapeHtml(label)}</strong>${p.name ? `<br>${escapeHtml(p.name)}` : ''}<br>Schéma national : ${
            escapeHtml(p.facility || schema)}${p.lts != null ? `<br>Stress (LTS) : ${p.lts} sur 4` : ''}`, { sticky: true, className: 'net-tip' });
        },
      }));
      legend.setFacilities(present);
    },
  });
}
