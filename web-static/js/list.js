// The ranked gap list of the side panel (#gap-list, rows .gap-row[data-rank]).

import { bucketOf, classLabel, escapeHtml, fmt, fmtLength } from './labels.js';

/**
 * @param {HTMLElement} ol the #gap-list element
 * @param {object} opts { onSelect(index), onHover(index, on), measure (labels.qpvMeasure), onReset() }
 */
export function createList(ol, { onSelect, onHover, onReset, onRetry }) {
  let selectedIndex = null;

  function render(features, measure, { emptyText } = {}) {
    selectedIndex = null;
    if (!features.length) {
      ol.innerHTML = `<li class="gap-empty"><p>${escapeHtml(emptyText || 'Aucun tronçon ne correspond aux filtres.')}</p>
        <button type="button" class="btn" data-action="reset">Réinitialiser les filtres</button></li>`;
      return;
    }
    ol.innerHTML = features.map((f, i) => rowHtml(f.properties, i, measure)).join('');
  }

  function rowHtml(p, i, measure) {
    const b = bucketOf(p.rank);
    const qv = measure.value(p);
    const qpvText = (p.qpv_names || []).length
      ? `${escapeHtml(measure.short(qv))} · ${escapeHtml(p.qpv_names.join(', '))}`
      : 'Aucun QPV à 300 m';
    const streets = (p.street_names || []).join(', ');
    return `<li class="gap-row bucket-${b.id}" data-rank="${p.rank ?? ''}" data-index="${i}" tabindex="0" role="button"
        aria-label="${p.rank == null ? 'Erreur de données' : `Rang ${p.rank}`}, ${escapeHtml(classLabel(p.class))}">
      <span class="rank-badge" style="--c:${b.color}">${p.rank ?? '!'}</span>
      <span class="row-title">${escapeHtml(classLabel(p.class))} <span class="row-len">· ${escapeHtml(fmtLength(p.length_m))}</span></span>
      <span class="row-score" title="Score de priorité">${escapeHtml(fmt(p.score, 2))}</span>
      <span class="row-streets">${streets ? escapeHtml(streets) : '<em>voie sans nom</em>'}</span>
      <span class="row-qpv ${qv > 0 ? 'has-qpv' : ''}">${qpvText}</span>
    </li>`;
  }

  const rowOf = (e) => e.target.closest('.gap-row');
  ol.addEventListener('click', (e) => {
    if (e.target.closest('[data-action="reset"]')) return onReset && onReset();
    if (e.target.closest('[data-action="retry"]')) return onRetry && onRetry();
    const row = rowOf(e);
    if (row) onSelect(Number(row.dataset.index));
  });
  ol.addEventListener('keydown', (e) => {
    const row = rowOf(e);
    if (!row) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(Number(row.dataset.index));
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
      if (next && next.classList.contains('gap-row')) next.focus();
    }
  });
  ol.addEventListener('mouseover', (e) => {
    const row = rowOf(e);
    if (row && !row.contains(e.relatedTarget)) onHover(Number(row.dataset.index), true);
  });
  ol.addEventListener('mouseout', (e) => {
    const row = rowOf(e);
    if (row && !row.contains(e.relatedTarget)) onHover(Number(row.dataset.index), false);
  });

  return {
    render,
    append(features, offset, measure) {
      ol.insertAdjacentHTML('beforeend', features.map((f, i) => rowHtml(f.properties, offset + i, measure)).join(''));
    },
    markSelected(index, { scroll = true } = {}) {
      if (selectedIndex != null) ol.querySelector(`.gap-row[data-index="${selectedIndex}"]`)?.classList.remove('selected');
      selectedIndex = index;
      const row = ol.querySelector(`.gap-row[data-index="${index}"]`);
      if (!row) return;
      row.classList.add('selected');
      if (scroll) row.scrollIntoView({ block: 'nearest' });
    },
    clearSelected() {
      if (selectedIndex != null) ol.querySelector(`.gap-row[data-index="${selectedIndex}"]`)?.classList.remove('selected');
      selectedIndex = null;
    },
    loading() {
      ol.innerHTML = '<li class="gap-empty"><p>Chargement des maillons…</p></li>';
    },
    failed(text) {
      ol.innerHTML = `<li class="gap-empty gap-failed"><p>${escapeHtml(text)}</p><button type="button" class="btn" data-action="retry">Réessayer</button></li>`;
    },
  };
}
