// Sign-in for HQ's pages (the dashboard, /hq/, and the operations team's case page, /hq/case.html): authorization code
// with PKCE (S256) at the chain's identity provider (GET /insights/sign-in says which, and the public client), the token
// in the tab's session storage, and calls of hq-service's API with it. Plain ES2020, no build step; loaded before the
// page's own script, which reads window.HQ_AUTH. The page is told what to show (signing in, a refused sign-in) through
// onNotice(fn): fn(key, vars, kind), key one of the pages' words (signingIn, signInFailed).
'use strict';

window.HQ_AUTH = (() => {
  const TOKEN_KEY = 'clinic.hq.token';
  const PKCE_KEY = 'clinic.hq.pkce';
  let notify = () => {};

  const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const randomText = () => base64url(crypto.getRandomValues(new Uint8Array(32)));
  // the page's own address is the redirect URI (the realm's client allows /hq/*); the hash is kept aside
  const pageUrl = () => location.origin + location.pathname;
  const token = () => sessionStorage.getItem(TOKEN_KEY);

  async function signInConfig() {
    const r = await fetch('/insights/sign-in', {headers: {Accept: 'application/json'}});
    if (!r.ok) throw new Error('sign-in settings: HTTP ' + r.status);
    return r.json();
  }
  let signingIn = false;
  async function startSignIn() {
    if (signingIn) return; // several calls answered 401 at once: one redirect
    // Refuse a loop: a sign-in that just came back with a token the API refuses is an error to show, not to repeat.
    const last = Number(sessionStorage.getItem(PKCE_KEY + '.done') || 0);
    if (Date.now() - last < 30000) {
      notify('signInFailed', {what: 'the new token was refused (401)'}, 'error');
      return;
    }
    signingIn = true;
    notify('signingIn', {}, 'info');
    const {issuer, clientId} = await signInConfig();
    const verifier = randomText();
    const stateValue = randomText();
    const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    sessionStorage.setItem(PKCE_KEY, JSON.stringify({verifier, state: stateValue, hash: location.hash}));
    const q = new URLSearchParams({client_id: clientId, response_type: 'code', scope: 'openid', redirect_uri: pageUrl(),
      code_challenge: challenge, code_challenge_method: 'S256', state: stateValue});
    location.assign(`${issuer}/protocol/openid-connect/auth?${q}`);
  }
  /** Back from the identity provider with ?code=&state=: exchange the code for the token. True when signed in. */
  async function finishSignIn() {
    const params = new URLSearchParams(location.search);
    if (!params.has('code') && !params.has('error')) return false;
    const saved = JSON.parse(sessionStorage.getItem(PKCE_KEY) || 'null');
    sessionStorage.removeItem(PKCE_KEY);
    history.replaceState(null, '', location.pathname + (saved?.hash || location.hash));
    // the state first: an answer this tab did not ask for is not shown (a link could carry any text)
    if (!saved || saved.state !== params.get('state')) throw new Error('the sign-in answer does not match (state)');
    if (params.has('error')) throw new Error('sign-in refused: ' + params.get('error').replace(/[^a-z_]/g, ''));
    const {issuer, clientId} = await signInConfig();
    const r = await fetch(`${issuer}/protocol/openid-connect/token`, {
      method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams({grant_type: 'authorization_code', code: params.get('code'), redirect_uri: pageUrl(),
        client_id: clientId, code_verifier: saved.verifier})
    });
    if (!r.ok) throw new Error('token endpoint: HTTP ' + r.status);
    const body = await r.json();
    sessionStorage.setItem(TOKEN_KEY, body.access_token);
    sessionStorage.setItem(PKCE_KEY + '.done', String(Date.now()));
    return true;
  }
  /** Forgets the token (and the loop guard): the next call signs in again. */
  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(PKCE_KEY + '.done');
  }
  /** The roles in the token's groups claim (display only: the API decides), empty when it cannot be read. */
  function roles() {
    try {
      const part = (token() || '').split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const claims = JSON.parse(atob(part + '='.repeat((4 - part.length % 4) % 4)));
      return Array.isArray(claims.groups) ? claims.groups : [];
    } catch (e) {
      return [];
    }
  }

  class Forbidden extends Error {}
  class SignedOut extends Error {}

  /**
   * A call of the API with the token: 401 signs in again, 403 is Forbidden (shown, no sign-in loop), any other failure
   * an Error with the problem's detail and the HTTP status (error.status).
   */
  async function api(path, accept = 'application/json') {
    const bearer = token();
    if (!bearer) { await startSignIn(); throw new SignedOut(); }
    const r = await fetch(path, {headers: {Authorization: 'Bearer ' + bearer, Accept: accept}});
    if (r.status === 401) { sessionStorage.removeItem(TOKEN_KEY); await startSignIn(); throw new SignedOut(); }
    if (r.status === 403) throw new Forbidden(path);
    if (!r.ok) {
      let detail = 'HTTP ' + r.status;
      try { const p = await r.json(); detail = p.detail || p.title || detail; } catch (e) { /* not JSON */ }
      const error = new Error(detail);
      error.status = r.status;
      throw error;
    }
    return accept === 'application/json' ? r.json() : r.blob();
  }

  return {TOKEN_KEY, PKCE_KEY, token, roles, startSignIn, finishSignIn, signOut, api, Forbidden, SignedOut,
    onNotice: (fn) => { notify = fn; }};
})();
