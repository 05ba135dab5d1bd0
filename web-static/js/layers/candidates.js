// The secondary layer (issue 8): projects found but not in the main list — below the benefit cut, easy junctions,
// at the edge of the extract — from /api/v1/candidates, off by default, each popup saying why it is not listed.

import { escapeHtml, classLabel, fmt, fmtLength } from '../labels.js';
import { createViewLayer } from './view-layer.js';

export const CANDIDATE_COLOR = '#5e3c99';

/** The French sentence saying why a candidate is not in the main list. */
export function candidateReason(p, benefitCut) {
  switch (p.status) {
    case 'below_benefit':
      return `Bénéfice ${fmt(p.benefit)} sous le seuil de la liste principale (${fmt(benefitCut)}) : peu de trajets courts`
        + ' l’emprunteraient une fois aménagé.';
    case 'easy_junction':
      return `Interruption de ${fmtLength(p.length_m)} à un carrefour calme : ni la voie parcourue ni celle traversée ne sont`
        + ' stressantes, un cycliste passe déjà sans difficulté.';
    case 'edge':
      return 'Au bord de l’extrait étudié : ses mesures (détour, trajets, habitants) sont coupées par la limite des données ;'
        + ' à vérifier sur un extrait plus large.';
    default:
      return `Hors de la liste principale (${escapeHtml(p.status || 'raison inconnue')}).`;
  }
}

export function candidatePopupHtml(p, benefitCut) {
  const rows = [
    ['Type', classLabel(p.class)],
    ['Longueur', fmtLength(p.length_m)],
    ['Rues', (p.street_names || []).join(', ') || 'voie sans nom'],
    ['Commune', p.commune || '—'],
    ['Bénéfice (paires d’intersections)', fmt(p.benefit)],
    ['Aménagement suggéré', p.treatment || '—'],
    ['Niveau de stress (LTS)', p.max_lts == null ? '—' : `${p.max_lts} sur 4`],
  ];
  return `<div class="gap-popup candidate-popup"><h3>Candidat hors liste</h3><p class="reason">${escapeHtml(candidateReason(p, benefitCut))}</p>`
    + `<table class="props"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}`
    + '</tbody></table></div>';
}

export function createCandidateLayer(map, { group, renderer, legend, isRouteMode, popupOptions }) {
  return createViewLayer(map, {
    id: 'candidates',
    path: '/candidates',
    group,
    label: 'Candidats hors liste',
    params: () => ({ limit: 2000 }),
    sendZoom: false,
    status: (t) => legend.setStatus('candidates', t),
    emptyText: 'Aucun candidat hors liste dans cette zone.',
    draw(fc) {
      const cut = fc.benefit_cut;
      group.addLayer(L.geoJSON(fc, {
        renderer,
        style: () => ({ color: CANDIDATE_COLOR, weight: 5, opacity: 0.9, dashArray: '7 6', lineCap: 'butt', className: 'candidate-line' }),
        onEachFeature: (f, l) => {
          l.bindTooltip(`Candidat hors liste · ${escapeHtml(classLabel(f.properties.class))}`, { sticky: true, className: 'net-tip' });
          l.on('click', (e) => {
            if (isRouteMode()) return;
            L.DomEvent.stopPropagation(e);
            L.popup(popupOptions({ maxWidth: 380, className: 'gap-popup-wrap' })).setLatLng(e.latlng).setContent(candidatePopupHtml(f.properties, cut)).openOn(map);
          });
        },
      }));
      legend.setStatus('candidates', fc.total > fc.features.length
        ? `${fmt(fc.features.length)} sur ${fmt(fc.total)} : zoomez pour tout voir.` : '');
    },
  });
}
