// The group form, for creating (all of POST /v1/groups' fields) and editing (PATCH's). Inputs
// are named as the API's fields, so an error's field finds its input.
import { select } from '../lib/dom.js';

const JOIN_POLICIES = ['open', 'approval', 'passcode'];
const CATEGORIES = ['personal', 'enterprise', 'community', 'finance'];
const PRESETS = ['wechat', 'qq', 'dingtalk', 'whatsapp'];

const POLICY_KEYS = { open: 'console.joinPolicy.open', approval: 'console.joinPolicy.approval', passcode: 'console.joinPolicy.passcode' };
const CATEGORY_KEYS = {
  personal: 'console.category.personal',
  enterprise: 'console.category.enterprise',
  community: 'console.category.community',
  finance: 'console.category.finance',
};
const PRESET_KEYS = { wechat: 'console.platform.wechat', qq: 'console.platform.qq', dingtalk: 'console.platform.dingtalk', whatsapp: 'console.platform.whatsapp' };

/** @param group the group being edited, or {} for a new one */
export function groupForm(ctx, group) {
  const { t, h, field } = ctx;
  const creating = !group.groupId;
  const text = (name, attrs = {}) => h('input', { name, type: 'text', value: group[name] ?? '', ...attrs });
  const number = (name, attrs = {}) => h('input', { name, type: 'number', inputmode: 'numeric', value: group[name] ?? '', ...attrs });
  return h('form', { class: 'card form', novalidate: true, 'data-write': creating ? true : null },
    h('fieldset', { 'data-write': true },
      h('legend', {}, t(creating ? 'console.groups.new' : 'console.group.edit')),
      field(t('console.group.name'), text('name', { maxlength: 100, required: true, autocomplete: 'off' })),
      field(t('console.group.capacity'), number('capacity', { min: 1, max: 3000 }), t('console.group.capacityHint')),
      field(t('console.group.joinPolicy'), select({ name: 'joinPolicy' },
        [...(creating ? [['', t('console.common.default')]] : []), ...JOIN_POLICIES.map((p) => [p, t(POLICY_KEYS[p])])],
        group.joinPolicy || '')),
      creating ? field(t('console.group.category'), select({ name: 'category' },
        [['', t('console.common.default')], ...CATEGORIES.map((c) => [c, t(CATEGORY_KEYS[c])])], '')) : null,
      creating ? field(t('console.group.preset'), select({ name: 'preset' },
        [['', t('console.common.none')], ...PRESETS.map((p) => [p, t(PRESET_KEYS[p])])], ''), t('console.group.presetHint')) : null,
      creating ? field(t('console.group.passcodeDigits'), select({ name: 'passcodeDigits' },
        [['', t('console.common.default')], ['6', '6'], ['8', '8']], ''), t('console.group.passcodeDigitsHint')) : null,
      field(t('console.group.verifyAbove'), number('verifyAbove', { min: 1, max: 3000 }), t('console.group.verifyAboveHint')),
      field(t('console.group.welcomeMessage'), h('textarea', { name: 'welcomeMessage', maxlength: 1000, rows: 3 }, group.welcomeMessage || ''))));
}

/**
 * The request body from the form: empty fields left out on creation (the API's defaults apply);
 * numbers as numbers, and a number that is not one sent as typed so the API names the field.
 */
export function groupBody(form, { create }) {
  const body = {};
  for (const el of form.querySelectorAll('input[name], select[name], textarea[name]')) {
    const raw = el.value.trim();
    if (raw === '') {
      if (!create && el.name === 'verifyAbove') {
        body.verifyAbove = null;
      } else if (!create && el.name === 'welcomeMessage') {
        body.welcomeMessage = '';
      }
      continue;
    }
    const numeric = el.type === 'number' || el.name === 'passcodeDigits';
    body[el.name] = numeric && /^-?\d+$/.test(raw) ? Number(raw) : numeric ? raw : el.value;
  }
  return body;
}

export { JOIN_POLICIES, CATEGORIES, POLICY_KEYS };
