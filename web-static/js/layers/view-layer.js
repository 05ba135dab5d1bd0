// A layer loaded for the current view (bbox and zoom), reloaded when the map moves: the cycle network, the streets,
// the candidates. Debounced, the previous request aborted, "zoom in" when the server answers TooLarge.

import { getJSON, showError, ApiError } from '../api.js';

/**
 * @param {L.Map} map
 * @param {object} opts { path, group (L.LayerGroup on the map when shown), params(zoom) → extra query or null to
 *   skip at this zoom, sendZoom (false: the endpoint takes no zoom), draw(fc, zoom), status(text) (legend line), label (for the error banner), skippedText,
 *   tooLargeText, emptyText }
 * @returns {{ reload(), clear() }}
 */
export function createViewLayer(map, opts) {
  let abort = null;
  let timer = null;
  let loaded = null; // bbox+zoom of what is drawn
  const say = (t) => opts.status && opts.status(t);

  function reload({ force = false } = {}) {
    if (!map.hasLayer(opts.group)) return;
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const zoom = Math.max(0, Math.min(22, Math.round(map.getZoom())));
      const extra = opts.params ? opts.params(zoom) : {};
      if (extra == null) {
        if (abort) abort.abort();
        opts.group.clearLayers();
        loaded = null;
        say(opts.skippedText || '');
        return;
      }
      const b = map.getBounds().pad(0.25);
      const bbox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(5));
      const key = `${bbox.join(',')}|${zoom}`;
      if (!force && key === loaded) return;
      if (abort) abort.abort();
      abort = new AbortController();
      map.getContainer().classList.add(`loading-${opts.id}`);
      try {
        const query = opts.sendZoom === false ? { bbox, ...extra } : { bbox, zoom, ...extra };
        const fc = await getJSON(opts.path, query, { signal: abort.signal });
        opts.group.clearLayers();
        say(fc.features.length ? '' : (opts.emptyText || ''));
        opts.draw(fc, zoom); // may say more
        loaded = key;
      } catch (e) {
        if (e.name === 'AbortError') return;
        opts.group.clearLayers();
        loaded = null;
        if (e instanceof ApiError && e.code === 'TooLarge') say(opts.tooLargeText || 'Zoomez pour afficher cette couche.');
        else {
          say(`${opts.label} : indisponible.`);
          showError(e, opts.label);
        }
      } finally {
        map.getContainer().classList.remove(`loading-${opts.id}`);
        map.fire('maillon:layerloaded', { id: opts.id });
      }
    }, 200);
  }

  map.on('moveend', () => reload());
  return {
    reload,
    clear() {
      opts.group.clearLayers();
      loaded = null;
    },
  };
}
