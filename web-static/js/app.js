// Entry point: loads the run's metadata, builds the map, the panel (list, filters, indicators) and the route tool.

import { getJSON, showError, hideBanner, ApiError } from './api.js';
import { createMap } from './map.js';
import { createList } from './list.js';
import { createFilters } from './filters.js';
import { renderIndicators, copyTable } from './indicators.js';
import { createRouteTool } from './route.js';
import { initDownloads } from './downloads.js';
import { createSearch } from './search.js';
import { createPrint } from './print.js';
import { escapeHtml, fmt, qpvMeasure } from './labels.js';

const PAGE = 500;
const $ = (id) => document.getElementById(id);

const state = {
  meta: null,
  indicators: null,
  features: [],
  total: 0,
  filters: {},
  measure: null,
  abort: null,
};

function fmtDate(iso) {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
}

function describeRun(meta) {
  // a file name, never a path of the server
  const src = (meta?.osm?.source || (meta?.inputs || []).find((i) => i.role === 'graph_or_extract')?.path || '').split(/[\\/]/).pop() || null;
  const osmDate = fmtDate(meta?.osm?.timestamp);
  const parts = [];
  if (src) parts.push(escapeHtml(src));
  if (osmDate) parts.push(`données OSM du ${escapeHtml(osmDate)}`);
  if (meta?.created_at) parts.push(`calcul du ${escapeHtml(fmtDate(meta.created_at))}`);
  $('run-info').innerHTML = parts.join(' · ');

  const c = meta?.counts || {};
  const pop = meta?.population || {};
  const model = {
    area: 'surface (aucune population connue : hectares)',
    grid: 'habitants : carroyage Insee de 200 m réparti sur les bâtiments résidentiels',
    qpv_population: 'habitants des QPV (population par QPV) ; hors QPV, surface (hectares)',
    floor_area: 'surface de plancher résidentiel (m²)',
  }[pop.model] || (pop.weight_unit === 'm2_floor' ? 'surface de plancher résidentiel (m²)' : pop.model || '—');
  const people = (v) => (v == null ? '—' : fmt(v));
  const residents = pop.residents_read == null ? null
    : `${people(pop.residents_read)} lus, ${people(pop.residents_in_extract)} dans l’emprise, ${people(pop.residents_in_qpv)} en QPV, `
      + `${people(pop.residents_outside_extract)} hors de l’emprise, ${people(pop.residents_beyond_reach)} hors de portée à pied`;
  const rows = [
    ['Moteur', meta?.engine ? `${meta.engine.name} ${meta.engine.version}` : null],
    ['Extrait OSM', src],
    ['Date des données OSM', osmDate || 'inconnue'],
    ['Date du calcul', fmtDate(meta?.created_at)],
    ['QPV dans la zone', meta?.qpv ? `${fmt(meta.qpv.in_area)} (habitants ${meta.qpv.residents_known ? 'connus' : 'inconnus'})` : null],
    ['Modèle de population', model],
    ['Habitants', residents],
    ['Réseau cyclable', c.network_km != null ? `${fmt(c.network_km, 1)} km en ${fmt(c.network_components)} morceaux` : null],
    ['Maillons', c.gaps != null ? `${fmt(c.gaps)} (sur ${fmt(c.candidates)} candidats)` : null],
    ['Distance à pied', meta?.parameters?.coverage?.walk_m != null ? `${fmt(meta.parameters.coverage.walk_m)} m` : null],
  ].filter(([, v]) => v != null);
  $('run-details').innerHTML = rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  // the engine's warnings are technical English for whoever ran the analysis (the CLI printed them, run.json keeps
  // them): the page only says how many there are
  const warnings = meta?.warnings || [];
  $('run-warnings').innerHTML = warnings.length
    ? `<p class="note">Le calcul a signalé ${fmt(warnings.length)} point${warnings.length > 1 ? 's' : ''} à vérifier dans les données d’entrée`
      + ' (détail technique dans le fichier run.json du calcul, pour la personne qui l’a lancé).</p>'
    : '';
}

// -----------------------------------------------------------------------------------------------------------------

