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

/** The street found by the search box, drawn in its colour until the next search. */
export const SEARCH_COLOR = '#00a8c6';

export function createStreetLayer(map, { group, renderer, legend }) {
  let highlighted = null; // a street name from the search box
  const layer = createViewLayer(map, {
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
        style: (f) => (highlighted && f.properties.name === highlighted
          ? { color: SEARCH_COLOR, weight: 6, opacity: 0.9, lineCap: 'round', lineJoin: 'round', className: 'street-found' }
          : { ...streetStyle(f.properties.highway, zoom), lineCap: 'round', lineJoin: 'round' }),
      }));
    },
  });
  return {
    ...layer,
    /** Draws the ways of that name in the search colour (null: none). */
    highlight(name) {
      highlighted = name || null;
      layer.reload({ force: true });
    },
  };
}
