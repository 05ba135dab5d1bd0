// "Imprimer cette vue": the current view on one A4 landscape page — no panel, no buttons; a title, the legend of the
// layers shown, the scale and the attribution (css/app.css, body.print-view and @media print). The map is resized
// to the page before printing so that Leaflet draws exactly what the page holds.

import { escapeHtml } from './labels.js';

const fmtDate = (d) => d.toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });

export function createPrint(button, { mapCtl, meta }) {
  const { map } = mapCtl;
  const header = document.getElementById('print-header');
  let saved = null;

  /** Lays the page out for print and waits for the layers of the new view; resolves when ready to print. */
  async function prepare() {
    if (saved) return;
    saved = { bounds: map.getBounds(), legendOpen: document.querySelector('#legend details')?.open };
    const source = (meta?.osm?.source || '').split(/[\\/]/).pop();
    const osmDate = meta?.osm?.timestamp ? fmtDate(new Date(meta.osm.timestamp)) : null;
    header.innerHTML = `<h1>Maillons manquants du réseau cyclable</h1><p>${
      escapeHtml([source && `Extrait ${source}`, osmDate && `données OpenStreetMap du ${osmDate}`, `imprimé le ${fmtDate(new Date())}`]
        .filter(Boolean).join(' · '))}</p>`;
    document.body.classList.add('print-view');
    const details = document.querySelector('#legend details');
    if (details) details.open = true;
    map.invalidateSize({ animate: false });
    mapCtl.fitTo(saved.bounds, { animate: false, extra: 0 }); // what was on screen, clear of the legend
    await new Promise((resolve) => {
      let pending = 0;
      const done = () => { map.off('maillon:layerloaded', onLoaded); resolve(); };
      const onLoaded = () => { pending -= 1; if (pending <= 0) done(); };
      map.on('maillon:layerloaded', onLoaded);
      pending = ['streets', 'network', 'candidates'].filter((n) => map.hasLayer(mapCtl.layers[n])).length;
      mapCtl.reloadLayers();
      setTimeout(done, 4000); // never hang the button on a slow server
    });
  }

  function restore() {
    if (!saved) return;
    document.body.classList.remove('print-view');
    const details = document.querySelector('#legend details');
    if (details && saved.legendOpen === false) details.open = false;
    map.invalidateSize({ animate: false });
    map.fitBounds(saved.bounds, { animate: false, padding: [0, 0] });
    saved = null;
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await prepare();
      window.print();
    } finally {
      button.disabled = false;
    }
  });
  // Ctrl+P without the button: the same page layout (the layers of the new view may not have loaded yet)
  window.addEventListener('beforeprint', () => { if (!saved) prepare(); });
  window.addEventListener('afterprint', restore);
  window.maillonPrint = { prepare, restore }; // for tests
  return { prepare, restore };
}