function setupTabs(mapCtl) {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  const panel = $('panel');
  const select = (tab) => {
    for (const t of tabs) {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    panel.classList.toggle('wide', tab.id === 'tab-indicators');
    setTimeout(() => mapCtl && mapCtl.map.invalidateSize(), 50);
  };
  tabs.forEach((t, i) => {
    t.addEventListener('click', () => select(t));
    t.addEventListener('keydown', (e) => {
      const d = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!d) return;
      const next = tabs[(i + d + tabs.length) % tabs.length];
      next.focus();
      select(next);
    });
  });
  return { show: (id) => select($(id)) };
}

function setupPanelToggle(mapCtl) {
  const btn = $('panel-toggle');
  btn.addEventListener('click', () => {
    const open = btn.getAttribute('aria-expanded') !== 'true';
    btn.setAttribute('aria-expanded', String(open));
    document.body.classList.toggle('panel-closed', !open);
    btn.querySelector('[aria-hidden]').textContent = open ? '◀' : '▶';
    btn.querySelector('.label').textContent = open ? 'Masquer le panneau' : 'Afficher le panneau';
    setTimeout(() => mapCtl && mapCtl.map.invalidateSize(), 50);
  });
}

function setupTilesForm(mapCtl) {
  const input = $('tile-url');
  const err = $('tile-error');
  input.value = mapCtl.getTileUrl();
  $('tiles-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const url = input.value.trim();
    if (!url) {
      mapCtl.setTiles(null);
      return;
    }
    if (!/\{z\}/.test(url) || !/\{x\}/.test(url) || !/\{y\}/.test(url) || !/^https?:\/\//.test(url)) {
      err.textContent = 'L’adresse doit commencer par http(s):// et contenir {z}, {x} et {y}.';
      err.hidden = false;
      return;
    }
    err.hidden = true;
    mapCtl.setTiles(url);
  });
  $('tile-remove').addEventListener('click', () => {
    input.value = '';
    err.hidden = true;
    mapCtl.setTiles(null);
  });
}

// -----------------------------------------------------------------------------------------------------------------

