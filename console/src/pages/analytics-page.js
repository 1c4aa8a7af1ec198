// #/analytics: what the retired dashboard showed — KPIs, scans/accepted/joins over time,
// refusals, where and on what scanners were, the hour of day, and channels from scans to
// joins — for a range and a channel. The KPIs are the sum of the channel rows shown under
// them (one source for both), and every range is aligned to its buckets before it is sent
// (../analytics/window.js), so the per-code reports behind the charts cover the same hours.
import { select } from '../lib/dom.js';
import { addDays, statsWindow } from '../analytics/window.js';
import { kpisFromRows, mergeReports, NO_CHANNEL } from '../analytics/merge.js';
import { chart as chartLabel, kpi as kpiLabel, rangePreset } from './ops-labels.js';

const PARALLEL = 6;
const PRESETS = [1, 7, 30];
const REGION_NAMES = {
  'CN-AH': '安徽', 'CN-BJ': '北京', 'CN-CQ': '重庆', 'CN-FJ': '福建', 'CN-GD': '广东', 'CN-GS': '甘肃',
  'CN-GX': '广西', 'CN-GZ': '贵州', 'CN-HA': '河南', 'CN-HB': '湖北', 'CN-HE': '河北', 'CN-HI': '海南',
  'CN-HK': '香港', 'CN-HL': '黑龙江', 'CN-HN': '湖南', 'CN-JL': '吉林', 'CN-JS': '江苏', 'CN-JX': '江西',
  'CN-LN': '辽宁', 'CN-MO': '澳门', 'CN-NM': '内蒙古', 'CN-NX': '宁夏', 'CN-QH': '青海', 'CN-SC': '四川',
  'CN-SD': '山东', 'CN-SH': '上海', 'CN-SN': '陕西', 'CN-SX': '山西', 'CN-TJ': '天津', 'CN-TW': '台湾',
  'CN-XJ': '新疆', 'CN-XZ': '西藏', 'CN-YN': '云南', 'CN-ZJ': '浙江',
};

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

