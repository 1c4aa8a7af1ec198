// Times, dates and numbers for people: in the tenant's time zone and the console's language.

export function formatter(lang, zone) {
  const dateTime = new Intl.DateTimeFormat(lang, { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(lang, { timeZone: zone, dateStyle: 'medium' });
  const number = new Intl.NumberFormat(lang);
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const valid = (iso) => iso !== undefined && iso !== null && iso !== '' && !Number.isNaN(new Date(iso).getTime());
  return {
    /** An ISO-8601 instant as date and time in the tenant's zone; '—' when absent. */
    time: (iso) => (valid(iso) ? dateTime.format(new Date(iso)) : '—'),
    date: (iso) => (valid(iso) ? date.format(new Date(iso)) : '—'),
    number: (n) => (n === undefined || n === null ? '—' : number.format(n)),
    percent: (x) => (x === undefined || x === null ? '—' : percent.format(x)),
    /** Whole days from now until {@code iso} (rounded up; 0 once past); null when absent. */
    daysLeft: (iso, now = Date.now()) => (valid(iso) ? Math.max(0, Math.ceil((new Date(iso).getTime() - now) / 86_400_000)) : null),
    zone,
    /** A datetime-local input's value ("2026-12-13T15:30"), read as a time in the tenant's zone, as an ISO instant. */
    instant: (local) => zonedToIso(local, zone),
  };
}

/** Milliseconds {@code zone} is ahead of UTC at instant {@code ms}. */
function offset(ms, zone) {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

function zonedToIso(local, zone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local || '');
  if (!m) {
    return null;
  }
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  // The zone's offset at that wall time (checked twice, for a time near a DST change).
  let utc = wall - offset(wall, zone);
  utc = wall - offset(utc, zone);
  return new Date(utc).toISOString();
}
