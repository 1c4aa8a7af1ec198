// The range the analytics page asks the API for. The per-code reports widen a range to the
// whole series buckets it touches (local days of the tenant's zone by day, UTC hours by
// hour) while the channel rows (GET /v1/stats) read hours only; the old dashboard sent its
// rolling "last 24 h" by day, so its KPIs counted up to two local days while the channel
// table counted 24 hours. Here every range is aligned to its buckets before it is sent, so
// both reads cover exactly the same hours: the 24 hours go by hour, days are the tenant's
// local days, and the KPIs are the sum of the channel rows (one source for both).

const DAY_MS = 86400000;
const HOUR_MS = 3600000;

/** YYYY-MM-DD of `instant` on the calendar of `zone`. */
export function localDate(instant, zone) {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(instant);
  const get = (type) => parts.find((p) => p.type === type).value;
  return get('year') + '-' + get('month') + '-' + get('day');
}

/** `date` (YYYY-MM-DD) moved by `days` calendar days. */
export function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

function instantText(ms) {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * What to ask for: `{from, to, granularity, hours}`.
 * - `{preset: 1}`: the 24 whole UTC hours ending at the next full hour, by hour (a day series
 *   would widen it to the local days it touches);
 * - `{preset: n}` (7, 30): the n local days ending today, as dates the API reads in the
 *   tenant's zone, by `granularity`;
 * - `{from, to}` (dates, `to` inclusive): those local days, by `granularity`.
 * `hours` is true when the range is instants rather than dates.
 */
export function statsWindow(range, granularity, zone, now) {
  if (range.preset === 1) {
    const to = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
    return { from: instantText(to - DAY_MS), to: instantText(to), granularity: 'hour', hours: true };
  }
  if (range.preset) {
    const today = localDate(now, zone);
    return { from: addDays(today, 1 - range.preset), to: addDays(today, 1), granularity: granularity, hours: false };
  }
  if (!range.from || !range.to || range.from > range.to) {
    throw new RangeError('from must be a date on or before to');
  }
  return { from: range.from, to: addDays(range.to, 1), granularity: granularity, hours: false };
}
