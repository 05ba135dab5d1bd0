// The indicators table (#indicators-table): the territory, all QPV together, each QPV; shares in %, differences in
// percentage points (QPV − territory), with the model's note when the shares are not shares of residents.

import { escapeHtml, fmt, fmtPoints, fmtShare } from './labels.js';

const SCOPE_ORDER = { territory: 0, all_qpv: 1, qpv: 2 };

export function renderIndicators({ table, note, data, onRank }) {
  if (!data || !Array.isArray(data.rows) || !data.rows.length) {
    table.innerHTML = '<caption>Aucun indicateur : le calcul n’a pas fourni de tableau (couche QPV absente ?).</caption>';
    note.hidden = true;
    return;
  }
  const residents = data.qpv_residents_known === true;
  const unit = data.weight_unit;
  const walk = fmt(data.walk_m ?? 300);
  const refLabel = residents ? 'Habitants' : unit === 'm2_floor' ? 'Plancher résidentiel de référence (m²)' : 'Surface de référence (ha)';

  // note: the model in French, then the calculation's own note
  const parts = [];
  if (!residents) {
    parts.push(unit === 'm2_floor'
      ? `Population inconnue : les parts sont des parts de <strong>surface de plancher résidentiel</strong> à ${walk} m à pied, pas d’habitants.`
      : `Population inconnue : les parts sont des parts de <strong>surface urbaine</strong> (hectares proches d’une rue) à ${walk} m à pied, pas d’habitants.`);
  } else {
    parts.push(`Parts d’habitants à ${walk} m à pied du réseau.`);
    if (data.rows.some((r) => r.share_of && r.share_of !== 'residents')) {
      parts.push('Territoire hors QPV sans population connue : sa part est une part de <strong>surface urbaine</strong> (hectares), pas d’habitants.');
    }
  }
  parts.push('Écart = part du QPV − part du territoire, en points de pourcentage. « Apaisé » : aménagements pratiqués avec un stress LTS ≤ 2.');
  if (data.note) parts.push(`<span class="note-source">Note du calcul : ${escapeHtml(data.note)}</span>`);
  note.innerHTML = parts.map((p) => `<span class="note-line">${p}</span>`).join(' ');
  note.hidden = false;

  const rows = [...data.rows].sort((a, b) => (SCOPE_ORDER[a.scope] ?? 3) - (SCOPE_ORDER[b.scope] ?? 3) ||
    (a.name || '').localeCompare(b.name || '', 'fr'));
  const zone = (r) => (r.scope === 'territory' ? 'Territoire (extrait)' : r.scope === 'all_qpv' ? 'Ensemble des QPV' : r.name || r.code);
  const diff = (r, v) => (r.scope === 'territory' ? '—' : fmtPoints(v));
  const diffClass = (r, v) => (r.scope === 'territory' || v == null ? '' : v < 0 ? 'neg' : v > 0 ? 'pos' : '');

  const sub = (r) => [r.scope === 'qpv' ? r.commune : '', r.scope === 'qpv' ? r.code : ''].filter(Boolean).join(' · ');
  table.innerHTML = `
    <caption>Accès au réseau cyclable à ${walk} m à pied</caption>
    <thead>
      <tr>
        <th scope="col" rowspan="2">Zone</th>
        <th scope="col" rowspan="2" class="num">${escapeHtml(refLabel)}</th>
        ${residents ? '' : '<th scope="col" rowspan="2" class="num">Surface du QPV (ha)</th>'}
        <th scope="colgroup" colspan="${residents ? 3 : 2}" class="grp">Près du réseau cyclable</th>
        <th scope="colgroup" colspan="2" class="grp">Près d’un aménagement apaisé (LTS ≤ 2)</th>
        <th scope="colgroup" colspan="2" class="grp">Réseau cyclable (km)</th>
        <th scope="col" rowspan="2">Meilleurs maillons (rangs)</th>
      </tr>
      <tr>
        ${residents ? '<th scope="col" class="num">Habitants</th>' : ''}
        <th scope="col" class="num">Part</th>
        <th scope="col" class="num">Écart au territoire</th>
        <th scope="col" class="num">Part</th>
        <th scope="col" class="num">Écart au territoire</th>
        <th scope="col" class="num">dans la zone</th>
        <th scope="col" class="num">à ${walk} m</th>
      </tr>
    </thead>
    <tbody>${rows.map((r) => `
      <tr class="scope-${escapeHtml(r.scope)}" data-code="${escapeHtml(r.code || '')}">
        <th scope="row">${escapeHtml(zone(r))}${sub(r) ? `<span class="code">${escapeHtml(sub(r))}</span>` : ''}</th>
        <td class="num">${residents ? fmt(r.residents) : fmt(r.weight, unit === 'ha' ? 1 : 0)}</td>
        ${residents ? '' : `<td class="num">${r.scope === 'territory' ? '—' : fmt(r.area_ha, 1)}</td>`}
        ${residents ? `<td class="num">${r.residents_near_network == null ? '—' : fmt(r.residents_near_network)}</td>` : ''}
        <td class="num">${fmtShare(r.share_near_network)}</td>
        <td class="num ${diffClass(r, r.diff_points_near_network)}">${diff(r, r.diff_points_near_network)}</td>
        <td class="num">${fmtShare(r.share_near_low_stress)}</td>
        <td class="num ${diffClass(r, r.diff_points_near_low_stress)}">${diff(r, r.diff_points_near_low_stress)}</td>
        <td class="num">${fmt(r.km_network_inside, 2)}</td>
        <td class="num">${fmt(r.km_network_within, 2)}</td>
        <td class="ranks">${(r.top_gaps || []).map((k) => `<button type="button" class="rank-link" data-rank="${escapeHtml(k)}" title="Voir le maillon de rang ${escapeHtml(k)}">${escapeHtml(k)}</button>`).join(' ') || '—'}</td>
      </tr>`).join('')}
    </tbody>`;
  table.onclick = (e) => {
    const b = e.target.closest('.rank-link');
    if (b && onRank) onRank(Number(b.dataset.rank));
  };
}

/** Copies a table (HTML and tab-separated text) so that it pastes as a table into a word processor or spreadsheet. */
export async function copyTable(table) {
  const text = [...table.querySelectorAll('tr')].map((tr) => [...tr.children].map((c) => c.innerText.replace(/\s+/g, ' ').trim()).join('\t')).join('\n');
  const html = `<table border="1" style="border-collapse:collapse">${table.innerHTML}</table>`;
  try {
    if (navigator.clipboard && window.ClipboardItem) {
      await navigator.clipboard.write([new ClipboardItem({
        'text/html': new Blob([html], { type: 'text/html' }),
        'text/plain': new Blob([text], { type: 'text/plain' }),
      })]);
      return true;
    }
  } catch { /* fall back below */ }
  const range = document.createRange();
  range.selectNode(table);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { ok = false; }
  sel.removeAllRanges();
  return ok;
}