async function main() {
  $('banner-close').addEventListener('click', hideBanner);
  if (!window.L) {
    showError(new Error('la bibliothèque cartographique /vendor/leaflet/leaflet.js n’a pas pu être chargée'), 'Carte');
    return;
  }

  try {
    state.meta = await getJSON('/meta');
  } catch (e) {
    showError(e, 'Description du calcul');
    state.meta = {};
  }
  describeRun(state.meta);

  const mapCtl = createMap($('map'), {
    meta: state.meta,
    onGapClick: (id) => selectGap(id, { zoom: false }),
    onGapDeselect: () => list.clearSelected(),
    getPopupContext: () => ({ residentsKnown: state.meta?.qpv?.residents_known }),
  });
  window.maillonMap = mapCtl.map; // for tests and the browser console
  const tabs = setupTabs(mapCtl);
  setupPanelToggle(mapCtl);
  setupTilesForm(mapCtl);
  createRouteTool(mapCtl);
  createSearch($('search'), { mapCtl });
  createPrint($('print-view'), { mapCtl, meta: state.meta });
  mapCtl.map.on('maillon:tiles', () => {
    if (document.body.classList.contains('panel-closed')) $('panel-toggle').click();
    tabs.show('tab-about');
    $('tile-url').focus();
  });

  const list = createList($('gap-list'), {
    onSelect: (id) => selectGap(id, { zoom: true }),
    onHover: (id, on) => mapCtl.highlight(id, on),
    onReset: () => filters.reset(),
    onRetry: () => loadGaps(state.filters),
  });
  const filters = createFilters($('filters'), { onChange: (f) => loadGaps(f, { fit: true }) });
  $('filters-reset').addEventListener('click', () => filters.reset());
  initDownloads({
    geojsonButton: $('download-geojson'),
    csvButton: $('download-csv'),
    getFilters: () => state.filters,
    getTotal: () => state.total,
    note: $('download-note'),
  });

  function selectGap(id, { zoom }) {
    list.markSelected(id);
    mapCtl.selectGap(id, { zoom });
  }
  const idOfRank = (rank) => state.features.find((g) => g.properties.rank === rank)?.properties.id;

  async function loadGaps(f = {}, { selectRank = null, fit = false } = {}) {
    state.filters = f;
    if (state.abort) state.abort.abort();
    state.abort = new AbortController();
    list.loading();
    $('gap-count').textContent = 'Chargement…';
    try {
      const fc = await getJSON('/gaps', { ...f, limit: PAGE }, { signal: state.abort.signal });
      state.features = fc.features || [];
      state.total = fc.total ?? state.features.length;
      state.measure = qpvMeasure(state.meta, state.features[0]?.properties);
      const filtered = Object.values(f).some((v) => v != null && v !== '');
      list.render(state.features, state.measure, {
        emptyText: filtered ? 'Aucun tronçon ne correspond aux filtres.' : 'Le calcul n’a trouvé aucun maillon manquant dans cette zone.',
      });
      filters.setCount(state.total, state.features.length);
      mapCtl.setGaps(state.features);
      $('load-more').hidden = state.features.length >= state.total;
      if (fit && state.features.length) mapCtl.fitGaps();
      if (selectRank != null && idOfRank(selectRank) != null) selectGap(idOfRank(selectRank), { zoom: true });
    } catch (e) {
      if (e.name === 'AbortError') return;
      state.features = [];
      mapCtl.setGaps([]);
      $('gap-count').textContent = 'Tronçons indisponibles';
      list.failed(e instanceof ApiError && e.code === 'InvalidValue' ? 'Filtre refusé par le serveur : vérifiez le score minimum.' : 'Les maillons n’ont pas pu être chargés.');
      showError(e, 'Liste des maillons');
    }
  }

  $('load-more').addEventListener('click', async () => {
    const btn = $('load-more');
    btn.disabled = true;
    try {
      const fc = await getJSON('/gaps', { ...state.filters, limit: PAGE, offset: state.features.length });
      state.features = state.features.concat(fc.features || []);
      list.append(fc.features || [], state.measure);
      mapCtl.setGaps(state.features);
      filters.setCount(state.total, state.features.length);
      btn.hidden = state.features.length >= state.total;
    } catch (e) {
      showError(e, 'Maillons suivants');
    } finally {
      btn.disabled = false;
    }
  });

  $('copy-indicators').addEventListener('click', async () => {
    const ok = await copyTable($('indicators-table'));
    $('copy-status').textContent = ok ? 'Tableau copié : collez-le dans votre document.' : 'Copie impossible : sélectionnez le tableau à la souris.';
  });

  // the layers and tables, in parallel
  const bbox = Array.isArray(state.meta?.bbox) ? state.meta.bbox : null;
  const gapsLoaded = loadGaps({});
  getJSON('/indicators').then((data) => {
    state.indicators = data;
    filters.populate({ meta: state.meta, indicators: data });
    renderIndicators({
      table: $('indicators-table'),
      note: $('indicators-note'),
      data,
      onRank: async (rank) => {
        tabs.show('tab-gaps');
        if (idOfRank(rank) != null) selectGap(idOfRank(rank), { zoom: true });
        else {
          filters.reset({ silent: true });
          await loadGaps({}, { selectRank: rank });
        }
      },
    });
  }).catch((e) => {
    filters.populate({ meta: state.meta, indicators: null });
    $('indicators-table').innerHTML = '<caption>Indicateurs indisponibles.</caption>';
    showError(e, 'Indicateurs');
  });
  getJSON('/qpv', bbox ? { bbox } : {}).then((fc) => mapCtl.setQpv(fc)).catch((e) => showError(e, 'Quartiers prioritaires'));
  getJSON('/stations', bbox ? { bbox } : {}).then((fc) => mapCtl.setStations(fc)).catch((e) => showError(e, 'Stations'));
  mapCtl.reloadLayers();
  await gapsLoaded;
  document.body.classList.add('ready');
}

main().catch((e) => showError(e, 'Démarrage'));
