// The catalogue key of each value the batch and export pages name with a word (a job's
// status, an export's kind, a batch problem's code), spelled out in full so the catalogue
// test finds every key (as ops-labels.js does for the operations pages).

const pick = (keys) => (t, value, vars) => (keys[value] ? t(keys[value], vars) : String(value));

export const jobStatus = pick({
  queued: 'console.jobs.status.queued',
  running: 'console.jobs.status.running',
  done: 'console.jobs.status.done',
  failed: 'console.jobs.status.failed',
});

export const KINDS = ['members', 'joins', 'requests', 'scans'];

export const exportKind = pick({
  members: 'console.exports.kind.members',
  joins: 'console.exports.kind.joins',
  requests: 'console.exports.kind.requests',
  scans: 'console.exports.kind.scans',
});

/** Every code POST /v1/batches' 422 names; an unknown one is shown as the API wrote it. */
export const problemCode = pick({
  bad_header: 'console.batches.problem.bad_header',
  malformed_csv: 'console.batches.problem.malformed_csv',
  wrong_cell_count: 'console.batches.problem.wrong_cell_count',
  required: 'console.batches.problem.required',
  conflict: 'console.batches.problem.conflict',
  invalid: 'console.batches.problem.invalid',
  not_allowed: 'console.batches.problem.not_allowed',
  format_unavailable: 'console.batches.problem.format_unavailable',
  too_many_rows: 'console.batches.problem.too_many_rows',
  no_rows: 'console.batches.problem.no_rows',
  content_blocked: 'console.batches.problem.content_blocked',
  not_found: 'console.batches.problem.not_found',
  blocked: 'console.batches.problem.blocked',
  revoked: 'console.batches.problem.revoked',
});

/** Where in the file a problem is: a column's name as the header writes it, else the whole line, header or file. */
export const problemPlace = pick({
  line: 'console.batches.place.line',
  header: 'console.batches.place.header',
  body: 'console.batches.place.body',
});
