// GroupGate dashboard (数据看板). Every number on the page comes from the public API of
// this origin, called with the tenant's API key from sessionStorage. No other host is
// contacted and nothing is put in a URL but range, granularity and ids.
'use strict';

(function () {
  const KEY_STORAGE = 'groupgate.apiKey';
  const PAGE_LIMIT = 100;
  const MAX_PAGES = 20;           // at most 2,000 codes are listed and summed
  const PARALLEL = 6;             // stats requests in flight at once
  const NO_CHANNEL = '(none)';    // the API's bucket for codes without a channel
  const REGION_NAMES = {
    'CN-AH': '安徽', 'CN-BJ': '北京', 'CN-CQ': '重庆', 'CN-FJ': '福建', 'CN-GD': '广东', 'CN-GS': '甘肃',
    'CN-GX': '广西', 'CN-GZ': '贵州', 'CN-HA': '河南', 'CN-HB': '湖北', 'CN-HE': '河北', 'CN-HI': '海南',
    'CN-HK': '香港', 'CN-HL': '黑龙江', 'CN-HN': '湖南', 'CN-JL': '吉林', 'CN-JS': '江苏', 'CN-JX': '江西',
    'CN-LN': '辽宁', 'CN-MO': '澳门', 'CN-NM': '内蒙古', 'CN-NX': '宁夏', 'CN-QH': '青海', 'CN-SC': '四川',
    'CN-SD': '山东', 'CN-SH': '上海', 'CN-SN': '陕西', 'CN-SX': '山西', 'CN-TJ': '天津', 'CN-TW': '台湾',
    'CN-XJ': '新疆', 'CN-XZ': '西藏', 'CN-YN': '云南', 'CN-ZJ': '浙江'
  };
  const COLORS = ['#1a7f5a', '#3182ce', '#dd6b20', '#805ad5', '#d53f8c', '#718096', '#38a169', '#e53e3e'];

  const $ = (sel) => document.querySelector(sel);
  const $$ = (sel) => Array.from(document.querySelectorAll(sel));
  const charts = {};
  const state = { range: { days: 7 }, granularity: 'day', channel: '', sort: { key: 'scans', dir: -1 }, rows: [] };
  let loadSeq = 0;

  // ---- API ---------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  async function api(path) {
    const key = sessionStorage.getItem(KEY_STORAGE);
    if (!key) {
      throw new ApiError(401, 'unauthorized', 'no API key');
    }
    let response;
    try {
      response = await fetch(path, {
        headers: { 'Authorization': 'Bearer ' + key, 'Accept': 'application/json' },
        cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer'
      });
    } catch (e) {
      throw new ApiError(0, 'network', 'the API could not be reached (' + e.message + ')');
    }
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const err = body && body.error ? body.error : {};
      throw new ApiError(response.status, err.code || 'http_' + response.status,
        err.message || 'the API answered ' + response.status);
    }
    return body;
  }

  /**
   * The dashboard's one change: asks the API to send a webhook.test event to an endpoint.
   * Everything else it does is a GET (api above); a read key gets 403 here, and the
   * buttons say a full key is needed.
   */
  async function sendTest(webhookId) {
    const key = sessionStorage.getItem(KEY_STORAGE);
    const response = await fetch('/v1/webhooks/' + encodeURIComponent(webhookId) + '/test', {
      method: 'POST',
      headers: { 'Authorization': 'Bearer ' + key, 'Accept': 'application/json' },
      cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer'
    });
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    return { status: response.status, body: body };
  }

  /** Every page of a paged list (field: items or rows), up to MAX_PAGES of PAGE_LIMIT. */
  async function listAll(path, params, field) {
    const items = [];
    let cursor = null;
    for (let page = 0; page < MAX_PAGES; page++) {
      const q = new URLSearchParams(Object.assign({}, params || {}, { limit: String(PAGE_LIMIT) }));
      if (cursor) {
        q.set('cursor', cursor);
      }
      const body = await api(path + '?' + q);
      items.push(...body[field || 'items']);
      cursor = body.nextCursor;
      if (!cursor) {
        return { items: items, truncated: false };
      }
    }
    return { items: items, truncated: true };
  }

  /** Runs fn over items with at most PARALLEL calls in flight; keeps the order. */
  async function pooled(items, fn) {
    const out = new Array(items.length);
    let next = 0;
    async function worker() {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker));
    return out;
  }

  // ---- range -------------------------------------------------------------------------

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function localDate(d) {
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  /**
   * The from/to the API is asked for. A preset is a rolling window ending at the next
   * full hour, written as instants, so it is the same whatever the browser's zone; picked
   * dates are sent as dates, which the API reads in the tenant's zone ("to" inclusive).
   */
  function queryRange() {
    const r = state.range;
    if (r.days) {
      const to = new Date();
      to.setUTCMinutes(0, 0, 0);
      to.setUTCHours(to.getUTCHours() + 1);
      const from = new Date(to.getTime() - r.days * 86400000);
      return { from: from.toISOString().replace('.000Z', 'Z'), to: to.toISOString().replace('.000Z', 'Z'),
        label: r.days === 1 ? 'last 24 hours' : 'last ' + r.days + ' days' };
    }
    const toExclusive = new Date(r.to + 'T00:00:00');
    toExclusive.setDate(toExclusive.getDate() + 1);
    return { from: r.from, to: localDate(toExclusive), label: r.from + ' to ' + r.to + ' (tenant time)' };
  }

  function statsQuery(range) {
    return new URLSearchParams({ from: range.from, to: range.to, granularity: state.granularity }).toString();
  }

  // ---- merging per-code reports ------------------------------------------------------

  function addMap(into, from) {
    Object.entries(from || {}).forEach(([k, v]) => { into[k] = (into[k] || 0) + v; });
  }

  /** joins / accepted, 4 decimals, 0 when nothing was accepted: the API's own rule. */
  function conversion(joins, accepted) {
    return accepted === 0 ? 0 : Math.round(joins / accepted * 10000) / 10000;
  }

  function merge(reports) {
    const m = { totals: { scans: 0, accepted: 0, refused: {}, joins: 0 }, series: new Map(),
      byCountry: {}, byRegion: {}, byCity: {}, byDevice: {}, byOs: {}, byApp: {}, byHourOfDay: {} };
    reports.forEach((r) => {
      m.totals.scans += r.totals.scans;
      m.totals.accepted += r.totals.accepted;
      m.totals.joins += r.totals.joins;
      addMap(m.totals.refused, r.totals.refused);
      r.series.forEach((p) => {
        const s = m.series.get(p.start) || { start: p.start, scans: 0, accepted: 0, joins: 0 };
        s.scans += p.scans;
        s.accepted += p.accepted;
        s.joins += p.joins;
        m.series.set(p.start, s);
      });
      ['byCountry', 'byRegion', 'byCity', 'byDevice', 'byOs', 'byApp', 'byHourOfDay']
        .forEach((k) => addMap(m[k], r[k]));
    });
    m.totals.conversionRate = conversion(m.totals.joins, m.totals.accepted);
    m.series = Array.from(m.series.values()).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
    return m;
  }

  function refusedCount(refused) {
    return Object.values(refused).reduce((a, b) => a + b, 0);
  }

  // ---- formatting --------------------------------------------------------------------

  const number = (n) => Number(n).toLocaleString('en-US');
  const percent = (rate) => (rate * 100).toFixed(1) + '%';

  function bytes(n) {
    if (n < 1024) {
      return n + ' B';
    }
    if (n < 1024 * 1024) {
      return (n / 1024).toFixed(1) + ' KiB';
    }
    return (n / 1024 / 1024).toFixed(1) + ' MiB';
  }

  /** A series start as the tenant's local time, read from its own offset ("2026-11-26T08:00:00+08:00"). */
  function bucketLabel(start) {
    const day = start.slice(5, 10);
    return state.granularity === 'hour' ? day + ' ' + start.slice(11, 16) : day;
  }

  function regionLabel(code) {
    return REGION_NAMES[code] ? code + ' ' + REGION_NAMES[code] : code;
  }

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'text') {
        e.textContent = v;
      } else if (v !== null && v !== undefined) {
        e.setAttribute(k, v);
      }
    });
    (children || []).forEach((c) => e.append(c));
    return e;
  }

  // ---- charts ------------------------------------------------------------------------

  function chart(id) {
    if (!charts[id]) {
      charts[id] = echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
    }
    return charts[id];
  }

  /** Draws option, or the empty text when there is nothing to draw. */
  function draw(id, option, empty) {
    const node = document.getElementById(id);
    node.classList.toggle('is-empty', empty);
    node.setAttribute('data-empty-text', 'No scans in this range.');
    const base = { color: COLORS, animation: false, textStyle: { fontFamily: 'inherit' },
      tooltip: { renderMode: 'richText', confine: true } };
    chart(id).setOption(Object.assign(base, option, { tooltip: Object.assign(base.tooltip, option.tooltip || {}) }),
      { notMerge: true });
  }

  function rankedBar(id, map, label, top) {
    const entries = Object.entries(map).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top);
    entries.reverse();
    draw(id, {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: entries.map((e) => label(e[0])) },
      series: [{ type: 'bar', data: entries.map((e) => e[1]), label: { show: true, position: 'right' } }]
    }, entries.length === 0);
  }

  function pie(id, map) {
    const data = Object.entries(map).filter((e) => e[1] > 0).map(([name, value]) => ({ name: name, value: value }));
    draw(id, {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: { bottom: 0, type: 'scroll' },
      series: [{ type: 'pie', radius: ['38%', '66%'], center: ['50%', '44%'], data: data,
        label: { formatter: '{b}\n{d}%' } }]
    }, data.length === 0);
  }

  function renderCharts(m) {
    draw('chart-series', {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: m.series.map((p) => bucketLabel(p.start)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: ['scans', 'accepted', 'joins'].map((k) => ({ name: k, type: 'line', smooth: true, showSymbol: m.series.length < 60,
        data: m.series.map((p) => p[k]) }))
    }, m.totals.scans === 0 && m.totals.joins === 0);
    rankedBar('chart-refused', m.totals.refused, (k) => k, 10);
    rankedBar('chart-region', m.byRegion, regionLabel, 15);
    rankedBar('chart-country', m.byCountry, (k) => k, 10);
    pie('chart-device', m.byDevice);
    pie('chart-os', m.byOs);
    pie('chart-app', m.byApp);
    const hours = Array.from({ length: 24 }, (_, h) => m.byHourOfDay[String(h)] || 0);
    const max = Math.max(1, ...hours);
    draw('chart-hours', {
      tooltip: { position: 'top', formatter: (p) => p.value[0] + ':00  ' + p.value[2] + ' scans' },
      grid: { left: 8, right: 8, top: 8, bottom: 52, containLabel: true },
      xAxis: { type: 'category', data: hours.map((_, h) => String(h)), splitArea: { show: true } },
      yAxis: { type: 'category', data: ['scans'], show: false },
      visualMap: { min: 0, max: max, calculable: false, orient: 'horizontal', left: 'center', bottom: 0,
        itemHeight: 120, inRange: { color: ['#f0fff4', '#1a7f5a'] } },
      series: [{ type: 'heatmap', data: hours.map((v, h) => [h, 0, v]), label: { show: true } }]
    }, hours.every((v) => v === 0));
  }

  // ---- tables ------------------------------------------------------------------------

  function channelName(key) {
    return key === NO_CHANNEL ? '(no channel)' : key;
  }

  function renderChannels() {
    const rows = state.rows.slice().sort((a, b) => {
      const k = state.sort.key;
      const d = typeof a[k] === 'string' ? a[k].localeCompare(b[k]) : a[k] - b[k];
      return d * state.sort.dir || a.key.localeCompare(b.key);
    });
    $$('#channels th[data-sort]').forEach((th) => {
      th.setAttribute('aria-sort', th.dataset.sort === state.sort.key
        ? (state.sort.dir > 0 ? 'ascending' : 'descending') : 'none');
    });
    const body = $('#channels tbody');
    body.replaceChildren(...rows.map((r) => {
      const funnel = el('td', {}, [
        el('progress', { value: String(r.joins), max: String(Math.max(1, r.scans)),
          'aria-label': 'joins of scans' }),
        ' ' + percent(r.scans === 0 ? 0 : r.joins / r.scans) + ' of scans joined']);
      const tr = el('tr', { 'data-channel': r.key }, [
        el('td', { text: channelName(r.key) }),
        el('td', { class: 'num', 'data-col': 'scans', text: number(r.scans) }),
        el('td', { class: 'num', 'data-col': 'accepted', text: number(r.accepted) }),
        el('td', { class: 'num', 'data-col': 'joins', text: number(r.joins) }),
        el('td', { class: 'num', 'data-col': 'conversionRate', text: percent(r.conversionRate) }),
        funnel]);
      if (r.key === state.channel) {
        tr.classList.add('selected');
      }
      return tr;
    }));
    $('[data-empty="channels"]').hidden = rows.length > 0;
  }

  function statusBadge(status) {
    return el('span', { class: 'status ' + status, text: status });
  }

  function renderCodes(codes) {
    const body = $('#codes tbody');
    body.replaceChildren(...codes.map((c) => el('tr', { 'data-code': c.codeId }, [
      el('td', { title: c.codeId, text: c.codeId.slice(0, 10) + '…' }),
      el('td', { text: c.channel ? c.channel : '(no channel)' }),
      el('td', {}, [statusBadge(c.status)]),
      el('td', {}, [el('progress', { value: String(c.scansToday), max: String(c.dailyScanLimit),
        'aria-label': 'scans today of daily cap' }), ' ' + number(c.scansToday) + ' / ' + number(c.dailyScanLimit)]),
      el('td', { text: new Date(c.expiresAt).toLocaleString() })
    ])));
    $('[data-empty="codes"]').hidden = codes.length > 0;
  }

  /** What a group's entry is, as its tenant gave it: the link, or the picture's platform and payload. */
  function entryText(e) {
    if (!e) {
      return 'none: joiners get no way in';
    }
    return e.platform + ' ' + (e.type === 'link' ? 'link ' + e.url : 'QR picture ' + e.payload);
  }

  /** When the entry expires; a day ahead it warns, after it says the group counts as full. */
  function entryExpiry(e) {
    if (!e || !e.expiresAt) {
      return el('span', { text: e ? 'never' : '' });
    }
    const when = new Date(e.expiresAt).toLocaleString();
    if (e.expired) {
      return el('span', { class: 'status expired', 'data-entry': 'expired',
        text: 'expired ' + when + ': counts as full' });
    }
    if (e.expiringSoon) {
      return el('span', { class: 'status warn', 'data-entry': 'expiring', role: 'alert',
        text: 'expires within 24 h: ' + when });
    }
    return el('span', { text: when });
  }

  /** The operator blocked the group: its codes answer 451 and live codes skip it; say why. */
  function blockedBadge(b) {
    return el('span', { class: 'status revoked', 'data-blocked': 'true', role: 'alert',
      text: 'blocked since ' + new Date(b.blockedAt).toLocaleString() + ': ' + b.reason });
  }

  function renderGroups(groups) {
    const body = $('#groups tbody');
    body.replaceChildren(...groups.map((g) => el('tr', { 'data-group': g.groupId }, [
      el('td', { text: g.name }),
      el('td', { class: 'num', text: number(g.members) + ' / ' + number(g.capacity) }),
      el('td', { text: g.joinPolicy }),
      el('td', {}, g.blocked ? [statusBadge(g.status), ' ', blockedBadge(g.blocked)] : [statusBadge(g.status)]),
      el('td', { class: 'entry', text: entryText(g.entry) }),
      el('td', {}, [entryExpiry(g.entry)])
    ])));
    $('[data-empty="groups"]').hidden = groups.length > 0;
  }

  function renderLive(live) {
    const box = $('#live-codes');
    box.replaceChildren(...live.map((l) => {
      const cap = l.dailyScanLimit ? ' / ' + number(l.dailyScanLimit) : ' (no daily cap)';
      const current = l.pool.find((g) => g.groupId === l.currentGroupId);
      const pool = el('ol', {}, l.pool.map((g) => el('li', { class: g.members >= g.limit ? 'full' : '' }, [
        el('progress', { value: String(g.members), max: String(Math.max(1, g.limit)), 'aria-label': 'group fill' }),
        ' ' + g.name + ': ' + number(g.members) + ' / ' + number(g.limit) + (g.members >= g.limit ? ' full' : '')
      ])));
      return el('div', { class: 'live', 'data-live': l.liveCodeId }, [
        el('h3', {}, [l.name + ' ', statusBadge(l.status)]),
        el('p', { class: 'note', text: 'Channel ' + (l.channel || '(none)') + ' · scans today ' + number(l.scansToday)
          + cap + ' · now routing to ' + (current ? current.name : 'no group (pool exhausted)') }),
        pool]);
    }));
    $('[data-empty="live"]').hidden = live.length > 0;
  }

  const DELIVERIES_SHOWN = 10;

  /** Each endpoint, its subscription and state, its latest attempts, and a test button. */
  function renderWebhooks(hooks) {
    const box = $('#webhooks');
    box.replaceChildren(...hooks.map(({ hook, deliveries }) => {
      const badge = hook.enabled ? statusBadge('active') : el('span', { class: 'status revoked',
        text: 'disabled' + (hook.disabledReason ? ' (' + hook.disabledReason + ')' : '') });
      const button = el('button', { type: 'button', 'data-test-webhook': hook.webhookId, text: 'Send test' });
      button.disabled = !hook.enabled || state.readOnlyKey === true;
      const rows = deliveries.map((d) => el('tr', { 'data-delivery': d.deliveryId }, [
        el('td', { text: new Date(d.at).toLocaleString() }),
        el('td', { text: d.type }),
        el('td', { class: 'num', text: String(d.attempt) }),
        el('td', {}, [el('span', { class: 'status ' + (d.status === 'delivered' ? 'active' : 'revoked'),
          'data-status': d.status, text: d.status })]),
        el('td', { class: 'num', text: d.responseCode === null || d.responseCode === undefined ? '–' : String(d.responseCode) })
      ]));
      const table = el('div', { class: 'table-wrap' }, [el('table', { class: 'deliveries' }, [
        el('thead', {}, [el('tr', {}, ['When', 'Event', 'Attempt', 'Status', 'HTTP'].map((h) => el('th', { scope: 'col', text: h })))]),
        el('tbody', {}, rows)])]);
      return el('div', { class: 'webhook', 'data-webhook': hook.webhookId }, [
        el('h3', {}, [hook.url + ' ', badge, ' ', button]),
        el('p', { class: 'note', text: 'Events: ' + hook.events.join(', ') + (hook.description ? ' · ' + hook.description : '') }),
        deliveries.length > 0 ? table : el('p', { class: 'empty', text: 'No deliveries yet.' })]);
    }));
    $('[data-empty="webhooks"]').hidden = hooks.length > 0;
  }

  async function loadWebhooks() {
    const hooks = (await api('/v1/webhooks')).items;
    return pooled(hooks, async (hook) => ({ hook: hook,
      deliveries: (await api('/v1/webhooks/' + encodeURIComponent(hook.webhookId) + '/deliveries?limit='
        + DELIVERIES_SHOWN)).items }));
  }

  async function onTestClick(e) {
    const button = e.target.closest('[data-test-webhook]');
    if (!button) {
      return;
    }
    const note = $('#webhook-note');
    button.disabled = true;
    try {
      const answer = await sendTest(button.dataset.testWebhook);
      if (answer.status === 202) {
        note.textContent = 'Test event ' + answer.body.eventId + ' queued; refresh to see its delivery.';
        button.disabled = false;
      } else if (answer.status === 403) {
        state.readOnlyKey = true;
        $$('[data-test-webhook]').forEach((b) => { b.disabled = true; });
        note.textContent = 'This key may only read: sending a test needs a full key.';
      } else {
        note.textContent = 'The API answered ' + answer.status + (answer.body && answer.body.error
          ? ' ' + answer.body.error.code + ': ' + answer.body.error.message : '');
        button.disabled = false;
      }
    } catch (err) {
      note.textContent = 'The API could not be reached (' + err.message + ')';
      button.disabled = false;
    }
  }

  function renderChannelOptions(codes, live) {
    const names = new Set(state.rows.map((r) => r.key));
    codes.forEach((c) => names.add(c.channel || NO_CHANNEL));
    live.forEach((l) => names.add(l.channel || NO_CHANNEL));
    const select = $('#channel');
    const options = [el('option', { value: '', text: 'All channels' })]
      .concat(Array.from(names).sort().map((n) => el('option', { value: n, text: channelName(n) })));
    select.replaceChildren(...options);
    select.value = names.has(state.channel) ? state.channel : '';
    state.channel = select.value;
  }

  function renderKpis(m) {
    const set = (k, text) => { $('[data-kpi="' + k + '"]').textContent = text; };
    set('scans', number(m.totals.scans));
    set('accepted', number(m.totals.accepted));
    set('refused', number(refusedCount(m.totals.refused)));
    set('joins', number(m.totals.joins));
    set('conversionRate', percent(m.totals.conversionRate));
  }

  // ---- loading -----------------------------------------------------------------------

  function showError(e) {
    const box = $('#error');
    box.textContent = e.status === 0 ? e.message : 'The API answered ' + e.status + ' ' + e.code + ': ' + e.message;
    box.hidden = false;
  }

  function inChannel(channel) {
    return (x) => state.channel === '' || (x.channel || NO_CHANNEL) === state.channel;
  }

  async function load() {
    const seq = ++loadSeq;
    const range = queryRange();
    document.body.dataset.state = 'loading';
    $('#loading').hidden = false;
    $('#error').hidden = true;
    try {
      const q = statsQuery(range);
      const [groups, codes, live, rows, usage, hooks] = await Promise.all([
        listAll('/v1/groups'), listAll('/v1/codes'), listAll('/v1/live-codes'),
        listAll('/v1/stats', { from: range.from, to: range.to, groupBy: 'channel' }, 'rows'),
        api('/v1/usage?month=' + encodeURIComponent($('#month').value)), loadWebhooks()]);
      if (seq !== loadSeq) {
        return;
      }
      state.rows = rows.items;
      renderChannelOptions(codes.items, live.items);
      const subjects = codes.items.filter(inChannel()).map((c) => 'codes/' + c.codeId)
        .concat(live.items.filter(inChannel()).map((l) => 'live-codes/' + l.liveCodeId));
      const reports = await pooled(subjects, (s) => api('/v1/' + s + '/stats?' + q).catch((e) => {
        if (e.status === 404) {
          return null;      // removed since it was listed (its TTL ran out)
        }
        throw e;
      }));
      if (seq !== loadSeq) {
        return;
      }
      const merged = merge(reports.filter((r) => r !== null));
      renderKpis(merged);
      renderCharts(merged);
      renderChannels();
      renderGroups(groups.items);
      renderCodes(codes.items.filter(inChannel()));
      renderLive(live.items.filter(inChannel()));
      renderUsage(usage);
      renderWebhooks(hooks);
      const expected = rows.items.filter((r) => state.channel === '' || r.key === state.channel)
        .reduce((a, r) => a + r.scans, 0);
      const notes = ['Showing ' + range.label + ', by ' + state.granularity
        + (state.channel ? ', channel ' + channelName(state.channel) : ', all channels') + '.'];
      if (expected !== merged.totals.scans) {
        notes.push((expected - merged.totals.scans) + ' scans in this range belong to codes that are no longer stored;'
          + ' the channel table counts them, the charts cannot.');
      }
      if (codes.truncated || live.truncated) {
        notes.push('Only the newest ' + PAGE_LIMIT * MAX_PAGES + ' codes are summed.');
      }
      if (rows.truncated) {
        notes.push('Only the first ' + PAGE_LIMIT * MAX_PAGES + ' channels are listed.');
      }
      const note = $('#range-note');
      note.textContent = notes.join(' ');
      note.dataset.from = range.from;
      note.dataset.to = range.to;
      note.dataset.granularity = state.granularity;
      note.dataset.channel = state.channel;
      document.body.dataset.state = 'ready';
    } catch (e) {
      if (seq !== loadSeq) {
        return;
      }
      if (e.status === 401) {
        lock('That API key was not accepted. Paste it again.');
        return;
      }
      showError(e);
      document.body.dataset.state = 'error';
    } finally {
      if (seq === loadSeq) {
        $('#loading').hidden = true;
      }
    }
  }

  function renderUsage(u) {
    $('[data-usage="codesIssued"]').textContent = number(u.codesIssued);
    $('[data-usage="scansVerified"]').textContent = number(u.scansVerified);
    $('[data-usage="joins"]').textContent = number(u.joins);
    $('[data-usage="imageBytesStored"]').textContent = bytes(u.imageBytesStored);
  }

  // ---- sign-in and controls ----------------------------------------------------------

  function lock(message) {
    sessionStorage.removeItem(KEY_STORAGE);
    $('#board').hidden = true;
    $('#forget').hidden = true;
    $('#login').hidden = false;
    const error = $('#login-error');
    error.textContent = message || '';
    error.hidden = !message;
    document.body.dataset.state = 'locked';
    $('#api-key').focus();
  }

  function unlock() {
    $('#login').hidden = true;
    $('#board').hidden = false;
    $('#forget').hidden = false;
    load();
  }

  function setPreset(days) {
    state.range = { days: days };
    $$('.ranges button').forEach((b) => b.classList.toggle('on', Number(b.dataset.range) === days));
    const today = new Date();
    const from = new Date(today.getTime() - (days - 1) * 86400000);
    $('#from').value = localDate(from);
    $('#to').value = localDate(today);
  }

  function onDates() {
    const from = $('#from').value;
    const to = $('#to').value;
    if (!from || !to || from > to) {
      return;
    }
    state.range = { from: from, to: to };
    $$('.ranges button').forEach((b) => b.classList.remove('on'));
    load();
  }

  function init() {
    const now = new Date();
    $('#month').value = now.getUTCFullYear() + '-' + pad(now.getUTCMonth() + 1);
    setPreset(7);
    $('#key-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const key = $('#api-key').value.trim();
      if (!key) {
        return;
      }
      sessionStorage.setItem(KEY_STORAGE, key);
      $('#api-key').value = '';
      unlock();
    });
    $('#forget').addEventListener('click', () => lock(''));
    $$('.ranges button').forEach((b) => b.addEventListener('click', () => {
      setPreset(Number(b.dataset.range));
      load();
    }));
    $('#from').addEventListener('change', onDates);
    $('#to').addEventListener('change', onDates);
    $('#granularity').addEventListener('change', (e) => {
      state.granularity = e.target.value;
      load();
    });
    $('#channel').addEventListener('change', (e) => {
      state.channel = e.target.value;
      load();
    });
    $('#month').addEventListener('change', load);
    $('#refresh').addEventListener('click', load);
    $$('#channels th[data-sort]').forEach((th) => th.addEventListener('click', () => {
      const key = th.dataset.sort;
      state.sort = { key: key, dir: state.sort.key === key ? -state.sort.dir : (key === 'key' ? 1 : -1) };
      renderChannels();
    }));
    $('#channels tbody').addEventListener('click', (e) => {
      const tr = e.target.closest('tr[data-channel]');
      if (tr) {
        state.channel = state.channel === tr.dataset.channel ? '' : tr.dataset.channel;
        $('#channel').value = state.channel;
        load();
      }
    });
    $('#webhooks').addEventListener('click', onTestClick);
    window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));
    if (typeof echarts === 'undefined') {
      showError(new ApiError(0, 'asset', 'the chart library did not load'));
    }
    if (sessionStorage.getItem(KEY_STORAGE)) {
      unlock();
    } else {
      lock('');
    }
  }

  document.addEventListener('DOMContentLoaded', init);
}());
