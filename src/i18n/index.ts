// User-facing text lives here and in the JSON beside this file, never in code or card templates.
// Dutch is the reference language: its keys define what every other language must provide.

import commonNl from './nl.json';
import commonEn from './en.json';
import screens from './screens';

// Each screen keeps its texts in its own pair of files under screens/; together they make one
// catalogue per language. Dutch defines the keys; English must have exactly the same.
const nl = { ...commonNl, ...screens.nl };
const en: Record<keyof typeof nl, string> = { ...commonEn, ...screens.en };

export type Language = 'nl' | 'en';
export type MessageKey = keyof typeof nl;
export type Messages = Record<MessageKey, string>;

const catalogues: Record<Language, Messages> = { nl, en };

/** Both catalogues, for the tests that compare them. */
export const CATALOGUES: Readonly<Record<Language, Messages>> = catalogues;

/** The messages of one language, with `{name}` placeholders filled in by `format`. */
export function messages(language: Language): Messages {
  return catalogues[language];
}

export function t(language: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
  return format(catalogues[language][key], params);
}

export function format(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Teams sends the client's locale (e.g. "en-US", "nl-NL"); English clients get English, all others Dutch. */
export function languageOf(locale: string | undefined, fallback: Language): Language {
  if (!locale) return fallback;
  const lower = locale.toLowerCase();
  if (lower.startsWith('en')) return 'en';
  if (lower.startsWith('nl')) return 'nl';
  return fallback;
}

/**
 * The messages under one prefix with the prefix removed: section('nl', 'welcome') gives
 * { title, intro, … } for a card template to bind as ${t.title}.
 */
export function section(language: Language, prefix: string): Record<string, string> {
  const result: Record<string, string> = {};
  const start = `${prefix}.`;
  for (const [key, text] of Object.entries(catalogues[language])) {
    if (key.startsWith(start)) result[key.slice(start.length)] = text;
  }
  return result;
}
