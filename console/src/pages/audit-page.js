// #/audit: the tenant's audit log verified in this browser, with WebCrypto alone: every
// entry's leaf recomputed from the bytes that were hashed, the RFC 6962 root against the
// latest signed checkpoint, and the checkpoint's ECDSA P-256 signature against the exported
// public key (../audit/verify.js; it shares no code with the service). The result says OK or
// names the first entry that fails. A saved export (a file) can be checked the same way.
import { AuditFailure, verifyExport } from '../audit/verify.js';
import { auditFailure, auditSource } from './ops-labels.js';

const SHOWN = 20;

export async function render(ctx, root) {
  const { t, h, field } = ctx;
  const result = h('p', { class: 'audit-result', role: 'status', 'aria-live': 'polite' }, t('console.audit.notYet'));
  const entries = h('div', { class: 'audit-entries' });
  const show = async (exported, source) => {
    result.removeAttribute('data-result');
    result.removeAttribute('data-entry');
    result.className = 'audit-result';
    result.textContent = t('console.audit.verifying');
    let failed = null;
    try {
      const ok = await verifyExport(crypto.subtle, exported);
      result.dataset.result = 'ok';
      result.classList.add('notice', 'ok');
      result.textContent = t('console.audit.ok', { size: ok.size, entries: ok.entries, keyId: ok.keyId,
        origin: ok.origin, source: auditSource(t, source) });
    } catch (error) {
      failed = error instanceof AuditFailure ? error : new AuditFailure('malformed', null, error.message);
      result.dataset.result = 'failed';
      result.classList.add('notice', 'error');
      const why = auditFailure(t, failed.reason, { detail: failed.detail });
      if (failed.entry === null) {
        result.textContent = t('console.audit.failed', { why });
      } else {
        result.dataset.entry = String(failed.entry);
        result.textContent = t('console.audit.failedEntry', { entry: failed.entry, why });
      }
    }
    entries.replaceChildren(latest(ctx, Array.isArray(exported && exported.entries) ? exported.entries : [], failed));
  };
  const verifyButton = h('button', {
    type: 'button', 'data-action': 'verify-audit',
    onclick: async (e) => {
      try {
        const exported = await ctx.busy(e.currentTarget, () => ctx.api.get('/v1/audit/export'));
        await show(exported, 'api');
      } catch (error) {
        result.dataset.result = 'failed';
        result.textContent = error.message;
      }
    },
  }, t('console.audit.verify'));
  const signButton = h('button', {
    type: 'button', class: 'secondary', 'data-action': 'sign-checkpoint', 'data-write': true,
    onclick: async (e) => {
      try {
        const cp = await ctx.busy(e.currentTarget, () => ctx.api.post('/v1/audit/checkpoint'));
        ctx.notify(t('console.audit.signed', { size: cp.size }));
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, t('console.audit.sign'));
  const file = h('input', { type: 'file', name: 'export', accept: 'application/json,.json',
    onchange: async (e) => {
      const chosen = e.target.files && e.target.files[0];
      if (!chosen) {
        return;
      }
      let exported;
      try {
        exported = JSON.parse(await chosen.text());
      } catch (error) {
        exported = null;
      }
      await show(exported, 'file');
    } });
  const download = h('button', {
    type: 'button', class: 'secondary', 'data-action': 'download-audit',
    onclick: async (e) => {
      try {
        const exported = await ctx.busy(e.currentTarget, () => ctx.api.get('/v1/audit/export'));
        const url = URL.createObjectURL(new Blob([JSON.stringify(exported, null, 1)], { type: 'application/json' }));
        const a = h('a', { href: url, download: 'audit-export.json', hidden: true });
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
      } catch (error) {
        ctx.notify(error.message, 'error');
      }
    },
  }, t('console.audit.download'));
  root.append(
    h('div', { class: 'title' }, h('h1', {}, t('console.audit.title'))),
    h('p', { class: 'hint' }, t('console.audit.help')),
    h('section', { class: 'card' },
      h('div', { class: 'actions' }, verifyButton, signButton, download),
      field(t('console.audit.file'), file, t('console.audit.fileHint')),
      result),
    entries);
}

/** The last entries of the export, newest first, the failing one marked. */
function latest(ctx, entries, failed) {
  const { t, h, fmt } = ctx;
  const shown = entries.slice(-SHOWN).reverse();
  if (failed && failed.entry !== null && entries[failed.entry] && !shown.includes(entries[failed.entry])) {
    shown.unshift(entries[failed.entry]);
  }
  const actor = (a) => (a === 'admin' ? t('console.audit.admin') : a && a.keyId ? a.keyId : '—');
  return h('section', { class: 'card' },
    h('h2', {}, t('console.audit.latest', { n: Math.min(SHOWN, entries.length), total: entries.length })),
    ctx.table({
      caption: t('console.audit.latest', { n: Math.min(SHOWN, entries.length), total: entries.length }),
      items: shown,
      id: (e) => String(e.index),
      empty: t('console.audit.empty'),
      columns: [
        { label: '#', render: (e) => (failed && failed.entry === e.index
          ? h('strong', { class: 'status-revoked', 'data-failed': true }, `${e.index} ✗`) : String(e.index)) },
        { label: t('console.audit.at'), render: (e) => fmt.time(e.at) },
        { label: t('console.audit.actor'), render: (e) => h('span', { class: 'mono' }, actor(e.actor)) },
        { label: t('console.audit.action'), render: (e) => h('span', { class: 'mono' }, e.action) },
        { label: t('console.audit.summary'), render: (e) => h('span', { class: 'wrap' }, e.summary) },
      ],
    }));
}
