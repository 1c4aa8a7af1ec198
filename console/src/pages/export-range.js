// The export form's dates: days in the tenant's time zone, the last one included. The API
// takes local dates in that zone (from inclusive, to exclusive, at most 90 days apart), so the
// day after the last one chosen is what is sent as "to".

/** The API's longest export, in days. */
export const MAX_DAYS = 90;

/** Today's date (YYYY-MM-DD) in {@code zone} at {@code now}. */
export function todayIn(zone, now = new Date()) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** {@code date} (YYYY-MM-DD) moved by {@code days} calendar days. */
export function addDays(date, days) {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The request's range for the first and last day chosen (both included). */
export function exportRange(first, last) {
  return { from: first, to: addDays(last, 1) };
}

/** The last day that may be chosen with {@code first}: the API's 90 days, the first one counted. */
export function lastAllowed(first) {
  return addDays(first, MAX_DAYS - 1);
}

/** POST /v1/exports' Idempotency-Key: 1 … 64 of A-Z a-z 0-9 . _ : - */
const KEY = /^[A-Za-z0-9._:-]{1,64}$/;

/**
 * The key of one export request: the console's visit (random per loaded tab) and the request body's SHA-256 (hex). The
 * same request sent again from the same tab (a second click, a retry) names the export the
 * first made; another kind, range or group is another export.
 */
export function requestKey(visit, sha256Hex) {
  const key = `console-${visit}-${sha256Hex.slice(0, 32)}`;
  if (!KEY.test(key)) {
    throw new Error(`not an Idempotency-Key: ${key}`);
  }
  return key;
}
