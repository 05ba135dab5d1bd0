// The popup of a gap: its rank and class, its one-sentence reason (reason_fr, issue 13), then every property in
// plain French, grouped (labels.js).

import { classLabel, escapeHtml, fmt, gapPropertyRows } from './labels.js';

export function gapPopupHtml(p, ctx = {}) {
  const groups = gapPropertyRows(p, ctx);
  const title = p.rank == null ? 'Erreur de données OSM' : `Rang ${fmt(p.rank)} · ${escapeHtml(classLabel(p.class))}`;
  const streets = (p.street_names || []).join(', ');
  const body = groups.map((g) => `<tbody><tr class="popup-group"><th colspan="2" scope="colgroup">${escapeHtml(g.title)}</th></tr>${
    g.rows.map((r) => `<tr data-key="${escapeHtml(r.key)}"><th scope="row">${escapeHtml(r.label)}</th><td>${
      r.value && r.value.html ? r.value.html : escapeHtml(r.value)}</td></tr>`).join('')}</tbody>`).join('');
  return `<div class="gap-popup"><h3>${title}</h3>`
    + `${streets || p.commune ? `<p class="popup-where">${escapeHtml([streets, p.commune].filter(Boolean).join(' · '))}</p>` : ''}`
    + `${p.reason_fr ? `<p class="reason">${escapeHtml(p.reason_fr)}</p>` : ''}`
    + `<table class="props">${body}</table></div>`;
}
