// The catalogue key of each value the API names with a word (a join policy, a platform, a
// status…). Written out in full so the catalogue test finds every key the console uses.

const pick = (keys) => (ctxT, value) => ctxT(keys[value] || keys.other || String(value));

export const joinPolicy = pick({
  open: 'console.joinPolicy.open',
  approval: 'console.joinPolicy.approval',
  passcode: 'console.joinPolicy.passcode',
});

export const category = pick({
  personal: 'console.category.personal',
  enterprise: 'console.category.enterprise',
  community: 'console.category.community',
  finance: 'console.category.finance',
});

export const platform = pick({
  wechat: 'console.platform.wechat',
  whatsapp: 'console.platform.whatsapp',
  telegram: 'console.platform.telegram',
  discord: 'console.platform.discord',
  qq: 'console.platform.qq',
  dingtalk: 'console.platform.dingtalk',
  feishu: 'console.platform.feishu',
  slack: 'console.platform.slack',
  other: 'console.platform.other',
});

export const codeStatus = pick({
  active: 'console.code.status.active',
  revoked: 'console.code.status.revoked',
  superseded: 'console.code.status.superseded',
  expired: 'console.code.status.expired',
});

export const groupStatus = pick({
  active: 'console.group.active',
  archived: 'console.group.archived',
});
