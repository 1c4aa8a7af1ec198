// #/exports: a CSV export (POST /v1/exports) of the tenant's members, joins, join requests or
// scans over days in its time zone (the last day included, at most 90 days), of one group or
// all; the API's refusal is shown beside the field it names. An accepted export opens
// #/exports/{exportId}, where its status is followed until the file's link shows.
import { sha256Hex } from './batch-csv.js';
import { addDays, exportRange, lastAllowed, requestKey, todayIn } from './export-range.js';
import { exportKind, jobStatus, KINDS } from './print-labels.js';
import { freshLink, visitId, watch } from './job-watch.js';

/** The days a new export covers unless changed: the last 7, today included. */
const DEFAULT_DAYS = 7;

/**
 * One per loaded console (a tab until it is reloaded), in every Idempotency-Key this page
 * sends: the same request sent again from this tab, after its page was shown anew too,
 * names what the first made, so nothing is made twice.
 */
const visit = visitId(8);

export async function render(ctx, root, params) {
  const { t, h } = ctx;
  const groups = await ctx.api.all('/v1/groups', { limit: 100 });
  const status = params.exportId ? await exportStatus(ctx, params.exportId, groups) : null;
  ctx.append(root,
    h('div', { class: 'title' }, h('h1', {}, t('console.exports.title'))),
    h('p', { class: 'hint' }, t('console.exports.help', { zone: ctx.zone })),
    status,
    exportForm(ctx, groups));
}

function exportForm(ctx, groups) {
  const { t, h, field } = ctx;
  const today = todayIn(ctx.zone);
  const first = h('input', { type: 'date', name: 'from', required: true, value: addDays(today, 1 - DEFAULT_DAYS) });
  const last = h('input', { type: 'date', name: 'to', required: true, value: today });
  const limitLast = () => {
    last.min = first.value;
    last.max = first.value ? lastAllowed(first.value) : '';
  };
  first.addEventListener('change', limitLast);
  limitLast();
  const form = h('form', { class: 'card form', novalidate: true },
    h('fieldset', { 'data-write': true },
      h('legend', {}, t('console.exports.new')),
      field(t('console.exports.kind'), h('select', { name: 'kind' },
        KINDS.map((k) => h('option', { value: k }, exportKind(t, k)))), t('console.exports.kindHint')),
      field(t('console.exports.from'), first),
      field(t('console.exports.to'), last, t('console.exports.toHint')),
      field(t('console.exports.group'), h('select', { name: 'groupId' },
        h('option', { value: '' }, t('console.exports.allGroups')),
        groups.map((g) => h('option', { value: g.groupId }, g.name))))),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', 'data-action': 'new-export', 'data-write': true }, t('console.exports.submit'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    if (!first.value) {
      ctx.fieldErrors(form, { field: 'from', message: t('console.exports.dateMissing') });
      return;
    }
    if (!last.value) {
      ctx.fieldErrors(form, { field: 'to', message: t('console.exports.dateMissing') });
      return;
    }
    const body = { kind: form.elements.kind.value, ...exportRange(first.value, last.value) };
    if (form.elements.groupId.value) {
      body.groupId = form.elements.groupId.value;
    }
    try {
      const accepted = await ctx.busy(e.submitter || form, async () => {
        const key = requestKey(visit, await sha256Hex(new TextEncoder().encode(JSON.stringify(body))));
        return ctx.api.request('POST', '/v1/exports', { body, headers: { 'Idempotency-Key': key } });
      });
      ctx.navigate(`#/exports/${encodeURIComponent(accepted.exportId)}`);
    } catch (error) {
      ctx.fieldErrors(form, error);
    }
  });
  return form;
}

/** The group's name (its id when it is no longer listed), or "all groups". */
function groupName(t, groups, groupId) {
  if (!groupId) {
    return t('console.exports.allGroups');
  }
  const group = groups.find((g) => g.groupId === groupId);
  return group ? group.name : groupId;
}

/** The last day an export covers: its "to" is the instant after it. */
function lastDay(to) {
  return new Date(Date.parse(to) - 1).toISOString();
}

async function exportStatus(ctx, exportId, groups) {
  const { t, h, fmt } = ctx;
  const path = `/v1/exports/${encodeURIComponent(exportId)}`;
  const job = await ctx.api.get(path);
  const status = h('span', { role: 'status' });
  const rows = h('dd', { 'data-rows': '' });
  const result = h('div', {});
  const note = h('div', {});
  const section = h('section', { class: 'card', 'data-export': exportId },
    h('h2', {}, exportKind(t, job.kind)),
    h('dl', { class: 'facts' },
      h('dt', {}, t('console.exports.range')), h('dd', {}, `${fmt.date(job.from)} – ${fmt.date(lastDay(job.to))}`),
      h('dt', {}, t('console.exports.group')), h('dd', { 'data-group': job.groupId || '' }, groupName(t, groups, job.groupId)),
      h('dt', {}, t('console.exports.status')), h('dd', {}, status),
      h('dt', {}, t('console.exports.rows')), rows),
    result, note);
  const show = (j) => {
    if (status.dataset.status !== j.status) {
      status.dataset.status = j.status;
      status.textContent = jobStatus(t, j.status);
    }
    rows.textContent = j.status === 'done' ? fmt.number(j.rows) : '—';
    rows.dataset.rows = String(j.rows);
    if (j.status === 'done' && j.url) {
      result.replaceChildren(
        freshLink(ctx, { class: 'button', 'data-action': 'download-export', rel: 'noopener noreferrer' }, t('console.exports.download'),
          { url: j.url, read: () => ctx.api.get(path), pick: (fresh) => fresh.url }),
        h('p', { class: 'hint' }, t('console.jobs.linkValidity')));
    } else if (j.status === 'failed') {
      result.replaceChildren(h('p', { class: 'notice error', 'data-error': '' }, t('console.exports.failed')));
    }
  };
  show(job);
  watch(ctx, { job, read: () => ctx.api.get(path), show, slot: note, again: `#/exports/${encodeURIComponent(exportId)}` });
  return section;
}
