// The batch and export pages' pure parts: the polling schedule and loop, the batch file's
// template and Idempotency-Key, the 422's problems as a table, and the export's days.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { follow, linkStale, pollDelays, SCHEDULE, transient } from '../src/pages/poll.js';
import { HEADER, problemRows, sha256Hex, TEMPLATE, uploadKey } from '../src/pages/batch-csv.js';
import { addDays, exportRange, lastAllowed, requestKey, todayIn } from '../src/pages/export-range.js';

test('the polling waits grow by half each time up to 10 s, and their number is bounded', () => {
  const delays = pollDelays();
  assert.deepEqual(delays.slice(0, 6), [1000, 1500, 2250, 3375, 5063, 7594]);
  assert.equal(Math.max(...delays), 10_000);
  for (let i = 1; i < delays.length; i += 1) {
    assert.ok(delays[i] >= delays[i - 1], 'never shorter than the last');
  }
  assert.equal(delays.length, SCHEDULE.limit);
  const total = delays.reduce((a, b) => a + b, 0);
  assert.ok(total >= 15 * 60_000 && total <= 25 * 60_000, `about 20 minutes in all, was ${total} ms`);
});

/** A job read from {@code answers} in turn; waits recorded, never slept. */
function scripted(answers) {
  const waits = [];
  let reads = 0;
  return {
    waits,
    reads: () => reads,
    read: async () => {
      const a = answers[Math.min(reads, answers.length - 1)];
      reads += 1;
      if (a instanceof Error) {
        throw a;
      }
      return a;
    },
    wait: async (ms) => {
      waits.push(ms);
      return true;
    },
  };
}

test('following stops at done, having shown every answer, with the schedule\'s waits between reads', async () => {
  const job = scripted([{ status: 'queued', done: 0 }, { status: 'running', done: 40 }, { status: 'done', done: 100 }]);
  const seen = [];
  const result = await follow({ read: job.read, wait: job.wait, onUpdate: (j) => seen.push(j.done) });
  assert.equal(result.outcome, 'finished');
  assert.equal(result.job.status, 'done');
  assert.deepEqual(seen, [0, 40, 100]);
  assert.deepEqual(job.waits, [1000, 1500]);
});

test('following stops at failed too', async () => {
  const job = scripted([{ status: 'running' }, { status: 'failed', error: 'boom' }]);
  const result = await follow({ read: job.read, wait: job.wait });
  assert.equal(result.outcome, 'finished');
  assert.equal(result.job.error, 'boom');
});

test('following gives up when the schedule runs out', async () => {
  const job = scripted([{ status: 'running' }]);
  const result = await follow({ read: job.read, wait: job.wait, delays: [5, 5, 5] });
  assert.equal(result.outcome, 'gave-up');
  assert.equal(job.reads(), 4, 'a read, then one after each wait');
  assert.deepEqual(job.waits, [5, 5, 5]);
});

test('a network or server error is read past; a 4xx ends the following', async () => {
  const down = Object.assign(new Error('down'), { status: 503 });
  const job = scripted([down, { status: 'done' }]);
  const errors = [];
  assert.equal((await follow({ read: job.read, wait: job.wait, onError: (e) => errors.push(e) })).outcome, 'finished');
  assert.deepEqual(errors, [down]);

  const gone = Object.assign(new Error('gone'), { status: 404 });
  const other = scripted([gone, { status: 'done' }]);
  const result = await follow({ read: other.read, wait: other.wait });
  assert.equal(result.outcome, 'error');
  assert.equal(other.reads(), 1);
  assert.equal(transient({ status: 0 }), true);
  assert.equal(transient({ status: 429 }), true);
  assert.equal(transient({ status: 403 }), false);
});

test('leaving the page stops the following: no read after the signal', async () => {
  const controller = new AbortController();
  const job = scripted([{ status: 'running' }]);
  const result = await follow({
    read: job.read, signal: controller.signal,
    wait: async () => {
      controller.abort();
      return false;
    },
  });
  assert.equal(result.outcome, 'stopped');
  assert.equal(job.reads(), 1);
});

