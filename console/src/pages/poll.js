// Following a job the API runs in the background (a batch, an export) until it is done or
// failed: read, wait, read again, the waits growing (1 s, 1.5 s, 2.25 s … at most 10 s) and
// their number bounded (about 20 minutes in all), so a page left open never polls forever.
// Pure: the reading and the waiting are passed in, so node tests drive it without a clock.

/** The schedule: {@code first} ms, each wait {@code factor} times the last, capped at {@code max}, {@code limit} waits. */
export const SCHEDULE = Object.freeze({ first: 1000, factor: 1.5, max: 10_000, limit: 125 });

/** The waits between reads, in ms, as the schedule gives them. */
export function pollDelays({ first, factor, max, limit } = SCHEDULE) {
  const delays = [];
  let next = first;
  for (let i = 0; i < limit; i += 1) {
    delays.push(Math.round(Math.min(next, max)));
    next *= factor;
  }
  return delays;
}

/** A job's status that will not change any more. */
export function finished(status) {
  return status === 'done' || status === 'failed';
}

/** Errors worth another read: none from the network or the server (5xx, 429); a 4xx will not change. */
export function transient(error) {
  const status = error && error.status;
  return status === 0 || status === 429 || (status >= 500 && status <= 599);
}

/** A wait of {@code ms} that ends early (false) when {@code signal} aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve) => {
    if (signal && signal.aborted) {
      resolve(false);
      return;
    }
    const timer = setTimeout(() => resolve(true), ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(false);
    }, { once: true });
  });
}

/**
 * Reads the job with {@code read} until its status is finished, calling {@code onUpdate} with
 * each answer and {@code onError} with each failed read. Resolves
 * {@code {outcome: 'finished'|'stopped'|'gave-up'|'error', job}}: stopped when {@code signal}
 * aborts (the page was left), gave-up when the schedule ran out, error on a 4xx.
 */
export async function follow({ read, onUpdate = () => {}, onError = () => {}, delays = pollDelays(), wait = sleep, signal }) {
  let job = null;
  for (let i = 0; ; i += 1) {
    if (signal && signal.aborted) {
      return { outcome: 'stopped', job };
    }
    try {
      job = await read();
      onUpdate(job);
      if (finished(job.status)) {
        return { outcome: 'finished', job };
      }
    } catch (error) {
      onError(error);
      if (!transient(error)) {
        return { outcome: 'error', job, error };
      }
    }
    if (i >= delays.length) {
      return { outcome: 'gave-up', job };
    }
    if (!(await wait(delays[i], signal))) {
      return { outcome: 'stopped', job };
    }
  }
}

/** How long a presigned link the API hands out (a batch's zipUrl, an export's url) works. */
export const LINK_VALIDITY_MS = 10 * 60_000;

/** Whether a link received at {@code receivedAt} should be asked for anew before use at {@code now} (a minute's margin). */
export function linkStale(receivedAt, now, validity = LINK_VALIDITY_MS) {
  return now - receivedAt >= validity - 60_000;
}
