// HQ dashboard: hq-service's /insights API shown as KPI tiles, charts, a league table, drill-downs and case timelines,
// kept live by the server-sent events of /insights/live. Plain ES2020, no build step; charts by Apache ECharts.
'use strict';

(() => {
  const LANG_KEY = 'clinic.hq.lang';
  const I18N = window.HQ_I18N;
  const $ = (id) => document.getElementById(id);

  // ---- state ------------------------------------------------------------------------------------------------------
  const state = {
    lang: 'en', from: null, to: null, branch: '', zone: 'Asia/Shanghai',
    overview: null, league: [], freshness: [], sort: {key: 'branchId', dir: 1},
    drill: null, // {measure, filters, page, size, data}
    generation: 0, loaded: 0
  };
  const charts = {};

  // ---- words ------------------------------------------------------------------------------------------------------
  function t(key, vars) {
    let text = I18N[state.lang][key] ?? I18N.en[key] ?? key;
    for (const [k, v] of Object.entries(vars || {})) text = text.replaceAll('{' + k + '}', v);
    return text;
  }
  /** A code's human label in the current language, else the code itself. */
  function code(c) {
    if (c == null || c === '') return t('none');
    const l = I18N.codes[c];
    return l ? l[state.lang === 'zh' ? 1 : 0] : c;
  }
  function applyStaticWords() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title');
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    $('lang').value = state.lang;
    setLive(liveOn);
  }

  // ---- numbers (display only; the API's numbers are never changed) ---------------------------------------------------
  const count = (n) => (n == null ? t('none') : Number(n).toLocaleString('en-US'));
  const hours = (h) => (h == null ? t('none') : h.toFixed(1) + ' ' + t('hoursUnit'));
  const plainHours = (h) => (h == null ? t('none') : h.toFixed(1));
  const percent = (r) => (r == null ? t('none') : (r * 100).toFixed(1) + '%');
  const decimal = (v, digits) => (v == null ? t('none') : v.toFixed(digits));

  // Money is integer minor units: formatted from the integer (BigInt), never through floating point.
  const ZERO_DECIMALS = new Set(['JPY', 'KRW']);
  const SYMBOLS = {CNY: '¥'};
  function money(minorUnits, currency) {
    const digits = ZERO_DECIMALS.has(currency) ? 0 : 2;
    let units = BigInt(minorUnits);
    const negative = units < 0n;
    if (negative) units = -units;
    const scale = 10n ** BigInt(digits);
    const whole = (units / scale).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    const fraction = digits ? '.' + (units % scale).toString().padStart(digits, '0') : '';
    const prefix = SYMBOLS[currency] ?? currency + ' ';
    return (negative ? '-' : '') + prefix + whole + fraction;
  }
  const amounts = (list) => (list && list.length ? list.map((a) => money(a.minorUnits, a.currency)).join(' + ') : money(0, 'CNY'));

  function dateTime(iso) {
    if (!iso) return t('none');
    // yyyy-MM-dd HH:mm:ss in the chain's time zone, the same in both languages ('sv-SE' formats dates that way)
    return new Date(iso).toLocaleString('sv-SE', {timeZone: state.zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit'});
  }
  function duration(ms) {
    if (ms == null) return t('none');
    if (ms < 1000) return ms + ' ms';
    if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
    if (ms < 3600000) return Math.round(ms / 60000) + ' min';
    if (ms < 172800000) return (ms / 3600000).toFixed(1) + ' ' + t('hoursUnit');
    return (ms / 86400000).toFixed(1) + ' ' + t('daysUnit');
  }

  // ---- dates of the period (yyyy-MM-dd, in the chain's time zone) ---------------------------------------------------
  const today = () => new Intl.DateTimeFormat('en-CA', {timeZone: state.zone}).format(new Date());
  function addDays(day, n) {
    const d = new Date(day + 'T00:00:00Z');
    d.setUTCDate(d.getUTCDate() + n);
    return d.toISOString().slice(0, 10);
  }
  function quickPeriod(kind) {
    const end = today();
    const [y, m] = end.split('-').map(Number);
    const pad = (n) => String(n).padStart(2, '0');
    switch (kind) {
      case '7': return [addDays(end, -6), end];
      case '30': return [addDays(end, -29), end];
      case 'month': return [`${y}-${pad(m)}-01`, end];
      case 'quarter': return [`${y}-${pad(Math.floor((m - 1) / 3) * 3 + 1)}-01`, end];
      default: return [`${y}-01-01`, end];
    }
  }

  // ---- the URL hash keeps the view: #from=2026-03-01&to=2026-03-31&branch=SH001 ----------------------------------------
  function readHash() {
    const h = new URLSearchParams(location.hash.slice(1));
    const valid = (d) => /^\d{4}-\d{2}-\d{2}$/.test(d || '');
    const [f, to] = quickPeriod('30');
    state.from = valid(h.get('from')) ? h.get('from') : f;
    state.to = valid(h.get('to')) ? h.get('to') : to;
    state.branch = h.get('branch') || '';
  }
  function writeHash() {
    const h = new URLSearchParams({from: state.from, to: state.to});
    if (state.branch) h.set('branch', state.branch);
    history.replaceState(null, '', location.pathname + location.search + '#' + h.toString());
  }
  function periodQuery(withBranch = true) {
    const q = new URLSearchParams({from: state.from, to: state.to});
    if (withBranch && state.branch) q.set('branch', state.branch);
    return q;
  }

  // ---- sign-in and the API: auth.js (shared with the case page) ------------------------------------------------------
  const {api, startSignIn, finishSignIn, Forbidden, SignedOut} = window.HQ_AUTH;
  window.HQ_AUTH.onNotice((key, vars, kind) => showMessage(t(key, vars), kind));

  /** A CSV of the API: fetched with the token (a plain link cannot send it), then saved through a Blob link. */
  async function download(path, name) {
    try {
      const blob = await api(path, 'text/csv');
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    } catch (e) { fail(e); }
  }

  function showMessage(text, kind = 'error') {
    const m = $('message');
    m.textContent = text;
    m.className = 'message ' + kind;
    m.hidden = !text;
  }
  function fail(e) {
    if (e instanceof SignedOut) return;
    showMessage(e instanceof Forbidden ? t('forbidden') : t('failed', {what: e.message}));
  }
  function rendered() {
    state.loaded += 1;
    document.body.dataset.loaded = String(state.loaded);
  }

  // ---- loading ------------------------------------------------------------------------------------------------------
  /** Overview, league and freshness for the view; a newer refresh makes an older one's answers stale (dropped). */
  async function refreshAll() {
    const generation = ++state.generation;
    try {
      const [overview, league, freshness] = await Promise.all([
        api('/insights/overview?' + periodQuery()), api('/insights/branches?' + periodQuery(false)),
        api('/insights/freshness')]);
      if (generation !== state.generation) return;
      Object.assign(state, {overview, league, freshness, zone: overview.zone || state.zone});
      showMessage('');
      render();
      rendered();
    } catch (e) { if (generation === state.generation) fail(e); }
  }
  async function refreshFreshness() {
    try { state.freshness = await api('/insights/freshness'); renderFreshness(); } catch (e) { fail(e); }
  }

  // ---- rendering ----------------------------------------------------------------------------------------------------
  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (v == null) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'dataset') Object.assign(e.dataset, v);
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  }
  /** A clickable number: opens the drill-down of {measure, filters}. */
  function drillButton(text, measure, filters = {}, testid) {
    return el('button', {type: 'button', class: 'drill-link', 'data-testid': testid,
      onclick: () => openDrill(measure, filters)}, text);
  }

  function render() {
    applyStaticWords();
    renderScope();
    renderBranchPicker();
    renderKpis();
    renderCharts();
    renderLeague();
    renderFreshness();
    if (state.drill?.data) renderDrill();
  }

  function renderScope() {
    $('from').value = state.from;
    $('to').value = state.to;
    $('scope').textContent = state.branch ? t('scopeBranch', {branch: state.branch, from: state.from, to: state.to})
      : t('scopeChain', {from: state.from, to: state.to});
  }

  function renderBranchPicker() {
    const names = new Set(state.league.map((b) => b.branchId));
    if (state.branch) names.add(state.branch);
    const select = $('branch');
    select.replaceChildren(el('option', {value: ''}, t('allBranches')),
      ...[...names].sort().map((b) => el('option', {value: b}, b)));
    select.value = state.branch;
  }

  function tile(label, value, testid, measure, filters, ...details) {
    return el('article', {class: 'kpi'},
      el('h3', {}, label),
      el('p', {class: 'value'}, drillButton(value, measure, filters, testid)),
      ...details.filter(Boolean).map((d) => el('p', {class: 'detail'}, d)));
  }
  function renderKpis() {
    const o = state.overview;
    const ack = o.timeToAcknowledge, res = o.timeToResolve, r = o.refunds, f = o.followUps, s = o.surveys;
    const breachedTotal = Object.values(o.sla.breached).reduce((a, b) => a + b, 0);
    const within = (d, measure, id) => el('span', {}, t('withinTarget', {v: percent(d.withinTargetShare)}), ' · ',
      drillButton(t('lateOnes') + ' ' + count(d.count - d.withinTarget), measure, {late: 'true'}, id));
    const byCode = (map, measure, filter) => Object.entries(map).map(([k, v]) =>
      drillButton(`${code(k)}: ${count(v)}`, measure, {[filter]: k}));
    const list = (items) => (items.length ? el('span', {class: 'codes'}, ...items) : null);
    $('kpis').replaceChildren(
      tile(t('received'), count(o.received.total), 'kpi-received', 'received', {}),
      tile(t('ackMedian'), hours(ack.medianHours), 'kpi-ack-median', 'acknowledged', {},
        within(ack, 'acknowledged', 'kpi-ack-late'), t('count') + ' ' + count(ack.count)),
      tile(t('ackP90'), hours(ack.p90Hours), 'kpi-ack-p90', 'acknowledged', {}),
      tile(t('resolveMedian'), hours(res.medianHours), 'kpi-resolve-median', 'resolved', {},
        within(res, 'resolved', 'kpi-resolve-late'), t('count') + ' ' + count(res.count)),
      tile(t('resolveP90'), hours(res.p90Hours), 'kpi-resolve-p90', 'resolved', {}),
      tile(t('slaBreached'), count(breachedTotal), 'kpi-sla-breached', 'sla-breached', {},
        list(byCode(o.sla.breached, 'sla-breached', 'clock'))),
      tile(t('atRisk'), count(o.sla.atRiskNow), 'kpi-at-risk', 'at-risk', {},
        el('span', {}, t('breachedNow') + ': ', drillButton(count(o.sla.breachedNow), 'breached-now', {}, 'kpi-breached-now'))),
      tile(t('reopenRate'), percent(o.reopens.rate), 'kpi-reopen-rate', 'reopened', {},
        drillButton(t('reopenedOf', {n: count(o.reopens.reopened), m: count(o.reopens.resolved)}), 'first-resolved', {})),
      tile(t('escalations'), count(o.escalations.total), 'kpi-escalations', 'escalated', {},
        t('concluded', {n: count(o.escalations.concluded)}), list(byCode(o.escalations.byBody, 'escalated', 'body'))),
      tile(t('refundsAgreed'), amounts(r.agreedAmount), 'kpi-refunds-agreed', 'refunds-agreed', {},
        drillButton(t('refundsSettled', {v: amounts(r.paidAmount)}), 'refunds-settled', {}, 'kpi-refunds-settled')),
      tile(t('refundsOverdue'), count(r.overdue.count), 'kpi-refunds-overdue', 'refunds-overdue', {},
        t('outstanding', {v: amounts(r.overdue.outstanding)}),
        r.overdue.oldestDays == null ? null : t('oldestDays', {n: r.overdue.oldestDays})),
      tile(t('followUpCompletion'), percent(f.completion), 'kpi-followup-completion', 'followups', {status: 'DONE'},
        t('followUpCounts', {done: count(f.done), due: count(f.due), open: count(f.open), unreachable: count(f.unreachable)})),
      tile(t('csat'), decimal(s.csatAverage, 2), 'kpi-csat', 'surveys', {answered: 'true'},
        drillButton(t('answeredOf', {n: count(s.answered), m: count(s.sent)}), 'surveys', {}, 'kpi-surveys')),
      tile(t('nps'), decimal(s.nps, 1), 'kpi-nps', 'surveys', {answered: 'true'},
        t('responseRate', {v: percent(s.responseRate)})));
  }

  // Charts: one ECharts instance per container, options set again on every render (language or data changed).
  function chart(id, onClick) {
    if (!charts[id]) {
      charts[id] = echarts.init($(id));
      charts[id].on('click', (p) => onClick(p));
    }
    return charts[id];
  }
  function barOptions(map) {
    const keys = Object.keys(map);
    return {
      tooltip: {trigger: 'axis'}, grid: {left: 8, right: 16, top: 16, bottom: 8, containLabel: true},
      xAxis: {type: 'value', minInterval: 1}, yAxis: {type: 'category', data: keys.map(code), inverse: true},
      series: [{type: 'bar', barMaxWidth: 28, data: keys.map((k) => ({value: map[k], code: k})), itemStyle: {color: '#2f6db5'}}]
    };
  }
  function renderCharts() {
    const rec = state.overview.received;
    chart('chart-category', (p) => openDrill('received', {category: p.data.code}))
      .setOption(barOptions(rec.byCategory), true);
    chart('chart-severity', (p) => openDrill('received', {severity: p.data.code}))
      .setOption(barOptions(rec.bySeverity), true);
    chart('chart-channel', (p) => openDrill('received', {channel: p.data.code})).setOption({
      tooltip: {trigger: 'item'},
      series: [{type: 'pie', radius: ['35%', '65%'],
        data: Object.entries(rec.byChannel).map(([k, v]) => ({name: code(k), value: v, code: k}))}]
    }, true);
    const lines = state.league;
    // A click on a branch's bar drills into that branch: received, or resolved for the hours series.
    chart('chart-branches', (p) => openDrill(p.seriesIndex === 0 ? 'received' : 'resolved', {}, p.name)).setOption({
      tooltip: {trigger: 'axis'}, legend: {top: 0},
      grid: {left: 8, right: 8, top: 32, bottom: 8, containLabel: true},
      xAxis: {type: 'category', data: lines.map((b) => b.branchId)},
      yAxis: [{type: 'value', name: t('count'), minInterval: 1}, {type: 'value', name: t('hoursUnit')}],
      series: [
        {name: t('colReceived'), type: 'bar', barMaxWidth: 48, data: lines.map((b) => b.received), itemStyle: {color: '#2f6db5'}},
        {name: t('medianHours'), type: 'bar', barMaxWidth: 48, yAxisIndex: 1, data: lines.map((b) => b.resolveMedianHours),
          itemStyle: {color: '#e0913a'}}]
    }, true);
  }

  // League table columns: key of BranchLine, label, formatter.
  const LEAGUE = [
    ['branchId', 'colBranch'], ['received', 'colReceived', count], ['ackMedianHours', 'colAckMedian', plainHours],
    ['ackWithinTargetShare', 'colAckWithin', percent], ['resolveMedianHours', 'colResolveMedian', plainHours],
    ['resolveP90Hours', 'colResolveP90', plainHours], ['resolveWithinTargetShare', 'colResolveWithin', percent],
    ['slaBreached', 'colSlaBreached', count], ['atRiskNow', 'colAtRisk', count], ['reopenRate', 'colReopen', percent],
    ['escalations', 'colEscalations', count], ['refundsOverdue', 'colRefundsOverdue', count],
    ['followUpCompletion', 'colFollowUp', percent], ['csatAverage', 'colCsat', (v) => decimal(v, 2)],
    ['nps', 'colNps', (v) => decimal(v, 1)], ['responseRate', 'colResponse', percent]];
  function renderLeague() {
    const {key, dir} = state.sort;
    $('league-head').replaceChildren(...LEAGUE.map(([k, label]) => el('th', {scope: 'col',
      'aria-sort': k === key ? (dir > 0 ? 'ascending' : 'descending') : 'none'},
    el('button', {type: 'button', class: 'sort', 'data-testid': 'sort-' + k, onclick: () => {
      state.sort = {key: k, dir: k === key ? -dir : (k === 'branchId' ? 1 : -1)};
      renderLeague();
    }}, t(label) + (k === key ? (dir > 0 ? ' ▲' : ' ▼') : '')))));
    // nulls last whichever way
    const rows = [...state.league].sort((a, b) => {
      const x = a[key], y = b[key];
      if (x == null || y == null) return (x == null) - (y == null);
      return (x < y ? -1 : x > y ? 1 : 0) * dir;
    });
    $('league-body').replaceChildren(...rows.map((b) => el('tr', {'data-testid': 'league-row', 'data-branch': b.branchId,
      class: b.branchId === state.branch ? 'current' : null},
    ...LEAGUE.map(([k, , fmt], i) => (i === 0
      ? el('th', {scope: 'row'}, el('button', {type: 'button', class: 'drill-link', title: t('filterToBranch', {b: b.branchId}),
        onclick: () => setView({branch: b.branchId})}, b.branchId))
      : el('td', {class: 'num'}, fmt(b[k])))))));
  }

  function renderFreshness() {
    $('freshness-list').replaceChildren(...state.freshness.map((f) => {
      const lag = f.behind == null ? t('brokerUnknown') : f.behind === 0 ? t('upToDate') : t('behind', {n: count(f.behind)});
      const detail = f.lastEventAt ? `${t('lastEvent', {at: dateTime(f.lastEventAt)})}, ${t('appliedAfter', {d: duration(f.lastDelayMillis)})}`
        : t('noEvents');
      return el('span', {class: 'topic ' + (f.behind === 0 ? 'ok' : 'lag'), 'data-topic': f.topic, 'data-behind': f.behind ?? ''},
        el('strong', {}, f.topic.replace(/-events$/, '')), ' ', lag, el('small', {}, ' (' + detail + ')'));
    }));
  }

  // ---- drill-down and timeline ----------------------------------------------------------------------------------------
  function drillQuery(d, page, size) {
    const q = new URLSearchParams({measure: d.measure, from: state.from, to: state.to});
    const branch = d.branch ?? state.branch;
    if (branch) q.set('branch', branch);
    for (const [k, v] of Object.entries(d.filters)) q.set(k, v);
    q.set('page', page);
    q.set('size', size);
    return q;
  }
  function openDrill(measure, filters, branch) {
    state.drill = {measure, filters, branch, page: 0, size: 20, data: null};
    $('drill').hidden = false;
    $('timeline').hidden = true;
    loadDrill();
  }
  async function loadDrill() {
    const d = state.drill;
    try {
      d.data = await api('/insights/cases?' + drillQuery(d, d.page, d.size));
      if (state.drill === d) { renderDrill(); rendered(); }
    } catch (e) { fail(e); }
  }
  /** The row's value, by what the measure counts. */
  function drillValue(measure, row) {
    if (row.amount && measure !== 'refunds-overdue') return money(row.amount.minorUnits, row.amount.currency);
    if (row.value == null) return t('none');
    switch (measure) {
      case 'acknowledged': case 'resolved': return hours(row.value);
      case 'refunds-overdue': return row.value + ' ' + t('daysUnit')
        + (row.amount ? ' · ' + money(row.amount.minorUnits, row.amount.currency) : '');
      default: return String(row.value);
    }
  }
  function drillNote(measure, row) {
    const owed = /^([A-Z]{3}) (-?\d+)$/.exec(row.note || '');
    if (measure === 'refunds-overdue' && owed) return money(owed[2], owed[1]);
    // notes are codes, or codes with words (e.g. "ACKNOWLEDGE:AT_RISK RESOLVE:ON_TRACK", "CNY 5000", "NPS 9")
    return (row.note || '').split(' ').map((w) => w.split(':').map((p) => (/^[A-Z_0-9]+$/.test(p) && I18N.codes[p] ? code(p) : p)).join(': ')).join(' ');
  }
  function renderDrill() {
    const d = state.drill, p = d.data;
    const filters = Object.entries(d.filters).map(([k, v]) => `${t('f_' + k) !== 'f_' + k ? t('f_' + k) : k}: ${v === 'true' || v === 'false' ? t('f_' + v) : code(v)}`);
    const branch = d.branch ?? state.branch;
    $('drill-title').textContent = [t('m_' + d.measure), ...filters, branch].filter(Boolean).join(' · ');
    $('drill-summary').textContent = `${p.from} – ${p.to} · ${t('rowsTotal', {n: count(p.total)})}`;
    const pages = Math.max(1, Math.ceil(p.total / p.size));
    $('drill-page').textContent = t('pageOf', {p: p.page + 1, n: pages});
    $('drill-prev').disabled = p.page === 0;
    $('drill-next').disabled = p.page + 1 >= pages;
    $('drill-head').replaceChildren(...['colCase', 'colComplaint', 'colBranch', 'colCategory', 'colChannel', 'colSeverity',
      'colNote', 'colAt', 'colValue', 'colTimeline'].map((k) => el('th', {scope: 'col'}, t(k))));
    $('drill-body').replaceChildren(...(p.rows.length ? p.rows.map((r) => el('tr', {'data-testid': 'drill-row',
      'data-complaint-id': r.complaintId ?? '', 'data-subject-id': r.subjectId},
    el('td', {}, r.caseNumber ?? t('none')), el('td', {class: 'id'}, r.complaintId ?? t('none')), el('td', {}, r.branchId ?? ''),
    el('td', {}, code(r.category)), el('td', {}, code(r.channel)), el('td', {}, code(r.severity)), el('td', {}, drillNote(d.measure, r)),
    el('td', {}, dateTime(r.at)), el('td', {class: 'num'}, drillValue(d.measure, r)),
    el('td', {}, r.complaintId ? el('button', {type: 'button', class: 'drill-link', 'data-testid': 'open-timeline',
      onclick: () => openTimeline(r.complaintId)}, t('openTimeline')) : '')))
      : [el('tr', {}, el('td', {colspan: 10}, t('noRows')))]));
  }
  async function openTimeline(complaintId) {
    try {
      const tl = await api(`/insights/cases/${encodeURIComponent(complaintId)}/timeline`);
      $('timeline-title').textContent = t('timelineOf', {c: tl.caseNumber ?? tl.complaintId}) + (tl.branchId ? ` · ${tl.branchId}` : '');
      // the operations team's page of the case's whole story (every service's events): for those who may read it
      $('timeline-story-link').href = 'case.html#' + encodeURIComponent(tl.complaintId ?? complaintId);
      $('timeline-story-link').textContent = t('fullStory');
      $('timeline-story').hidden = !window.HQ_AUTH.roles().includes('operations');
      const entries = [...tl.entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
      $('timeline-list').replaceChildren(...entries.map((e) => el('li', {'data-testid': 'timeline-entry', 'data-what': e.what,
        'data-stream': e.stream},
      el('time', {datetime: e.at}, dateTime(e.at)), ' ',
      el('span', {class: 'stream ' + e.stream}, I18N[state.lang].streams[e.stream] ?? e.stream), ' ',
      el('strong', {}, e.what),
      el('details', {}, el('summary', {}, 'facts'),
        el('pre', {}, JSON.stringify(e.facts, null, 2) + (e.correlationId ? `\ncorrelation ${e.correlationId}` : ''))))));
      $('timeline').hidden = false;
      $('timeline').scrollIntoView({block: 'nearest'});
      rendered();
    } catch (e) { fail(e); }
  }

  // ---- live: /insights/live as server-sent events read through fetch (EventSource cannot send the token) -------------
  let lastChanges = null;
  let liveOn = null; // null: not connected yet
  let refreshTimer = null;
  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refreshAll, 300); // a burst of changes makes one refresh
  }
  async function live() {
    let backoff = 1000;
    for (;;) {
      try {
        const token = window.HQ_AUTH.token();
        const r = await fetch('/insights/live', {headers: {Authorization: 'Bearer ' + token, Accept: 'text/event-stream'}});
        if (r.status === 401) { sessionStorage.removeItem(window.HQ_AUTH.TOKEN_KEY); await startSignIn(); return; }
        if (!r.ok || !r.body) throw new Error('HTTP ' + r.status);
        setLive(true);
        const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const {value, done} = await reader.read();
          if (done) break;
          buffer += value.replace(/\r\n/g, '\n');
          // an event ends with a blank line; its data: lines carry {"changes":n,"at":...}
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('\n');
            if (!data) continue;
            backoff = 1000;
            const {changes} = JSON.parse(data);
            if (changes !== lastChanges) {
              if (lastChanges !== null) scheduleRefresh();
              lastChanges = changes;
            }
          }
        }
      } catch (e) { /* dropped: reconnect below */ }
      setLive(false);
      await new Promise((resolve) => setTimeout(resolve, backoff));
      backoff = Math.min(backoff * 2, 30000);
      // changes may have been missed while away
      lastChanges = null;
      scheduleRefresh();
    }
  }
  function setLive(on) {
    liveOn = on;
    if (on === null) return;
    $('live').textContent = on ? '● ' + t('liveOn') : '○ ' + t('liveOff');
    $('live').className = 'live ' + (on ? 'on' : 'off');
  }

  // ---- events -------------------------------------------------------------------------------------------------------
  function setView(change) {
    Object.assign(state, change);
    writeHash();
    renderScope();
    refreshAll();
  }
  function wire() {
    $('lang').addEventListener('change', () => {
      state.lang = $('lang').value;
      localStorage.setItem(LANG_KEY, state.lang);
      if (state.overview) { render(); rendered(); } else applyStaticWords();
    });
    $('sign-out').addEventListener('click', (e) => {
      e.preventDefault();
      window.HQ_AUTH.signOut();
      location.reload();
    });
    for (const id of ['from', 'to']) {
      $(id).addEventListener('change', () => {
        if ($('from').value && $('to').value && $('from').value <= $('to').value) setView({from: $('from').value, to: $('to').value});
      });
    }
    for (const b of document.querySelectorAll('[data-quick]')) {
      b.addEventListener('click', () => { const [from, to] = quickPeriod(b.dataset.quick); setView({from, to}); });
    }
    $('branch').addEventListener('change', () => setView({branch: $('branch').value}));
    $('filters').addEventListener('submit', (e) => e.preventDefault());
    window.addEventListener('hashchange', () => { readHash(); renderScope(); refreshAll(); });
    window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
    $('drill-close').addEventListener('click', () => { $('drill').hidden = true; state.drill = null; });
    $('drill-prev').addEventListener('click', () => { state.drill.page -= 1; loadDrill(); });
    $('drill-next').addEventListener('click', () => { state.drill.page += 1; loadDrill(); });
    $('drill-csv').addEventListener('click', () => download('/insights/cases.csv?' + drillQuery(state.drill, 0, 500),
      `${state.drill.measure}-${state.from}-${state.to}.csv`));
    $('overview-csv').addEventListener('click', () => download('/insights/overview.csv?' + periodQuery(),
      `overview-${state.from}-${state.to}.csv`));
    $('league-csv').addEventListener('click', () => download('/insights/branches.csv?' + periodQuery(false),
      `branches-${state.from}-${state.to}.csv`));
  }

  async function start() {
    const saved = localStorage.getItem(LANG_KEY);
    state.lang = saved === 'zh' || saved === 'en' ? saved : (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
    applyStaticWords();
    wire();
    try {
      await finishSignIn();
    } catch (e) {
      showMessage(t('signInFailed', {what: e.message}));
      return;
    }
    if (!window.HQ_AUTH.token()) {
      try { await startSignIn(); } catch (e) { showMessage(t('signInFailed', {what: e.message})); }
      return;
    }
    readHash();
    writeHash();
    renderScope();
    await refreshAll();
    live();
    setInterval(refreshFreshness, 10000);
  }

  document.addEventListener('DOMContentLoaded', start);
})();
