// The console speaks the languages of the shared catalogues (the repository's i18n/*.json, the
// same files the landing and refusal pages use; the console's keys start with "console.").
// Each language is a lazy chunk: the console loads only the one it shows.

const STORAGE_KEY = 'groupgate.console.lang';

const CATALOGUES = {
  'zh-CN': () => import('../../../i18n/zh-CN.json'),
  'zh-TW': () => import('../../../i18n/zh-TW.json'),
  en: () => import('../../../i18n/en.json'),
};

/** The languages offered, each named in itself. */
export const LANGUAGES = [
  ['zh-CN', '简体中文'],
  ['zh-TW', '繁體中文'],
  ['en', 'English'],
];

/** Our language for one BCP 47 tag, or null: zh-TW/zh-HK/zh-MO/zh-Hant → 繁體, other zh → 简体, en → English. */
export function languageOf(tag) {
  const t = String(tag || '').toLowerCase();
  if (/^zh-(tw|hk|mo)\b|^zh-hant\b/.test(t)) {
    return 'zh-TW';
  }
  if (t === 'zh' || t.startsWith('zh-')) {
    return 'zh-CN';
  }
  if (t === 'en' || t.startsWith('en-')) {
    return 'en';
  }
  return null;
}

/** The remembered choice, else the first of the browser's languages we speak, else 简体中文. */
export function chooseLanguage(stored = readStored(), browser = navigator.languages || [navigator.language]) {
  if (stored && CATALOGUES[stored]) {
    return stored;
  }
  for (const tag of browser) {
    const lang = languageOf(tag);
    if (lang) {
      return lang;
    }
  }
  return 'zh-CN';
}

export function remember(lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this page only.
  }
}

function readStored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * t(key, vars): the text of key in lang, with {name} replaced by vars.name. A key the catalogue
 * lacks shows as itself (the catalogue test keeps that from shipping).
 */
export async function translator(lang) {
  const texts = (await CATALOGUES[lang]()).default;
  return (key, vars) => {
    const text = texts[key];
    if (text === undefined) {
      return key;
    }
    return vars ? text.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m)) : text;
  };
}
