// #/batches: a CSV of codes sent as a batch (POST /v1/batches, text/csv) with an
// Idempotency-Key per file, so sending it again (a retry, a second click) issues nothing
// twice. A refused file's problems are listed by line and column, nothing issued; an accepted
// one opens #/batches/{batchId}, where its progress is followed until the ZIP's link shows.
import { HEADER, problemRows, sha256Hex, TEMPLATE, TEMPLATE_NAME, uploadKey } from './batch-csv.js';
import { jobStatus, problemCode, problemPlace } from './print-labels.js';
import { freshLink, visitId, watch } from './job-watch.js';

/** The API's limit on the body. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * One per loaded console (a tab until it is reloaded), in every Idempotency-Key this page
 * sends: the same request sent again from this tab, after its page was shown anew too,
 * names what the first made, so nothing is made twice.
 */
const visit = visitId(12);

export async function render(ctx, root, params) {
  const { t, h } = ctx;
  const progress = params.batchId ? await batchProgress(ctx, params.batchId) : null;
  const problems = h('div', { class: 'problems' });
  ctx.append(root,
    h('div', { class: 'title' }, h('h1', {}, t('console.batches.title'))),
    h('p', { class: 'hint' }, t('console.batches.help')),
    progress,
    uploadForm(ctx, problems),
    problems);
}

function templateLink(ctx) {
  const { t, h } = ctx;
  const url = URL.createObjectURL(new Blob([TEMPLATE], { type: 'text/csv;charset=utf-8' }));
  ctx.onLeave(() => URL.revokeObjectURL(url));
  return h('p', { class: 'hint' },
    h('a', { href: url, download: TEMPLATE_NAME, 'data-action': 'download-template' }, t('console.batches.template')),
    ' ', t('console.batches.templateHint'), ' ', h('code', { class: 'mono', 'data-header': '' }, HEADER.join(',')));
}

function uploadForm(ctx, problems) {
  const { t, h, field } = ctx;
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv', required: true });
  const form = h('form', { class: 'card form', novalidate: true },
    h('fieldset', { 'data-write': true },
      h('legend', {}, t('console.batches.upload')),
      field(t('console.batches.file'), file, t('console.batches.fileHint'))),
    templateLink(ctx),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', 'data-action': 'new-batch', 'data-write': true }, t('console.batches.submit'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    problems.replaceChildren();
    const picked = file.files[0];
    if (!picked) {
      ctx.fieldErrors(form, { message: t('console.batches.fileMissing'), field: 'file' });
      return;
    }
    if (picked.size > MAX_BYTES) {
      ctx.fieldErrors(form, { message: t('console.batches.fileTooLarge'), field: 'file' });
      return;
    }
    try {
      const accepted = await ctx.busy(e.submitter || form, async () => {
        const bytes = new Uint8Array(await picked.arrayBuffer());
        return ctx.api.request('POST', '/v1/batches', {
          body: new Blob([bytes]),
          contentType: 'text/csv',
          headers: { 'Idempotency-Key': uploadKey(visit, await sha256Hex(bytes)) },
        });
      });
      ctx.notify(t('console.batches.accepted', { total: ctx.fmt.number(accepted.total) }));
      ctx.navigate(`#/batches/${encodeURIComponent(accepted.batchId)}`);
    } catch (error) {
      if (error.problems && error.problems.length) {
        problems.replaceChildren(problemTable(ctx, error.problems));
        problems.querySelector('h2').focus();
      } else {
        // The API names the body, its content type or the key: all of them are the file chosen.
        ctx.fieldErrors(form, { ...error, message: error.message, field: 'file' });
      }
    }
  });
  return form;
}

function problemTable(ctx, problems) {
  const { t, h } = ctx;
  const rows = problemRows(problems);
  return h('section', { class: 'card', 'data-problems': rows.length, role: 'alert' },
    h('h2', { tabindex: '-1' }, t('console.batches.refused', { n: ctx.fmt.number(rows.length) })),
    ctx.table({
      caption: t('console.batches.problems'),
      items: rows,
      id: (p) => `${p.line}-${p.field}`,
      columns: [
        { label: t('console.batches.line'), render: (p) => h('span', { 'data-line': p.line }, ctx.fmt.number(p.line)) },
        { label: t('console.batches.column'), render: (p) => (p.column ? h('span', { class: 'mono' }, p.column) : problemPlace(t, p.field)) },
        { label: t('console.batches.problem'), render: (p) => problemCode(t, p.code) },
        { label: t('console.batches.detail'), render: (p) => h('span', { lang: 'en', class: 'wrap' }, p.message) },
      ],
    }));
}

async function batchProgress(ctx, batchId) {
  const { t, h, fmt } = ctx;
  const path = `/v1/batches/${encodeURIComponent(batchId)}`;
  const job = await ctx.api.get(path);
  const bar = h('progress', { max: job.total, value: job.done, 'aria-label': t('console.batches.progress') });
  const count = h('p', { 'data-progress': '' });
  const status = h('p', { role: 'status' });
  const result = h('div', {});
  const note = h('div', {});
  const section = h('section', { class: 'card', 'data-batch': batchId },
    h('h2', {}, t('console.batches.batch'), ' ', h('span', { class: 'mono' }, batchId)),
    status, bar, count, result, note);
  const show = (j) => {
    bar.max = j.total;
    bar.value = j.done;
    count.textContent = t('console.batches.doneOfTotal', { done: fmt.number(j.done), total: fmt.number(j.total) });
    count.dataset.progress = `${j.done}/${j.total}`;
    if (status.dataset.status !== j.status) {
      status.dataset.status = j.status;
      status.textContent = jobStatus(t, j.status);
    }
    if (j.status === 'done' && j.zipUrl) {
      result.replaceChildren(
        freshLink(ctx, { class: 'button', 'data-action': 'download-zip', rel: 'noopener noreferrer' }, t('console.batches.zip'),
          { url: j.zipUrl, read: () => ctx.api.get(path), pick: (fresh) => fresh.zipUrl }),
        h('p', { class: 'hint' }, t('console.jobs.linkValidity')));
    } else if (j.status === 'failed') {
      result.replaceChildren(h('p', { class: 'notice error', 'data-error': '' }, t('console.batches.failed'), j.error ? ` ${j.error}` : ''));
    }
  };
  show(job);
  watch(ctx, { job, read: () => ctx.api.get(path), show, slot: note, again: `#/batches/${encodeURIComponent(batchId)}` });
  return section;
}
