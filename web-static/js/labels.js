// French labels and number formatting shared by every module.

const nf = (digits) => new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const NF = [nf(0), nf(1), nf(2), nf(3)];

/** A number in French (narrow no-break space for thousands, comma for decimals); "—" when missing. */
export function fmt(v, digits = 0) {
  if (v == null || v === '' || Number.isNaN(Number(v))) return '—';
  return NF[digits].format(Number(v));
}

/** Metres as "850 m" or "1,25 km". */
export function fmtLength(m) {
  if (m == null) return '—';
  return m < 1000 ? `${fmt(m)} m` : `${fmt(m / 1000, 2)} km`;
}

/** A share 0–1 as "80,1 %". */
export function fmtShare(v) {
  return v == null ? '—' : `${fmt(v * 100, 1)} %`;
}

/** Percentage points with their sign: "+2,5 pts", "−0,3 pt". */
export function fmtPoints(v) {
  if (v == null) return '—';
  const n = Number(v);
  const s = `${n > 0 ? '+' : n < 0 ? '−' : ''}${fmt(Math.abs(n), 1)}`;
  return `${s} ${Math.abs(n) >= 2 ? 'pts' : 'pt'}`;
}

export function escapeHtml(s) {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export const CLASS_LABELS = {
  street: 'Rue à aménager',
  crossing: 'Traversée',
  bridge: 'Franchissement (pont, passerelle)',
  tunnel: 'Passage souterrain',
  roundabout: 'Giratoire',
  contraflow: 'Double sens cyclable',
  data: 'Erreur de données OSM',
};
export const CLASS_ORDER = ['street', 'crossing', 'bridge', 'tunnel', 'roundabout', 'contraflow', 'data'];
export const classLabel = (c) => CLASS_LABELS[c] || c || '—';

export const KIND_LABELS = {
  detour: 'Détour : le réseau impose un grand détour',
  close_far: 'Proche à vol d’oiseau, loin par le réseau',
};

const HIGHWAY_LABELS = {
  motorway: 'autoroute', trunk: 'voie rapide', primary: 'route principale', secondary: 'route secondaire',
  tertiary: 'route tertiaire', unclassified: 'route locale', residential: 'rue résidentielle', living_street: 'zone de rencontre',
  service: 'voie de service', pedestrian: 'rue piétonne', track: 'chemin agricole', road: 'voie', busway: 'voie de bus',
  cycleway: 'piste cyclable', footway: 'chemin piéton', path: 'sentier', steps: 'escalier', bridleway: 'chemin équestre',
  corridor: 'couloir',
};
export const highwayLabel = (h) => (h ? `${HIGHWAY_LABELS[h] || h} (${h})` : '—');

/** Cycle facilities of the national schema: key → [schema name, label, colour, dash]. */
export const FACILITIES = {
  piste: ['PISTE CYCLABLE', 'Piste cyclable', '#1b7837', null],
  dsc_piste: ['DOUBLE SENS CYCLABLE PISTE', 'Double sens cyclable – piste', '#5aae61', '8 5'],
  bande: ['BANDE CYCLABLE', 'Bande cyclable', '#2166ac', null],
  dsc_bande: ['DOUBLE SENS CYCLABLE BANDE', 'Double sens cyclable – bande', '#5c9fd6', '8 5'],
  voie_verte: ['VOIE VERTE', 'Voie verte', '#01665e', null],
  velo_rue: ['VELO RUE', 'Vélorue', '#762a83', null],
  couloir_bus_velo: ['COULOIR BUS+VELO', 'Couloir bus + vélo', '#8c510a', null],
  mixte_pieton_velo: ['AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE', 'Aménagement mixte piéton-vélo', '#35978f', '3 4'],
  rampe: ['RAMPE', 'Rampe', '#555555', null],
  goulotte: ['GOULOTTE', 'Goulotte', '#555555', '3 4'],
  cvcb: ['CHAUSSEE A VOIE CENTRALE BANALISEE', 'Chaussée à voie centrale banalisée', '#9e6b00', '8 5'],
  accotement: ['ACCOTEMENT REVETU HORS CVCB', 'Accotement revêtu', '#777777', '8 5'],
  dsc_non_materialise: ['DOUBLE SENS CYCLABLE NON MATERIALISE', 'Double sens cyclable non matérialisé', '#777777', '2 4'],
  autre: ['AUTRE', 'Autre aménagement', '#555555', '2 4'],
};
export function facilityStyle(key) {
  return FACILITIES[key] || [key, key || 'Aménagement', '#555555', null];
}

/** Priority buckets of the ranked gaps. */
export const BUCKETS = [
  { id: 'top10', label: 'Rangs 1 à 10', short: '1 à 10', test: (r) => r != null && r <= 10, color: '#d7191c' },
  { id: 'top50', label: 'Rangs 11 à 50', short: '11 à 50', test: (r) => r != null && r > 10 && r <= 50, color: '#f07800' },
  { id: 'rest', label: 'Rang 51 et au-delà', short: '51 et +', test: (r) => r != null && r > 50, color: '#b2188f' },
  { id: 'data', label: 'Erreur de données OSM', short: 'erreur OSM', test: (r) => r == null, color: '#4d4d4d' },
];
export const bucketOf = (rank) => BUCKETS.find((b) => b.test(rank));

export const STATUS_LABELS = { existing: 'Station existante', planned: 'Station prévue', suggested: 'Station suggérée' };

/**
 * What the gaps' QPV figure means in this run. `residents` when the QPV layer had a population, else the model's unit.
 * Returns { residents, unit, short(v), long } for the list and popup.
 */
export function qpvMeasure(meta, sample) {
  const residents = meta?.qpv?.residents_known === true || (meta?.qpv?.residents_known == null && sample?.qpv_pop != null);
  const unit = sample?.weight_unit || meta?.population?.weight_unit || 'ha';
  if (residents) return { residents, unit, value: (p) => p.qpv_pop, short: (v) => `${fmt(v)} hab. QPV`, long: 'Habitants QPV à 300 m' };
  if (unit === 'm2_floor') {
    return { residents, unit, value: (p) => p.qpv_weight, short: (v) => `${fmt(v)} m² plancher QPV`, long: 'Plancher résidentiel QPV à 300 m (m²)' };
  }
  return { residents, unit, value: (p) => p.qpv_weight, short: (v) => `${fmt(v, 1)} ha de QPV`, long: 'Surface QPV à 300 m (ha)' };
}

const unitSuffix = (u) => (u === 'm2_floor' ? 'm² de plancher' : u === 'ha' ? 'ha' : u === 'residents' ? 'habitants' : u || '');
const UNIT_LABELS = {
  ha: 'hectares (pas de population connue)',
  m2_floor: 'm² de plancher résidentiel',
  residents: 'habitants (carroyage Insee de 200 m)',
};

/**
 * Plain-French label and formatted value of each gap property, grouped, in reading order; unknown properties last, as
 * is. residentsKnown=false (run.json qpv.residents_known) shows qpv_pop as unknown even when the file says 0.
 */
export function gapPropertyRows(p, { residentsKnown, meta } = {}) {
  const u = p.weight_unit;
  const weights = meta?.parameters?.ranking || {};
  const measureQpv = p.qpv_pop != null && residentsKnown !== false ? `${fmt(p.qpv_pop)} habitants`
    : p.qpv_weight != null ? `${fmt(p.qpv_weight, u === 'ha' ? 1 : 0)} ${unitSuffix(u)}` : null;
  // a score term: its measure with its unit, its share of the list's maximum, and what it adds to the score
  const term = (label, weightKey, value, measure) => {
    const w = weights[weightKey];
    const share = value == null ? '—' : `${fmt(value * 100)} % du maximum de la liste`;
    const adds = value != null && w != null ? ` · × ${fmt(w, w % 1 ? 1 : 0)} = +${fmt(value * w, 2)} au score` : '';
    return [w != null ? `${label} (poids ${fmt(w, w % 1 ? 1 : 0)})` : label, `${measure ? `${measure} · ` : ''}${share}${adds}`];
  };
  const yesNo = (v) => (v == null ? '—' : v ? 'Oui' : 'Non');
  const list = (v) => (Array.isArray(v) && v.length ? v.join(', ') : '—');
  const osmNode = (id) => (id == null ? '—' : { html: `<a href="https://www.openstreetmap.org/node/${encodeURIComponent(id)}" target="_blank" rel="noopener">${escapeHtml(id)}</a>` });
  const known = {
    rank: ['Rang', p.rank == null ? 'non classé (erreur de données)' : fmt(p.rank)],
    score: ['Score', fmt(p.score, 2)],
    class: ['Type', classLabel(p.class)],
    treatment: ['Aménagement suggéré', p.treatment || '—'],
    length_m: ['Longueur (m)', fmt(p.length_m)],
    qpv_pop: ['Habitants QPV à 300 m', p.qpv_pop == null || residentsKnown === false ? 'inconnu (aucune population fournie)' : fmt(p.qpv_pop)],
    qpv_weight: [u === 'm2_floor' ? 'Plancher résidentiel QPV à 300 m (m²)' : u === 'residents' ? 'Poids QPV à 300 m (habitants)' : `Surface QPV à 300 m (${unitSuffix(u)})`, fmt(p.qpv_weight, u === 'ha' ? 1 : 0)],
    all_pop: ['Habitants à 300 m (QPV ou non)', p.all_pop == null ? 'inconnu (aucune population fournie)' : fmt(p.all_pop)],
    qpv_names: ['QPV desservis', list(p.qpv_names)],
    qpv_codes: ['Codes QPV', list(p.qpv_codes)],
    commune: ['Commune', p.commune || '—'],
    benefit: ['Bénéfice (paires d’intersections)', fmt(p.benefit)],
    street_names: ['Rues', list(p.street_names)],
    highway: ['Type de voie (OSM)', highwayLabel(p.highway)],
    maxspeed_kmh: ['Vitesse max (km/h)', p.maxspeed_kmh == null ? 'non renseignée' : fmt(p.maxspeed_kmh)],
    lanes: ['Voies de circulation', p.lanes == null ? 'non renseigné' : fmt(p.lanes)],
    max_lts: ['Niveau de stress (LTS)', p.max_lts == null ? '—' : `${p.max_lts} sur 4`],
    trips: ['Trajets échantillonnés (tirés au sort, ≤ 2,5 km)', fmt(p.trips)],
    detour_removed_m: ['Détour évité (m)', fmt(p.detour_removed_m)],
    network_distance_m: ['Distance actuelle par le réseau (m)', p.network_distance_m == null ? 'hors rayon (pas de liaison proche)' : fmt(p.network_distance_m)],
    network_km_joined: ['Réseau cyclable raccordé (km)', fmt(p.network_km_joined, 2)],
    joins_components: ['Relie deux morceaux du réseau', yesNo(p.joins_components)],
    all_weight: [u === 'm2_floor' ? 'Plancher résidentiel total à 300 m (m²)' : u === 'residents' ? 'Poids total à 300 m (habitants)' : `Surface urbaine totale à 300 m (${unitSuffix(u)})`, fmt(p.all_weight, u === 'ha' ? 1 : 0)],
    weight_unit: ['Unité de population', UNIT_LABELS[u] || u || '—'],
    kind: ['Détection', KIND_LABELS[p.kind] || p.kind || '—'],
    merged_candidates: ['Candidats regroupés', fmt(p.merged_candidates)],
    qpv_term: term('QPV desservis', 'w_qpv', p.qpv_term, measureQpv),
    benefit_term: term('Bénéfice (trajets courts)', 'w_benefit', p.benefit_term, p.benefit == null ? null : `${fmt(p.benefit)} paires d’intersections`),
    trips_term: term('Trajets échantillonnés', 'w_trips', p.trips_term, p.trips == null ? null : `${fmt(p.trips)} trajets`),
    detour_term: term('Détour évité', 'w_detour', p.detour_term, p.detour_removed_m == null ? null : fmtLength(p.detour_removed_m)),
    network_term: term('Réseau raccordé', 'w_network', p.network_term, p.network_km_joined == null ? null : `${fmt(p.network_km_joined, 2)} km`),
    cost: ['Coût relatif (longueur ÷ 100 m × facteur du type)', fmt(p.cost, 2)],
    from_osm_node: ['Nœud OSM de départ', osmNode(p.from_osm_node)],
    to_osm_node: ['Nœud OSM d’arrivée', osmNode(p.to_osm_node)],
  };
  const groups = [
    ['Projet', ['rank', 'score', 'class', 'treatment', 'length_m', 'street_names', 'commune']],
    ['Quartiers prioritaires', ['qpv_pop', 'qpv_weight', 'qpv_names', 'qpv_codes', 'all_pop', 'all_weight', 'weight_unit']],
    ['Voirie', ['highway', 'maxspeed_kmh', 'lanes', 'max_lts']],
    ['Effet sur le réseau', ['benefit', 'trips', 'detour_removed_m', 'network_distance_m', 'network_km_joined', 'joins_components', 'kind', 'merged_candidates']],
    ['Détail du score (somme des termes pondérés)', ['qpv_term', 'benefit_term', 'trips_term', 'detour_term', 'network_term', 'cost']],
    ['Données OSM', ['from_osm_node', 'to_osm_node']],
  ];
  const out = [];
  const seen = new Set(['reason_fr', 'id', 'treatment_key', 'commune_source']); // the sentence heads the popup; keys for machines
  for (const [title, keys] of groups) {
    const rows = keys.filter((k) => k in p).map((k) => {
      seen.add(k);
      return { key: k, label: known[k][0], value: known[k][1] };
    });
    if (rows.length) out.push({ title, rows });
  }
  const other = Object.keys(p).filter((k) => !seen.has(k)).map((k) => ({
    key: k, label: k, value: Array.isArray(p[k]) ? list(p[k]) : p[k] == null ? '—' : typeof p[k] === 'number' ? fmt(p[k], Number.isInteger(p[k]) ? 0 : 2) : String(p[k]),
  }));
  if (other.length) out.push({ title: 'Autres champs', rows: other });
  return out;
}
