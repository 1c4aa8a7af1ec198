// #/words: the tenant's own word list (PUT /v1/blocked-words replaces it whole), one word a
// line, and the allowed words that excuse the blocked words they contain. The operator's list
// is never shown; a name, welcome message, channel or live code name that hits either answers
// 422 content_blocked.

const lines = (text) => text.split('\n').map((w) => w.trim()).filter((w) => w !== '');

export async function render(ctx, root) {
  const { t, h, field, fmt } = ctx;
  const list = await ctx.api.get('/v1/blocked-words');
  const words = h('textarea', { name: 'words', rows: 10, spellcheck: 'false' }, list.words.join('\n'));
  const allowed = h('textarea', { name: 'allowed', rows: 5, spellcheck: 'false' }, list.allowed.join('\n'));
  const saved = h('p', { class: 'hint', 'data-updated': list.updatedAt || '' },
    list.updatedAt ? t('console.words.updatedAt', { at: fmt.time(list.updatedAt) }) : t('console.words.never'));
  const form = h('form', { class: 'card form', novalidate: true },
    h('fieldset', { 'data-write': true },
      h('legend', {}, t('console.words.title')),
      field(t('console.words.words'), words, t('console.words.wordsHint')),
      field(t('console.words.allowed'), allowed, t('console.words.allowedHint'))),
    saved,
    h('div', { class: 'actions' }, h('button', { type: 'submit', 'data-action': 'save', 'data-write': true }, t('console.common.save'))));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    ctx.clearErrors(form);
    try {
      const answer = await ctx.busy(e.submitter || form, () => ctx.api.put('/v1/blocked-words',
        { words: lines(words.value), allowed: lines(allowed.value) }));
      saved.textContent = t('console.words.saved', { words: fmt.number(answer.words), allowed: fmt.number(answer.allowed) });
      saved.dataset.updated = answer.updatedAt;
      ctx.notify(t('console.common.saved'));
    } catch (error) {
      ctx.fieldErrors(form, { status: error.status, code: error.code, message: error.message,
        field: error.field && error.field.replace(/\[\d+\]$/, '') });
    }
  });
  root.append(h('div', { class: 'title' }, h('h1', {}, t('console.words.title'))),
    h('p', { class: 'hint' }, t('console.words.help')), form);
}