test('the template is the documented header, with a BOM and CRLF', () => {
  assert.equal(TEMPLATE, '\uFEFFchannel,label,groupId,liveCodeId,dailyScanLimit,ttlSeconds,medium,format\r\n');
  assert.equal(HEADER.length, 8);
});

test('an upload\'s key is the visit and the file\'s hash: the same file again is the same key, another file another', async () => {
  const a = await sha256Hex(new TextEncoder().encode('channel\r\n'));
  const b = await sha256Hex(new TextEncoder().encode('channel\r\nx\r\n'));
  assert.equal(a.length, 64);
  assert.equal(uploadKey('v1', a), uploadKey('v1', a));
  assert.notEqual(uploadKey('v1', a), uploadKey('v1', b));
  assert.notEqual(uploadKey('v1', a), uploadKey('v2', a));
  assert.match(uploadKey('v1', a), /^[\x21-\x7E]{1,255}$/);
  assert.throws(() => uploadKey('a visit', a), /Idempotency-Key/);
});

test('problems become rows by line, then file, header, record and the columns left to right', () => {
  const rows = problemRows([
    { line: 4, field: 'medium', code: 'invalid', message: 'medium: one of …' },
    { line: 2, field: 'ttlSeconds', code: 'not_allowed', message: 'ttlSeconds: group rows only' },
    { line: 2, field: 'channel', code: 'invalid', message: 'channel: …' },
    { line: 3, field: 'line', code: 'wrong_cell_count', message: '8 cells expected' },
    { line: 3, field: 'groupId', code: 'required', message: 'groupId or liveCodeId' },
    { line: 2, field: 'channel', code: 'invalid', message: 'channel: …' },
    { line: 1, field: 'header', code: 'bad_header', message: 'the header' },
  ]);
  assert.deepEqual(rows.map((r) => `${r.line}:${r.field}`),
    ['1:header', '2:channel', '2:ttlSeconds', '3:line', '3:groupId', '4:medium'], 'sorted, the repeated problem once');
  assert.equal(rows[0].column, null, 'the header is no column');
  assert.equal(rows[3].column, null, 'nor a whole record');
  assert.equal(rows[1].column, 'channel');
  assert.deepEqual(problemRows(undefined), []);
  assert.deepEqual(problemRows([{ field: 'body', code: 'x', message: 'no line' }]), [], 'a problem without a line is not a row');
});

test('the export\'s days: today in the tenant\'s zone, the last day included, at most 90 days', () => {
  const now = new Date('2026-12-06T20:30:00Z');
  assert.equal(todayIn('Asia/Shanghai', now), '2026-12-07', 'already tomorrow in Shanghai');
  assert.equal(todayIn('America/Los_Angeles', now), '2026-12-06');
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(addDays('2024-03-01', -1), '2024-02-29');
  assert.deepEqual(exportRange('2026-12-01', '2026-12-06'), { from: '2026-12-01', to: '2026-12-07' });
  assert.deepEqual(exportRange('2026-12-06', '2026-12-06'), { from: '2026-12-06', to: '2026-12-07' }, 'one day');
  assert.equal(lastAllowed('2026-01-01'), '2026-03-31');
  assert.equal(exportRange('2026-01-01', lastAllowed('2026-01-01')).to, '2026-04-01', 'to is 90 days after from');
});

test('an export request\'s key fits the API\'s 64 characters and follows the body', async () => {
  const a = await sha256Hex(new TextEncoder().encode('{"kind":"joins"}'));
  const b = await sha256Hex(new TextEncoder().encode('{"kind":"scans"}'));
  const visit = '0123456789abcdef';
  assert.match(requestKey(visit, a), /^[A-Za-z0-9._:-]{1,64}$/);
  assert.equal(requestKey(visit, a), requestKey(visit, a));
  assert.notEqual(requestKey(visit, a), requestKey(visit, b));
  assert.throws(() => requestKey('x'.repeat(40), a), /Idempotency-Key/);
});

test('a presigned link is asked for anew from a minute before its 10 minutes are up', () => {
  const got = 1_000_000;
  assert.equal(linkStale(got, got), false);
  assert.equal(linkStale(got, got + 8 * 60_000), false);
  assert.equal(linkStale(got, got + 9 * 60_000), true);
  assert.equal(linkStale(got, got + 60 * 60_000), true);
});
