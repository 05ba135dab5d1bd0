// The ranked gap list of the side panel (#gap-list, rows .gap-row[data-rank][data-id]): a row is known by its gap id,
// never by its position (which filters and paging change).

import { bucketOf, classLabel, escapeHtml, fmt, fmtLength } from './labels.js';

/**
 * @param {HTMLElement} ol the #gap-list element
 * @param {object} opts { onSelect(id), onHover(id, on), onReset(), onRetry() }
 */
export function createList(ol, { onSelect, onHover, onReset, onRetry }) {
  let selectedId = null;
  const rowById = (id) => ol.querySelector(`.gap-row[data-id="${CSS.escape(String(id))}"]`);
  const idOf = (row) => Number(row.dataset.id);

  function render(features, measure, { emptyText } = {}) {
    selectedId = null;
    if (!features.length) {
      ol.innerHTML = `<li class="gap-empty"><p>${escapeHtml(emptyText || 'Aucun tronçon ne correspond aux filtres.')}</p>
        <button type="button" class="btn" data-action="reset">Réinitialiser les filtres</button></li>`;
      return;
    }
    ol.innerHTML = features.map((f) => rowHtml(f.properties, measure)).join('');
  }

  function rowHtml(p, measure) {
    const b = bucketOf(p.rank);
    const qv = measure.value(p);
    const qpvText = (p.qpv_names || []).length
      ? `${escapeHtml(measure.short(qv))} · ${escapeHtml(p.qpv_names.join(', '))}`
      : 'Aucun QPV à 300 m';
    const streets = (p.street_names || []).join(', ');
    return `<li class="gap-row bucket-${b.id}" data-rank="${p.rank ?? ''}" data-id="${escapeHtml(p.id)}" tabindex="0" role="button"
        aria-label="${p.rank == null ? 'Erreur de données' : `Rang ${p.rank}`}, ${escapeHtml(classLabel(p.class))}">
      <span class="rank-badge" style="--c:${b.color}">${p.rank ?? '!'}</span>
      <span class="row-title">${escapeHtml(classLabel(p.class))} <span class="row-len">· ${escapeHtml(fmtLength(p.length_m))}</span></span>
      <span class="row-score" title="Score de priorité">${escapeHtml(fmt(p.score, 2))}</span>
      <span class="row-streets">${streets ? escapeHtml(streets) : '<em>voie sans nom</em>'}${p.commune ? ` <span class="row-commune">· ${escapeHtml(p.commune)}</span>` : ''}</span>
      <span class="row-qpv ${qv > 0 ? 'has-qpv' : ''}">${qpvText}</span>
    </li>`;
  }

  const rowOf = (e) => e.target.closest('.gap-row');
  ol.addEventListener('click', (e) => {
    if (e.target.closest('[data-action="reset"]')) return onReset && onReset();
    if (e.target.closest('[data-action="retry"]')) return onRetry && onRetry();
    const row = rowOf(e);
    if (row) onSelect(idOf(row));
  });
  ol.addEventListener('keydown', (e) => {
    const row = rowOf(e);
    if (!row) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(idOf(row));
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
      if (next && next.classList.contains('gap-row')) next.focus();
    }
  });
  ol.addEventListener('mouseover', (e) => {
    const row = rowOf(e);
    if (row && !row.contains(e.relatedTarget)) onHover(idOf(row), true);
  });
  ol.addEventListener('mouseout', (e) => {
    const row = rowOf(e);
    if (row && !row.contains(e.relatedTarget)) onHover(idOf(row), false);
  });

  return {
    render,
    append(features, measure) {
      ol.insertAdjacentHTML('beforeend', features.map((f) => rowHtml(f.properties, measure)).join(''));
    },
    markSelected(id, { scroll = true } = {}) {
      if (selectedId != null) rowById(selectedId)?.classList.remove('selected');
      selectedId = id;
      const row = rowById(id);
      if (!row) return;
      row.classList.add('selected');
      if (scroll) row.scrollIntoView({ block: 'nearest' });
    },
    clearSelected() {
      if (selectedId != null) rowById(selectedId)?.classList.remove('selected');
      selectedId = null;
    },
    loading() {
      ol.innerHTML = '<li class="gap-empty"><p>Chargement des maillons…</p></li>';
    },
    failed(text) {
      ol.innerHTML = `<li class="gap-empty gap-failed"><p>${escapeHtml(text)}</p><button type="button" class="btn" data-action="retry">Réessayer</button></li>`;
    },
  };
}
