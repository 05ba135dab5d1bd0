// Filters of the gap list: class, commune, QPV, minimum score. Each change calls onChange(filters) — the caller
// re-queries /api/v1/gaps with them — and updates the "N tronçons" count with setCount(total).

import { CLASS_LABELS, CLASS_ORDER, escapeHtml, fmt } from './labels.js';

export function createFilters(form, { onChange }) {
  const cls = form.querySelector('#filter-class');
  const commune = form.querySelector('#filter-commune');
  const qpv = form.querySelector('#filter-qpv');
  const minScore = form.querySelector('#filter-min-score');
  const count = document.getElementById('gap-count');
  let timer = null;

  /** Fills the choices from run.json counts and the indicator rows (QPV of the area, their communes). */
  function populate({ meta, indicators }) {
    const byClass = meta?.counts?.by_class || {};
    cls.innerHTML = '<option value="">Tous les types</option>' +
      '<option value="street,crossing,bridge,tunnel,roundabout,contraflow">Tous sauf erreurs de données</option>' +
      CLASS_ORDER.map((c) => `<option value="${c}">${escapeHtml(CLASS_LABELS[c])}${byClass[c] != null ? ` (${fmt(byClass[c])})` : ''}</option>`).join('');
    const rows = (indicators?.rows || []).filter((r) => r.scope === 'qpv');
    // the communes of the listed gaps (indicators.json → communes, from the OSM boundaries) and of the QPV
    const gapCommunes = (indicators?.communes || []).map((c) => c.name);
    const communes = [...new Set([...gapCommunes, ...rows.map((r) => r.commune)].filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr'));
    commune.innerHTML = '<option value="">Toutes</option>' +
      communes.map((c) => `<option value="${escapeHtml(c)}">${escapeHtml(c)}</option>`).join('');
    fillQpv(rows);
    commune.disabled = communes.length === 0;
    form._qpvRows = rows;
  }

  function fillQpv(rows) {
    const sorted = [...rows].sort((a, b) => (a.name || a.code).localeCompare(b.name || b.code, 'fr'));
    const current = qpv.value;
    qpv.innerHTML = '<option value="">Tous les QPV</option>' +
      sorted.map((r) => `<option value="${escapeHtml(r.code)}">${escapeHtml(r.name || r.code)}${r.commune ? ` (${escapeHtml(r.commune)})` : ''}</option>`).join('');
    if ([...qpv.options].some((o) => o.value === current)) qpv.value = current;
    qpv.disabled = rows.length === 0;
  }

  function values() {
    const v = minScore.value.trim().replace(',', '.');
    return {
      class: cls.value || null,
      commune: commune.value || null,
      qpv: qpv.value || null,
      min_score: v !== '' && Number.isFinite(Number(v)) ? Number(v) : null,
    };
  }

  const fire = () => onChange(values());
  cls.addEventListener('change', fire);
  qpv.addEventListener('change', fire);
  commune.addEventListener('change', () => {
    // the QPV choice narrows to the commune's QPV
    const rows = form._qpvRows || [];
    const same = (a, b) => (a || '').localeCompare(b || '', 'fr', { sensitivity: 'base' }) === 0;
    fillQpv(commune.value ? rows.filter((r) => same(r.commune, commune.value)) : rows);
    fire();
  });
  minScore.addEventListener('input', () => {
    clearTimeout(timer);
    const v = minScore.value.trim().replace(',', '.');
    minScore.setCustomValidity(v === '' || Number.isFinite(Number(v)) ? '' : 'Un nombre, par exemple 0,5');
    if (!minScore.checkValidity()) return;
    timer = setTimeout(fire, 350);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    fire();
  });
  let silentReset = false;
  form.addEventListener('reset', () => setTimeout(() => {
    fillQpv(form._qpvRows || []);
    minScore.setCustomValidity('');
    if (!silentReset) fire();
    silentReset = false;
  }, 0));

  return {
    populate,
    values,
    /** Back to no filter; reloads the list unless silent (the caller reloads it itself). */
    reset({ silent = false } = {}) {
      silentReset = silent;
      form.reset();
    },
    /** Shows "Effacer les filtres" when a filter is set. */
    setCount(total, shown) {
      const v = values();
      const any = Object.values(v).some((x) => x != null && x !== '');
      const resetBtn = document.getElementById('filters-reset');
      if (resetBtn) resetBtn.hidden = !any;
      const n = Number(total) || 0;
      let text = n === 0 ? 'Aucun tronçon' : `${fmt(n)} tronçon${n > 1 ? 's' : ''}`;
      if (shown != null && shown < n) text += ` (${fmt(shown)} affichés)`;
      count.textContent = text;
    },
  };
}
