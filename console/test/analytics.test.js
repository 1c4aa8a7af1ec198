// The analytics page's ranges and sums: what it asks the API for, and how it adds up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statsWindow, localDate, addDays } from '../src/analytics/window.js';
import { kpisFromRows, mergeReports, conversion } from '../src/analytics/merge.js';

const SHANGHAI = 'Asia/Shanghai';

test('the last 24 hours are 24 whole UTC hours by hour, whatever granularity was picked', () => {
  const w = statsWindow({ preset: 1 }, 'day', SHANGHAI, new Date('2026-12-06T07:35:12Z'));
  assert.deepEqual(w, { from: '2026-12-05T08:00:00Z', to: '2026-12-06T08:00:00Z', granularity: 'hour', hours: true });
});

test('the last 7 days are the tenant\'s 7 local days ending today, as dates', () => {
  // 23:30 UTC on the 5th is already the 6th in Shanghai.
  const w = statsWindow({ preset: 7 }, 'day', SHANGHAI, new Date('2026-12-05T23:30:00Z'));
  assert.deepEqual(w, { from: '2026-11-30', to: '2026-12-07', granularity: 'day', hours: false });
  const ny = statsWindow({ preset: 30 }, 'hour', 'America/New_York', new Date('2026-12-05T23:30:00Z'));
  assert.deepEqual(ny, { from: '2026-11-06', to: '2026-12-06', granularity: 'hour', hours: false });
});

test('picked dates include the last day', () => {
  assert.deepEqual(statsWindow({ from: '2026-02-27', to: '2026-02-28' }, 'day', SHANGHAI, new Date()),
    { from: '2026-02-27', to: '2026-03-01', granularity: 'day', hours: false });
  assert.throws(() => statsWindow({ from: '2026-03-02', to: '2026-03-01' }, 'day', SHANGHAI, new Date()), RangeError);
});

test('local dates and day arithmetic cross months and years', () => {
  assert.equal(localDate(new Date('2026-12-31T16:00:00Z'), SHANGHAI), '2027-01-01');
  assert.equal(addDays('2027-01-01', -1), '2026-12-31');
  assert.equal(addDays('2028-02-28', 1), '2028-02-29');
});

test('the KPIs are the sum of the channel rows they sit above', () => {
  const rows = [{ key: 'campus', scans: 10, accepted: 7, joins: 3 }, { key: '(none)', scans: 5, accepted: 5, joins: 1 }];
  assert.deepEqual(kpisFromRows(rows, ''), { scans: 15, accepted: 12, refused: 3, joins: 4, conversionRate: 0.3333 });
  assert.deepEqual(kpisFromRows(rows, 'campus'), { scans: 10, accepted: 7, refused: 3, joins: 3, conversionRate: 0.4286 });
  assert.equal(conversion(1, 0), 0);
});

test('reports merge by series start and breakdown', () => {
  const a = { totals: { scans: 2, accepted: 1, refused: { revoked: 1 }, joins: 1 },
    series: [{ start: '2026-12-05T00:00:00+08:00', scans: 2, accepted: 1, joins: 1 }], byOs: { iOS: 2 }, byHourOfDay: { 9: 2 } };
  const b = { totals: { scans: 3, accepted: 3, refused: {}, joins: 0 },
    series: [{ start: '2026-12-04T00:00:00+08:00', scans: 1, accepted: 1, joins: 0 },
      { start: '2026-12-05T00:00:00+08:00', scans: 2, accepted: 2, joins: 0 }], byOs: { iOS: 1, Android: 2 } };
  const m = mergeReports([a, b]);
  assert.equal(m.totals.scans, 5);
  assert.deepEqual(m.totals.refused, { revoked: 1 });
  assert.deepEqual(m.series.map((p) => p.scans), [1, 4]);
  assert.deepEqual(m.byOs, { iOS: 3, Android: 2 });
  assert.deepEqual(m.byHourOfDay, { 9: 2 });
});
