// Downloads of the current filter: GeoJSON and CSV from /api/v1/gaps (format=csv), at most 5000 rows (the API's bound).
// The CSV gets a UTF-8 byte order mark so that spreadsheet programs read the accents right.

import { getText, showError } from './api.js';

const MAX = 5000;

function save(text, name, type) {
  const blob = new Blob([text], { type });
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    URL.revokeObjectURL(a.href);
    a.remove();
  }, 1000);
}

function fileStem(filters) {
  const parts = ['maillons'];
  if (filters.class) parts.push(filters.class.includes(',') ? 'sans-donnees' : filters.class);
  if (filters.commune) parts.push(filters.commune);
  if (filters.qpv) parts.push(filters.qpv);
  if (filters.min_score != null) parts.push(`score-${filters.min_score}`);
  return parts.join('_').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9_.-]+/g, '-');
}

/** Wires the two buttons; getFilters() gives the current filter values, getTotal() the matching count. */
export function initDownloads({ geojsonButton, csvButton, getFilters, getTotal, note }) {
  const run = async (format, button) => {
    const filters = getFilters();
    const params = { ...filters, limit: MAX, format: format === 'csv' ? 'csv' : null };
    button.disabled = true;
    try {
      const text = await getText('/gaps', params);
      if (format === 'csv') save(`\ufeff${text}`, `${fileStem(filters)}.csv`, 'text/csv;charset=utf-8');
      else save(text, `${fileStem(filters)}.geojson`, 'application/geo+json');
      const total = getTotal();
      note.textContent = total > MAX ? `Fichier limité aux ${MAX} premiers tronçons sur ${total}.` : '';
    } catch (e) {
      showError(e, 'Téléchargement');
    } finally {
      button.disabled = false;
    }
  };
  geojsonButton.addEventListener('click', () => run('geojson', geojsonButton));
  csvButton.addEventListener('click', () => run('csv', csvButton));
}
