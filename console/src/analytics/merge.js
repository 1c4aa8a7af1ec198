// Sums for the analytics page: the channel rows into the KPIs, the per-code reports into
// the charts' series and breakdowns.

export const NO_CHANNEL = '(none)';
const BREAKDOWNS = ['byCountry', 'byRegion', 'byCity', 'byDevice', 'byOs', 'byApp', 'byHourOfDay'];

/** joins / accepted, 4 decimals, 0 when nothing was accepted: the API's own rule. */
export function conversion(joins, accepted) {
  return accepted === 0 ? 0 : Math.round(joins / accepted * 10000) / 10000;
}

/**
 * The KPIs from the channel rows of `channel` ('' for all): scans, accepted, refused
 * (every scan is accepted or refused), joins and conversion. The channel table shows the
 * same rows, so the two always agree.
 */
export function kpisFromRows(rows, channel) {
  const t = { scans: 0, accepted: 0, joins: 0 };
  for (const r of rows) {
    if (channel === '' || r.key === channel) {
      t.scans += r.scans;
      t.accepted += r.accepted;
      t.joins += r.joins;
    }
  }
  return { scans: t.scans, accepted: t.accepted, refused: t.scans - t.accepted, joins: t.joins,
    conversionRate: conversion(t.joins, t.accepted) };
}

function addMap(into, from) {
  for (const [k, v] of Object.entries(from || {})) {
    into[k] = (into[k] || 0) + v;
  }
}

/** The per-code reports summed: totals, the series by start, and each breakdown. */
export function mergeReports(reports) {
  const m = { totals: { scans: 0, accepted: 0, refused: {}, joins: 0 }, series: new Map() };
  for (const k of BREAKDOWNS) {
    m[k] = {};
  }
  for (const r of reports) {
    m.totals.scans += r.totals.scans;
    m.totals.accepted += r.totals.accepted;
    m.totals.joins += r.totals.joins;
    addMap(m.totals.refused, r.totals.refused);
    for (const p of r.series) {
      const s = m.series.get(p.start) || { start: p.start, scans: 0, accepted: 0, joins: 0 };
      s.scans += p.scans;
      s.accepted += p.accepted;
      s.joins += p.joins;
      m.series.set(p.start, s);
    }
    for (const k of BREAKDOWNS) {
      addMap(m[k], r[k]);
    }
  }
  m.series = Array.from(m.series.values()).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  return m;
}
