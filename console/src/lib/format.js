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
  };
}
