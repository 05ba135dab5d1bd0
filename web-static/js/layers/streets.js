// The streets outside the cycle network, drawn faintly under it (issue 10): without background tiles they tell a
// planner where a gap is. /api/v1/streets sends fewer classes as the zoom falls; not interactive, so that a click
// still reaches the map (route tool) and the gaps.

import { createViewLayer } from './view-layer.js';

const MAJOR = new Set(['motorway', 'trunk', 'primary', 'secondary']);
const MINOR_PATHS = new Set(['footway', 'path', 'steps', 'bridleway', 'corridor', 'track', 'service', 'cycleway']);

export function streetStyle(highway, zoom) {
  const scale = zoom >= 17 ? 1.6 : zoom >= 15 ? 1.2 : 1;
  if (MAJOR.has(highway)) return { color: '#8c939b', weight: 3.2 * scale, opacity: 0.75 };
  if (MINOR_PATHS.has(highway)) return { color: '#aab0b6', weight: 1 * scale, opacity: 0.7, dashArray: '3 3' };
  return { color: '#a3a9af', weight: 1.8 * scale, opacity: 0.7 };
}

export function createStreetLayer(map, { group, renderer, legend }) {
  return createViewLayer(map, {
    id: 'streets',
    path: '/streets',
    group,
    label: 'Rues',
    status: (t) => legend.setStatus('streets', t),
    tooLargeText: 'Zoomez pour afficher les rues.',
    draw(fc, zoom) {
      group.addLayer(L.geoJSON(fc, {
        renderer,
        interactive: false,
        style: (f) => ({ ...streetStyle(f.properties.highway, zoom), lineCap: 'round', lineJoin: 'round', interactive: false }),
      }));
    },
  });
}
