// Following a batch or an export on its page: the job already read when the page rendered is
// shown, then read again on the polling schedule until it is done or failed; leaving the page
// stops it. A schedule run out leaves a line saying so and a button to look again.
import { follow, linkStale } from './poll.js';

/**
 * @param job    the job as first read (shown by {@code show} already)
 * @param read   () → the job, read again
 * @param show   (job) → updates the page
 * @param slot   where a note goes when the polling gives up or a read fails
 * @param again  the page's own address, opened again by the note's button
 */
export function watch(ctx, { job, read, show, slot, again }) {
  const { t, h } = ctx;
  const controller = new AbortController();
  ctx.onLeave(() => controller.abort());
  let first = job;
  follow({
    read: async () => {
      if (first) {
        const j = first;
        first = null;
        return j;
      }
      return read();
    },
    onUpdate: (j) => {
      slot.replaceChildren();
      show(j);
    },
    onError: (error) => slot.replaceChildren(h('p', { class: 'notice error' }, error.message)),
    signal: controller.signal,
  }).then((result) => {
    if (result.outcome === 'gave-up' || result.outcome === 'error') {
      slot.append(h('p', { class: 'hint', 'data-gave-up': '' }, t('console.jobs.gaveUp'), ' ',
        h('button', { type: 'button', class: 'secondary', 'data-action': 'refresh', onclick: () => ctx.navigate(again) },
          t('console.common.refresh'))));
    }
  });
}

/** Random hex for one page visit (part of the Idempotency-Keys the page sends). */
export function visitId(bytes = 8) {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A link to a presigned URL (valid 10 minutes) the job's page received: a click once it is
 * about to expire first reads the job again and follows the fresh URL {@code pick} takes from it.
 */
export function freshLink(ctx, attrs, text, { url, read, pick }) {
  let receivedAt = Date.now();
  const link = ctx.h('a', {
    ...attrs,
    href: url,
    onclick: async (e) => {
      if (!linkStale(receivedAt, Date.now())) {
        return;
      }
      e.preventDefault();
      try {
        const fresh = pick(await read());
        if (fresh) {
          link.href = fresh;
          receivedAt = Date.now();
          location.assign(fresh);
        }
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, text);
  return link;
}
