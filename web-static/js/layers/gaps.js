// The ranked gaps: casing + coloured line per gap, the ten first labelled with their rank, selection by gap id (never
// by position in a list, which changes with the filters and paging).

import { bucketOf, classLabel, escapeHtml } from '../labels.js';

const LABELLED = 10; // the first ten of the list carry their rank on the map

const toLatLngs = (geom) => (geom.type === 'LineString' ? geom.coordinates.map(([x, y]) => L.latLng(y, x)) : []);

/** The point halfway along the line (Leaflet's own polyline centre, in the map's projection). */
export const lineCenter = (latlngs) => (latlngs.length === 1 ? latlngs[0] : L.LineUtil.polylineCenter(latlngs, L.CRS.EPSG3857));

/**
 * @param {object} ctx { group (L.FeatureGroup), renderer, isRouteMode(), onClick(id), onPopupClose(id),
 *   popupHtml(properties), popupOptions(opts) (clear of the legend), fitTo(bounds, opts) }
 */
export function createGapLayer(map, ctx) {
  const { group, renderer } = ctx;
  let items = new Map(); // gap id → { feature, casing, line, mid, label }
  let selected = null;
  let selectedPopup = null;

  function set(features) {
    group.clearLayers();
    map.closePopup();
    selected = null;
    items = new Map();
    // lowest priority first, so that the best-ranked gaps are drawn on top
    for (let i = features.length - 1; i >= 0; i--) {
      const f = features[i];
      const latlngs = toLatLngs(f.geometry);
      if (latlngs.length < 2) continue;
      const p = f.properties;
      const bucket = bucketOf(p.rank);
      const casing = L.polyline(latlngs, { renderer, color: '#111', weight: 13, opacity: 1, lineCap: 'round', lineJoin: 'round', interactive: false });
      const line = L.polyline(latlngs, {
        renderer, color: bucket.color, weight: 8, opacity: 1, lineCap: 'round', lineJoin: 'round',
        dashArray: p.rank == null ? '2 10' : null, className: `gap-line gap-${bucket.id}`,
      });
      const streets = (p.street_names || []).join(', ');
      line.bindTooltip(`${p.rank == null ? 'Erreur de données' : `Rang ${p.rank}`} · ${escapeHtml(classLabel(p.class))}${
        streets ? `<br>${escapeHtml(streets)}` : ''}`, { sticky: true, className: 'net-tip' });
      const item = { feature: f, casing, line, mid: lineCenter(latlngs), label: null };
      line.on('click', (e) => {
        if (ctx.isRouteMode()) return; // the route tool takes the click (it bubbles to the map)
        L.DomEvent.stopPropagation(e);
        ctx.onClick(p.id);
      });
      group.addLayer(casing).addLayer(line);
      if (p.rank != null && i < LABELLED) {
        item.label = L.tooltip({ permanent: true, direction: 'right', offset: [9, 0], className: `rank-label rank-${bucket.id}`, interactive: false })
          .setLatLng(item.mid).setContent(String(p.rank));
        group.addLayer(item.label);
      }
      items.set(p.id, item);
    }
  }

  function highlight(id, on) {
    const it = items.get(id);
    if (!it || it === selected) return;
    it.line.setStyle({ weight: on ? 12 : 8 });
    it.casing.setStyle({ weight: on ? 18 : 13, color: on ? '#000' : '#111' });
    if (on) { it.casing.bringToFront(); it.line.bringToFront(); }
  }

  function unselect() {
    if (!selected) return;
    const prev = selected;
    selected = null;
    prev.casing.setStyle({ color: '#111' });
    highlight(prev.feature.properties.id, false);
  }

  function select(id, { zoom = true } = {}) {
    const it = items.get(id);
    if (!it) return false;
    if (selected !== it) unselect();
    highlight(id, true);
    it.casing.setStyle({ color: '#00e5ff' });
    selected = it;
    if (zoom) ctx.fitTo(it.line.getBounds(), { maxZoom: 17, extra: 60, animate: false });
    selectedPopup = L.popup(ctx.popupOptions({
      maxWidth: 420, minWidth: 300, maxHeight: Math.max(240, Math.round(map.getSize().y * 0.62)), className: 'gap-popup-wrap',
    })).setLatLng(it.mid).setContent(ctx.popupHtml(it.feature.properties));
    selectedPopup.openOn(map);
    return true;
  }

  map.on('popupclose', (e) => {
    // only the closing of the selected gap's popup ends the selection (opening another one closes the old popup)
    if (e.popup !== selectedPopup || !selected) return;
    const id = selected.feature.properties.id;
    unselect();
    selectedPopup = null;
    ctx.onPopupClose(id);
  });

  return {
    set,
    select,
    highlight,
    has: (id) => items.has(id),
    bounds: () => (group.getLayers().length ? group.getBounds() : null),
  };
}
