// The operations team's page of one case's story across the services: /hq/case.html#<complaintId>, shown from
// GET /operations/cases/{id}/history (role operations). Plain ES2020, no build step. Everything that comes from the
// events (types, actors, ids, payloads) is put in the page as text (textContent, attributes), never as HTML.
'use strict';

(() => {
  const LANG_KEY = 'clinic.hq.lang';
  const I18N = window.HQ_I18N;
  const AUTH = window.HQ_AUTH;
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const $ = (id) => document.getElementById(id);

  const state = {lang: 'en', id: null, story: null, hiddenServices: new Set(), hiddenKinds: new Set(), loaded: 0,
    generation: 0, error: null};

  // ---- words ------------------------------------------------------------------------------------------------------
  function t(key, vars) {
    let text = I18N[state.lang][key] ?? I18N.en[key] ?? key;
    for (const [k, v] of Object.entries(vars || {})) text = text.replaceAll('{' + k + '}', v);
    return text;
  }
  function applyStaticWords() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('c_title') + (state.story?.caseNumber ? ' · ' + state.story.caseNumber : '');
    for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
    $('lang').value = state.lang;
  }

  // ---- formats ------------------------------------------------------------------------------------------------------
  /** yyyy-MM-dd HH:mm:ss in the browser's time zone (named in the column's head). */
  function localTime(iso) {
    if (!iso) return '';
    return new Date(iso).toLocaleString('sv-SE', {year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit',
      minute: '2-digit', second: '2-digit'});
  }
  const short = (id) => (id == null ? '' : String(id).slice(0, 8));
  /** complaint.filed.v1 → "complaint filed"; refund.entitlement-calculated.v1 → "refund entitlement calculated". */
  const readableType = (type) => String(type || '').replace(/\.v\d+$/, '').replace(/[.\-_]+/g, ' ').trim();

  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c); // strings become text nodes
    return e;
  }

  function showMessage(text, kind = 'error') {
    const m = $('message');
    m.textContent = text;
    m.className = 'message ' + kind;
    m.hidden = !text;
  }
  function rendered() {
    state.loaded += 1;
    document.body.dataset.loaded = String(state.loaded);
  }

  // ---- loading ------------------------------------------------------------------------------------------------------
  function readHash() {
    try { return decodeURIComponent(location.hash.slice(1)).trim(); } catch (e) { return location.hash.slice(1); }
  }
  async function load() {
    const generation = ++state.generation;
    const id = readHash();
    state.id = id;
    state.story = null;
    state.error = null;
    $('case-id').value = id;
    if (!id) { state.error = {key: 'c_enterId', kind: 'info'}; render(); rendered(); return; }
    if (!UUID.test(id)) { state.error = {key: 'c_badId', vars: {id}}; render(); rendered(); return; }
    try {
      const story = await AUTH.api(`/operations/cases/${encodeURIComponent(id.toLowerCase())}/history`);
      if (generation !== state.generation) return;
      state.story = story;
    } catch (e) {
      if (generation !== state.generation || e instanceof AUTH.SignedOut) return;
      state.error = e instanceof AUTH.Forbidden ? {key: 'c_forbidden'}
        : e.status === 404 ? {key: 'c_notFound', vars: {id}}
          : {key: 'failed', vars: {what: e.message}};
    }
    render();
    rendered();
  }

  // ---- rendering ----------------------------------------------------------------------------------------------------
  function render() {
    applyStaticWords();
    const s = state.story;
    showMessage(state.error ? t(state.error.key, state.error.vars) : '', state.error?.kind || 'error');
    $('unreachable').replaceChildren(...(s?.unreachable || []).map((service) => el('div', {class: 'message warn',
      role: 'alert', 'data-testid': 'unreachable', 'data-service': service}, t('c_unreachable', {service}))));
    $('case').hidden = !s;
    if (!s) return;
    $('case-title').textContent = t('c_title') + ' · ' + (s.caseNumber ?? s.complaintId);
    $('case-number').textContent = s.caseNumber ?? '—';
    $('case-branch').textContent = s.branchId ?? '—';
    $('case-complaint').textContent = s.complaintId;
    $('case-correlation').textContent = s.correlationId ?? '—';
    $('case-count').textContent = s.entries.length === 1 ? t('c_oneEvent') : t('c_events', {n: s.entries.length});
    renderFilters();
    renderStory();
  }

  function checkboxes(container, values, hidden, testid) {
    const legend = container.querySelector('legend');
    container.replaceChildren(legend, ...values.map((v) => el('label', {},
      el('input', {type: 'checkbox', value: v, 'data-testid': testid, 'data-value': v,
        ...(hidden.has(v) ? {} : {checked: ''}),
        onchange: (e) => { if (e.target.checked) hidden.delete(v); else hidden.add(v); applyFilters(); }}),
      v)));
  }
  function renderFilters() {
    const entries = state.story.entries;
    const services = [...new Set(entries.map((e) => e.service))];
    const kinds = [...new Set(entries.map((e) => e.streamKind))];
    checkboxes($('service-filters'), services, state.hiddenServices, 'filter-service');
    checkboxes($('kind-filters'), kinds, state.hiddenKinds, 'filter-kind');
  }
  function applyFilters() {
    for (const row of document.querySelectorAll('#story-body tr[data-event-id]')) {
      row.hidden = state.hiddenServices.has(row.dataset.service) || state.hiddenKinds.has(row.dataset.streamKind);
    }
  }

  const COLUMNS = ['c_colTime', 'c_colService', 'c_colStream', 'c_colVersion', 'c_colType', 'c_colActor',
    'c_colCorrelation', 'c_colCause', 'c_colPayload'];
  function renderStory() {
    const s = state.story;
    $('story-head').replaceChildren(...COLUMNS.map((k) => el('th', {scope: 'col'}, t(k, {zone: ZONE}))));
    const present = new Set(s.entries.map((e) => e.eventId));
    const rows = s.entries.map((e) => row(e, s, present));
    $('story-body').replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', {colspan: COLUMNS.length}, t('c_noEntries')))]));
    applyFilters();
  }
  function row(e, s, present) {
    const differs = e.occurredAt && e.occurredAt !== e.recordedAt
      && new Date(e.occurredAt).getTime() !== new Date(e.recordedAt).getTime();
    const time = el('time', {datetime: e.recordedAt, class: differs ? 'differs' : null,
      title: differs ? t('c_occurred', {at: localTime(e.occurredAt)}) : null}, localTime(e.recordedAt));
    const sameCorrelation = e.correlationId != null && e.correlationId === s.correlationId;
    const correlation = sameCorrelation
      ? el('span', {class: 'correlation same', title: e.correlationId}, t('c_sameCorrelation'))
      : el('span', {class: 'correlation differs', 'data-testid': 'correlation-differs',
        title: t('c_otherCorrelationTitle', {id: e.correlationId ?? '—'})}, '⚠ ' + t('c_otherCorrelation', {id: short(e.correlationId) || '—'}));
    let cause = null;
    if (e.causationId && present.has(e.causationId)) {
      cause = el('button', {type: 'button', class: 'drill-link cause', 'data-testid': 'cause-link', 'data-cause': e.causationId,
        title: t('c_causeTitle', {id: e.causationId}), onclick: () => showEvent(e.causationId)}, short(e.causationId));
    } else if (e.causationId) {
      cause = el('span', {class: 'cause elsewhere', 'data-testid': 'cause-elsewhere',
        title: t('c_causeElsewhere', {id: e.causationId})}, short(e.causationId));
    }
    const payload = el('details', {'data-testid': 'payload'}, el('summary', {}, t('c_payload')),
      el('pre', {}, JSON.stringify(e.payload, null, 2) ?? 'null'));
    return el('tr', {id: 'event-' + e.eventId, 'data-testid': 'case-row', 'data-event-id': e.eventId,
      'data-service': e.service, 'data-stream-kind': e.streamKind, 'data-type': e.type, 'data-recorded-at': e.recordedAt,
      'data-correlation-differs': sameCorrelation ? 'false' : 'true'},
    el('td', {class: 'when'}, time),
    el('td', {}, el('span', {class: 'service ' + e.service}, e.service)),
    el('td', {}, e.streamKind + ' ', el('span', {class: 'short', title: e.streamId}, short(e.streamId))),
    el('td', {class: 'num'}, String(e.version)),
    el('td', {}, el('span', {class: 'type', title: e.type}, readableType(e.type))),
    el('td', {}, e.actor ?? '—'),
    el('td', {}, correlation),
    el('td', {}, cause),
    el('td', {}, payload));
  }
  /** Scrolls to the event's row and highlights it (shown again if a filter hid it). */
  function showEvent(eventId) {
    const target = $('event-' + eventId);
    if (!target) return;
    if (target.hidden) {
      state.hiddenServices.delete(target.dataset.service);
      state.hiddenKinds.delete(target.dataset.streamKind);
      renderFilters();
      applyFilters();
    }
    for (const r of document.querySelectorAll('#story-body tr.highlight')) r.classList.remove('highlight');
    target.classList.add('highlight');
    target.scrollIntoView({block: 'center'});
  }

  // ---- events -------------------------------------------------------------------------------------------------------
  function wire() {
    $('lang').addEventListener('change', () => {
      state.lang = $('lang').value;
      localStorage.setItem(LANG_KEY, state.lang);
      render();
      rendered();
    });
    $('sign-out').addEventListener('click', (e) => {
      e.preventDefault();
      AUTH.signOut();
      location.reload();
    });
    $('open-case').addEventListener('submit', (e) => {
      e.preventDefault();
      const id = $('case-id').value.trim();
      if (id === readHash()) load(); else location.hash = id;
    });
    window.addEventListener('hashchange', () => {
      state.hiddenServices.clear();
      state.hiddenKinds.clear();
      load();
    });
  }

  async function start() {
    const saved = localStorage.getItem(LANG_KEY);
    state.lang = saved === 'zh' || saved === 'en' ? saved : (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
    AUTH.onNotice((key, vars, kind) => showMessage(t(key, vars), kind));
    applyStaticWords();
    wire();
    try {
      await AUTH.finishSignIn();
    } catch (e) {
      showMessage(t('signInFailed', {what: e.message}));
      return;
    }
    if (!AUTH.token()) {
      try { await AUTH.startSignIn(); } catch (e) { showMessage(t('signInFailed', {what: e.message})); }
      return;
    }
    await load();
  }

  document.addEventListener('DOMContentLoaded', start);
})();