/** Every channel row of the range, following nextCursor. */
async function channelRows(api, w) {
  const rows = [];
  let cursor;
  do {
    const page = await api.get('/v1/stats', { groupBy: 'channel', from: w.from, to: w.to, limit: 100, cursor });
    rows.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}

/** Resolves once node is in the document (the shell inserts the page after render). */
function connected(node) {
  return new Promise((resolve) => {
    let frames = 0;
    const check = () => (node.isConnected || ++frames > 600 ? resolve() : requestAnimationFrame(check));
    check();
  });
}

const ranked = (map, top, label = (k) => k) => Object.entries(map)
  .filter((e) => e[1] > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top).map(([k, v]) => [label(k), v]);

export async function render(ctx, root) {
  const { t, h, fmt, field } = ctx;
  const state = { range: { preset: 7 }, granularity: 'day', channel: '', seq: 0, charts: null, left: false };
  const channelName = (key) => (key === NO_CHANNEL ? t('console.analytics.noChannel') : key);

  const rangeButtons = PRESETS.map((days) => h('button', {
    type: 'button', class: 'secondary', 'data-range': String(days), 'aria-pressed': String(days === 7),
    onclick: () => {
      state.range = { preset: days };
      load();
    },
  }, rangePreset(t, days)));
  const from = h('input', { type: 'date', name: 'from' });
  const to = h('input', { type: 'date', name: 'to' });
  const onDates = () => {
    if (from.value && to.value && from.value <= to.value) {
      state.range = { from: from.value, to: to.value };
      load();
    }
  };
  from.addEventListener('change', onDates);
  to.addEventListener('change', onDates);
  const granularity = select({ name: 'granularity', onchange: (e) => {
    state.granularity = e.target.value;
    load();
  } }, [['day', t('console.analytics.byDay')], ['hour', t('console.analytics.byHour')]], 'day');
  const channel = select({ name: 'channel', onchange: (e) => {
    state.channel = e.target.value;
    load();
  } }, [['', t('console.analytics.allChannels')]], '');
  const refresh = h('button', { type: 'button', class: 'secondary', 'data-action': 'refresh', onclick: () => load() },
    t('console.common.refresh'));
  const note = h('p', { class: 'hint', 'data-range-note': true, 'aria-live': 'polite' });
  const error = h('p', { class: 'notice error', role: 'alert', hidden: true });

  const kpi = (name) => h('div', { class: 'kpi' }, h('dt', {}, kpiLabel(t, name)),
    h('dd', { 'data-kpi': name }, '–'));
  const kpis = h('dl', { class: 'kpis' }, ['scans', 'accepted', 'refused', 'joins', 'conversionRate'].map(kpi));
  const chartBox = (name, size = '') => h('div', { class: `chart ${size}`, 'data-chart': name, role: 'img',
    'aria-label': chartLabel(t, name) });
  const card = (name, size, wide) => h('section', { class: `card${wide ? ' wide' : ''}` },
    h('h2', {}, chartLabel(t, name)), chartBox(name, size));
  const channels = h('div', { class: 'channels' });
  const page = h('div', { class: 'analytics', 'data-state': 'loading' },
    h('div', { class: 'title' }, h('h1', {}, t('console.analytics.title'))),
    h('section', { class: 'card controls', 'aria-label': t('console.analytics.filters') },
      h('div', { class: 'actions', role: 'group', 'aria-label': t('console.analytics.range') }, rangeButtons, refresh),
      h('div', { class: 'row' },
        field(t('console.analytics.from'), from), field(t('console.analytics.to'), to),
        field(t('console.analytics.granularity'), granularity), field(t('console.analytics.channel'), channel)),
      note),
    error,
    kpis,
    h('div', { class: 'charts' },
      card('series', '', true), card('refused'), card('region', 'tall'), card('country'),
      card('device', 'small'), card('os', 'small'), card('app', 'small'), card('hours', 'strip', true)),
    h('section', { class: 'card wide' }, h('h2', {}, t('console.analytics.channels')), channels));
  root.append(page);

  const onResize = () => state.charts && state.charts.resize();
  window.addEventListener('resize', onResize);
  ctx.onLeave(() => {
    state.left = true;
    window.removeEventListener('resize', onResize);
    if (state.charts) {
      state.charts.dispose();
    }
  });

  async function load() {
    const seq = ++state.seq;
    let w;
    try {
      w = statsWindow(state.range, state.granularity, ctx.zone, new Date());
    } catch {
      return;
    }
    page.dataset.state = 'loading';
    error.hidden = true;
    rangeButtons.forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.range) === state.range.preset)));
    granularity.value = w.granularity;
    granularity.disabled = w.hours;
    if (!w.hours) {
      from.value = w.from;
      to.value = addDays(w.to, -1);
    }
    try {
      const [rows, codes, live] = await Promise.all([channelRows(ctx.api, w),
        ctx.api.all('/v1/codes', { limit: 100 }), ctx.api.all('/v1/live-codes', { limit: 100 })]);
      const names = new Set(rows.map((r) => r.key));
      codes.forEach((c) => names.add(c.channel || NO_CHANNEL));
      live.forEach((l) => names.add(l.channel || NO_CHANNEL));
      const inChannel = (x) => state.channel === '' || (x.channel || NO_CHANNEL) === state.channel;
      const subjects = codes.filter(inChannel).map((c) => `codes/${encodeURIComponent(c.codeId)}`)
        .concat(live.filter(inChannel).map((l) => `live-codes/${encodeURIComponent(l.liveCodeId)}`));
      const reports = await pooled(subjects, (s) => ctx.api.get(`/v1/${s}/stats`,
        { from: w.from, to: w.to, granularity: w.granularity }).catch((e) => {
        if (e.status === 404) {
          return null; // removed since it was listed (its TTL ran out)
        }
        throw e;
      }));
      if (seq !== state.seq || state.left) {
        return;
      }
      const totals = kpisFromRows(rows, state.channel);
      const merged = mergeReports(reports.filter((r) => r !== null));
      channel.replaceChildren(...[['', t('console.analytics.allChannels')], ...[...names].sort().map((n) => [n, channelName(n)])]
        .map(([value, text]) => h('option', { value, selected: value === state.channel }, text)));
      showKpis(totals);
      showChannels(rows);
      showNote(w, totals, merged);
      page.dataset.state = 'ready';
      await drawCharts(merged, w, seq);
    } catch (e) {
      if (seq === state.seq && !state.left) {
        page.dataset.state = 'error';
        error.hidden = false;
        error.textContent = t('console.analytics.error', { message: e.message });
      }
    }
  }

  function showKpis(k) {
    for (const name of ['scans', 'accepted', 'refused', 'joins', 'conversionRate']) {
      const dd = page.querySelector(`[data-kpi="${name}"]`);
      dd.textContent = name === 'conversionRate' ? fmt.percent(k[name]) : fmt.number(k[name]);
      dd.dataset.value = String(k[name]);
    }
  }

  function showChannels(rows) {
    const sorted = rows.slice().sort((a, b) => b.scans - a.scans || a.key.localeCompare(b.key));
    const num = (col) => (r) => h('span', { 'data-col': col, 'data-value': String(r[col]) }, fmt.number(r[col]));
    channels.replaceChildren(ctx.table({
      caption: t('console.analytics.channels'),
      items: sorted,
      id: (r) => r.key,
      empty: t('console.analytics.empty'),
      columns: [
        { label: t('console.analytics.channel'), render: (r) => channelName(r.key) },
        { label: t('console.analytics.kpi.scans'), render: num('scans'), class: 'num' },
        { label: t('console.analytics.kpi.accepted'), render: num('accepted'), class: 'num' },
        { label: t('console.analytics.kpi.joins'), render: num('joins'), class: 'num' },
        { label: t('console.analytics.kpi.conversionRate'),
          render: (r) => h('span', { 'data-col': 'conversionRate' }, fmt.percent(r.conversionRate)), class: 'num' },
        { label: t('console.analytics.funnel'), render: (r) => h('span', {},
          h('progress', { value: String(r.joins), max: String(Math.max(1, r.scans)),
            'aria-label': t('console.analytics.funnelOf', { channel: channelName(r.key) }) }),
          ` ${fmt.percent(r.scans === 0 ? 0 : r.joins / r.scans)}`) },
      ],
    }));
    channels.querySelectorAll('tr[data-id]').forEach((tr) => {
      if (tr.dataset.id === state.channel) {
        tr.classList.add('selected');
      }
    });
  }

  function showNote(w, totals, merged) {
    const range = w.hours ? t('console.analytics.preset.1')
      : t('console.analytics.dates', { from: w.from, to: addDays(w.to, -1) });
    const parts = [t('console.analytics.showing', { range, zone: ctx.zone,
      granularity: t(w.granularity === 'hour' ? 'console.analytics.byHour' : 'console.analytics.byDay'),
      channel: state.channel ? channelName(state.channel) : t('console.analytics.allChannels') })];
    if (merged.totals.scans !== totals.scans) {
      parts.push(t('console.analytics.gone', { n: fmt.number(totals.scans - merged.totals.scans) }));
    }
    note.textContent = parts.join(' ');
    Object.assign(note.dataset, { from: w.from, to: w.to, granularity: w.granularity, channel: state.channel });
  }

  async function drawCharts(m, w, seq) {
    await connected(page);
    if (!state.charts) {
      const { charts } = await import('../analytics/charts.js');
      state.charts = charts();
    }
    if (seq !== state.seq || state.left) {
      return;
    }
    const node = (name) => page.querySelector(`[data-chart="${name}"]`);
    const label = (start) => (w.granularity === 'hour' ? `${start.slice(5, 10)} ${start.slice(11, 16)}` : start.slice(5, 10));
    state.charts.line(node('series'), { labels: m.series.map((p) => label(p.start)),
      series: ['scans', 'accepted', 'joins'].map((k) => ({ name: kpiLabel(t, k), data: m.series.map((p) => p[k]) })) },
    m.totals.scans === 0 && m.totals.joins === 0);
    state.charts.rankedBar(node('refused'), ranked(m.totals.refused, 10));
    state.charts.rankedBar(node('region'), ranked(m.byRegion, 15, (k) => (REGION_NAMES[k] ? `${k} ${REGION_NAMES[k]}` : k)));
    state.charts.rankedBar(node('country'), ranked(m.byCountry, 10));
    state.charts.pie(node('device'), ranked(m.byDevice, 12));
    state.charts.pie(node('os'), ranked(m.byOs, 12));
    state.charts.pie(node('app'), ranked(m.byApp, 12));
    state.charts.hours(node('hours'), Array.from({ length: 24 }, (_, hour) => m.byHourOfDay[String(hour)] || 0),
      (n) => t('console.analytics.scansN', { n }));
    page.dataset.charts = 'drawn';
  }

  load();
}
