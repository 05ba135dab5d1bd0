// The search box of the top bar: a street or a commune of the extract, offline (GET /api/v1/search: the graph's street
// names and OSM communes, accents and case ignored). Choosing a result zooms the map on it and marks it.

import { getJSON, showError, ApiError } from './api.js';
import { escapeHtml } from './labels.js';
import { SEARCH_COLOR } from './layers/streets.js';

const KIND_LABELS = { street: 'rue', commune: 'commune' };

export function createSearch(form, { mapCtl }) {
  const input = form.querySelector('#search-input');
  const list = form.querySelector('#search-results');
  const { map } = mapCtl;
  const mark = L.layerGroup().addTo(map);
  let results = [];
  let active = -1;
  let timer = null;
  let abort = null;

  function close() {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    active = -1;
  }

  function render(body) {
    results = body.results || [];
    if (!results.length) {
      list.innerHTML = '<li class="search-empty" role="option" aria-disabled="true">Aucune rue ni commune de ce nom dans l’extrait.</li>';
    } else {
      list.innerHTML = results.map((r, i) => `<li role="option" id="search-opt-${i}" data-i="${i}" class="search-result">
        <span class="search-name">${escapeHtml(r.name)}</span>
        <span class="search-meta">${escapeHtml(KIND_LABELS[r.kind] || r.kind)}${r.commune ? ` · ${escapeHtml(r.commune)}` : ''}</span></li>`).join('')
        + (body.total > results.length ? `<li class="search-more" role="option" aria-disabled="true">${body.total - results.length} autres : précisez.</li>` : '');
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    setActive(results.length ? 0 : -1);
  }

  function setActive(i) {
    active = i;
    for (const li of list.querySelectorAll('.search-result')) li.classList.toggle('active', Number(li.dataset.i) === i);
    if (i >= 0) input.setAttribute('aria-activedescendant', `search-opt-${i}`);
    else input.removeAttribute('aria-activedescendant');
  }

  async function run(q) {
    if (abort) abort.abort();
    abort = new AbortController();
    try {
      render(await getJSON('/search', { q, limit: 8 }, { signal: abort.signal }));
    } catch (e) {
      if (e.name === 'AbortError') return;
      if (e instanceof ApiError && e.code === 'InvalidValue') close();
      else showError(e, 'Recherche');
    }
  }

  function choose(r) {
    if (!r) return;
    close();
    input.value = r.name;
    mark.clearLayers();
    const [x0, y0, x1, y1] = r.bbox;
    mapCtl.fitTo([[y0, x0], [y1, x1]], { maxZoom: r.kind === 'street' ? 17 : 15, extra: 40 });
    mapCtl.highlightStreet(r.kind === 'street' ? r.name : null);
    const at = L.latLng(r.center[1], r.center[0]);
    L.circleMarker(at, { radius: 11, color: SEARCH_COLOR, weight: 4, fill: false, interactive: false, className: 'search-mark' })
      .bindTooltip(escapeHtml(r.name), { permanent: true, direction: 'top', offset: [0, -10], className: 'search-label' })
      .addTo(mark);
    form.dispatchEvent(new CustomEvent('maillon:found', { detail: r }));
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) {
      close();
      return;
    }
    timer = setTimeout(() => run(q), 180);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!results.length) return;
      e.preventDefault();
      setActive((active + (e.key === 'ArrowDown' ? 1 : results.length - 1)) % results.length);
    } else if (e.key === 'Escape') {
      close();
    }
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (q.length < 2) return;
    if (list.hidden || !results.length) await run(q);
    choose(results[active >= 0 ? active : 0]);
  });
  list.addEventListener('mousedown', (e) => e.preventDefault()); // keep the focus in the box
  list.addEventListener('click', (e) => {
    const li = e.target.closest('.search-result');
    if (li) choose(results[Number(li.dataset.i)]);
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
  input.addEventListener('search', () => { // the box's clear button
    if (input.value) return;
    mark.clearLayers();
    mapCtl.highlightStreet(null);
  });
  return {
    clear() {
      mark.clearLayers();
      mapCtl.highlightStreet(null);
    },
  };
}
