// The Leaflet map: panes, controls and the layer modules of js/layers/ (one file per layer). No background tiles by
// default — the streets and the cycle network draw the city, and the page works offline. Leaflet is the global L
// loaded from /vendor/leaflet/leaflet.js.

import { buildLegend } from './legend.js';
import { gapPopupHtml } from './popup.js';
import { createCandidateLayer } from './layers/candidates.js';
import { createGapLayer } from './layers/gaps.js';
import { createNetworkLayer } from './layers/network.js';
import { createQpvLayer } from './layers/qpv.js';
import { createStationLayer } from './layers/stations.js';
import { createStreetLayer } from './layers/streets.js';
import { createTiles } from './layers/tiles.js';

const ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap contributors</a> (ODbL) · QPV : ANCT (Licence Ouverte 2.0)';

export function createMap(el, { meta, onGapClick, onGapDeselect, getPopupContext }) {
  const map = L.map(el, {
    zoomControl: true, attributionControl: false, minZoom: 5, maxZoom: 19, zoomSnap: 0.25, zoomDelta: 1, boxZoom: true,
  });
  L.control.attribution({ prefix: '<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>' })
    .addAttribution(ATTRIBUTION + (meta?.population?.grid ? ' · Population : Insee, Filosofi (Licence Ouverte 2.0)' : '')).addTo(map);
  L.control.scale({ metric: true, imperial: false, maxWidth: 160, position: 'bottomleft' }).addTo(map);

  // one SVG renderer per pane, bottom to top: QPV, streets, cycle network, candidates, stations, gaps, route
  const pane = (name, z) => {
    map.createPane(name);
    map.getPane(name).style.zIndex = z;
    return L.svg({ pane: name, padding: 0.3, tolerance: 4 });
  };
  const renderers = {
    qpv: pane('qpv', 350),
    streets: pane('streets', 380),
    network: pane('network', 400),
    candidates: pane('candidates', 420),
    gaps: pane('gaps', 450),
    route: pane('route', 470),
  };
  map.createPane('stations').style.zIndex = 440; // under the gaps, so that a gap stays clickable

  const layers = {
    streets: L.layerGroup().addTo(map),
    network: L.layerGroup().addTo(map),
    qpv: L.layerGroup().addTo(map),
    candidates: L.layerGroup(), // off by default (issue 8)
    gaps: L.featureGroup().addTo(map),
    stations: L.layerGroup().addTo(map),
    route: L.layerGroup().addTo(map),
  };
  let routeMode = false;
  const isRouteMode = () => routeMode;

  let tiles = null;
  const viewLayers = {};
  const legend = buildLegend(map, layers, {
    getTiles: () => tiles.layer(),
    onToggle: (name, on) => { if (on && viewLayers[name]) viewLayers[name].reload({ force: true }); },
  });
  tiles = createTiles(map, { legend });

  // every popup pans clear of the legend (top right): Leaflet keeps it left of the legend's width
  const popupOptions = (opts = {}) => ({
    autoPanPaddingTopLeft: [20, 20], autoPanPaddingBottomRight: [legend.width() + 20, 20], ...opts,
  });

  // keep what is fitted clear of the controls: zoom and route buttons on the left, legend on the right
  const fitTo = (bounds, { extra = 10, ...opts } = {}) => {
    const w = map.getSize().x;
    map.fitBounds(bounds, {
      paddingTopLeft: [Math.min(60, w * 0.1) + extra, extra],
      paddingBottomRight: [Math.min(legend.width(), w * 0.35) + extra, extra + 20],
      ...opts,
    });
  };

  viewLayers.streets = createStreetLayer(map, { group: layers.streets, renderer: renderers.streets, legend });
  viewLayers.network = createNetworkLayer(map, { group: layers.network, renderer: renderers.network, legend });
  viewLayers.candidates = createCandidateLayer(map, { group: layers.candidates, renderer: renderers.candidates, legend, isRouteMode, popupOptions });
  const gaps = createGapLayer(map, {
    group: layers.gaps,
    renderer: renderers.gaps,
    isRouteMode,
    onClick: (id) => onGapClick(id),
    onPopupClose: (id) => onGapDeselect && onGapDeselect(id),
    popupHtml: (p) => gapPopupHtml(p, { meta, ...(getPopupContext ? getPopupContext() : {}) }),
    popupOptions,
    fitTo,
  });
  const qpv = createQpvLayer(map, { group: layers.qpv, renderer: renderers.qpv, isRouteMode, popupOptions });
  const stations = createStationLayer(map, { group: layers.stations, legend, popupOptions });

  // a narrow map (wide indicators panel, small screen) folds the legend; it comes back when there is room
  const foldLegend = () => legend.fold(map.getSize().x < 720);
  map.on('resize', foldLegend);
  foldLegend();
  map.on('zoomend', () => el.classList.toggle('zoom-low', map.getZoom() < 13));
  tiles.restore();

  const bbox = meta && Array.isArray(meta.bbox) && meta.bbox.length === 4 ? meta.bbox : null;
  if (bbox) fitTo([[bbox[1], bbox[0]], [bbox[3], bbox[2]]]);
  else map.setView([48.8566, 2.3522], 12);

  return {
    map,
    layers,
    legend,
    routeRenderer: renderers.route,
    fitTo,
    setGaps: (features) => gaps.set(features),
    selectGap: (id, opts) => gaps.select(id, opts),
    highlight: (id, on) => gaps.highlight(id, on),
    fitGaps() {
      const b = gaps.bounds();
      if (b) fitTo(b, { maxZoom: 17 });
    },
    setQpv: (fc) => qpv.set(fc),
    setStations: (fc) => stations.set(fc, meta),
    setTiles: (url) => tiles.set(url),
    getTileUrl: () => tiles.url(),
    setRouteMode: (on) => {
      routeMode = on;
      el.classList.toggle('route-mode', on);
    },
    highlightStreet: (name) => viewLayers.streets.highlight(name),
    reloadLayers() {
      for (const v of Object.values(viewLayers)) v.reload({ force: true });
    },
  };
}
