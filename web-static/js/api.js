// Fetch helpers for the maillon HTTP API (docs/api.md) and the error banner.
// Every API error is {"error": {"code", "message"}}; the banner shows it in French with the server's message.

import { escapeHtml } from './labels.js';

export const API = '/api/v1';

export class ApiError extends Error {
  constructor(code, message, status = 0) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

const CODE_TEXT = {
  UnknownParameter: 'Requête refusée par le serveur (paramètre inconnu)',
  InvalidValue: 'Requête refusée par le serveur (valeur invalide)',
  InvalidBbox: 'Requête refusée par le serveur (emprise invalide)',
  MissingParameter: 'Requête refusée par le serveur (paramètre manquant)',
  NoSegment: 'Point trop loin d’une voie utilisable',
  NotFound: 'Adresse inconnue du serveur',
  MethodNotAllowed: 'Méthode refusée par le serveur',
  TooLarge: 'Zone trop grande : zoomez ou réduisez la zone',
  Internal: 'Erreur interne du serveur maillon',
  Network: 'Le serveur maillon ne répond pas (arrêté, ou connexion coupée)',
  BadResponse: 'Réponse inattendue du serveur',
};

/** French headline of an error. */
export function errorText(err) {
  if (err instanceof ApiError) return CODE_TEXT[err.code] || `Erreur du serveur (${err.code})`;
  return 'Erreur inattendue dans la page';
}

/** Query string from an object; null, undefined and '' values are left out. */
export function query(params = {}) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v == null || v === '') continue;
    q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const apiUrl = (path, params) => `${API}${path}${query(params)}`;

async function request(path, params, { signal, as = 'json' } = {}) {
  let res;
  try {
    res = await fetch(apiUrl(path, params), { signal, headers: { Accept: as === 'json' ? 'application/json, application/geo+json' : '*/*' } });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError('Network', `${path} : ${e.message}`);
  }
  const text = await res.text();
  if (!res.ok) {
    let body = null;
    try { body = JSON.parse(text); } catch { /* not JSON */ }
    if (body && body.error) throw new ApiError(body.error.code || 'Error', body.error.message || '', res.status);
    throw new ApiError('BadResponse', `HTTP ${res.status} ${res.statusText} sur ${path}`, res.status);
  }
  if (as === 'text') return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('BadResponse', `${path} n’a pas renvoyé du JSON`, res.status);
  }
}

/** GET an API path; resolves to the parsed JSON, rejects with ApiError (or AbortError). */
export const getJSON = (path, params, opts) => request(path, params, { ...opts, as: 'json' });
export const getText = (path, params, opts) => request(path, params, { ...opts, as: 'text' });

// ---------------------------------------------------------------------------------------------------------------
// banner

let bannerTimer = null;

/** Shows an error (ApiError or anything) in the banner at the top; `context` says what the page was doing. */
export function showError(err, context = '') {
  if (err && err.name === 'AbortError') return;
  console.warn('maillon:', context, err);
  const banner = document.getElementById('error-banner');
  if (!banner) return;
  const detail = err instanceof ApiError ? `${err.message}${err.code ? ` [${err.code}${err.status ? `, HTTP ${err.status}` : ''}]` : ''}` : String(err && err.message ? err.message : err);
  banner.querySelector('.banner-text').innerHTML =
    `<strong>${escapeHtml(context ? `${context} : ` : '')}${escapeHtml(errorText(err))}.</strong> <span class="banner-detail">${escapeHtml(detail)}</span>`;
  banner.className = 'banner banner-error';
  banner.hidden = false;
  clearTimeout(bannerTimer);
}

/** A non-blocking notice in the same place (e.g. tiles unreachable); disappears after a while. */
export function showNotice(text) {
  const banner = document.getElementById('error-banner');
  if (!banner || (!banner.hidden && banner.classList.contains('banner-error'))) return;
  banner.querySelector('.banner-text').textContent = text;
  banner.className = 'banner banner-notice';
  banner.hidden = false;
  clearTimeout(bannerTimer);
  bannerTimer = setTimeout(() => { banner.hidden = true; }, 8000);
}

export function hideBanner() {
  const banner = document.getElementById('error-banner');
  if (banner) banner.hidden = true;
}
