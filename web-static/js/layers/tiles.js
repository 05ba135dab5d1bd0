// Optional background tiles (none by default: the streets and the cycle network draw the city, offline), the URL
// remembered in localStorage.

import { showNotice } from '../api.js';
import { escapeHtml } from '../labels.js';

const TILE_KEY = 'maillon.tileUrl';

export function createTiles(map, { legend }) {
  let tiles = null;
  function set(url) {
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
  return {
    set,
    layer: () => tiles,
    url: () => localStorage.getItem(TILE_KEY) || '',
    restore() {
      const saved = localStorage.getItem(TILE_KEY);
      if (saved) set(saved);
    },
  };
}
