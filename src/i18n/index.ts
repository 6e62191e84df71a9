// User-facing text lives here and in the JSON beside this file, never in code or card templates.
// Dutch is the reference language: its keys define what every other language must provide.

import commonNl from './nl.json';
import commonEn from './en.json';
import screens from './screens';
import type { RoleName } from '../domain/school';
import { inSchoolWords } from './role-name';

// Each screen keeps its texts in its own pair of files under screens/; together they make one
// catalogue per language. Dutch defines the keys; English must have exactly the same.
const nl = { ...commonNl, ...screens.nl };
const en: Record<keyof typeof nl, string> = { ...commonEn, ...screens.en };

export type Language = 'nl' | 'en';
export type MessageKey = keyof typeof nl;
export type Messages = Record<MessageKey, string>;

const catalogues: Record<Language, Messages> = { nl, en };

/** Both catalogues as written (with the word zorgcoördinator), for the tests that compare them. */
export const CATALOGUES: Readonly<Record<Language, Messages>> = catalogues;

/**
 * Who a text speaks to and in whose words: the language of the reader's Teams client, and — for a
 * school that calls the person who guides the meldcode an IB'er or an aandachtsfunctionaris — that
 * school's word. A plain language is the catalogue as written (the word zorgcoördinator).
 */
export type Voice = Language | SchoolVoice;
export interface SchoolVoice {
  readonly language: Language;
  readonly roleName: Exclude<RoleName, 'zorgcoordinator'>;
}

/** The voice for a reader of this school: its word for the role, in the reader's language. */
export function voiceOf(language: Language, school?: { roleName?: RoleName | undefined }): Voice {
  const roleName = school?.roleName;
  return roleName === undefined || roleName === 'zorgcoordinator' ? language : { language, roleName };
}

/** The language of a voice, for what depends on the language alone (dates, numbers, the document's lang). */
export function languageIn(voice: Voice): Language {
  return typeof voice === 'string' ? voice : voice.language;
}

/**
 * The catalogues in each school's word, made once when they load. The word is put into the texts
 * before their `{placeholders}` are filled, so what someone typed (a signal's description, an advice)
 * is never touched: only the catalogue's own sentences say IB'er or aandachtsfunctionaris.
 */
const VOICED: Readonly<Record<Language, Readonly<Record<SchoolVoice['roleName'], Messages>>>> = {
  nl: voicedCatalogues('nl'),
  en: voicedCatalogues('en'),
};

function voicedCatalogues(language: Language): Record<SchoolVoice['roleName'], Messages> {
  const inWord = (roleName: SchoolVoice['roleName']): Messages => {
    const texts = { ...catalogues[language] };
    for (const key of Object.keys(texts) as MessageKey[])
      texts[key] = inSchoolWords(language, roleName, texts[key]);
    return Object.freeze(texts);
  };
  return {
    'intern-begeleider': inWord('intern-begeleider'),
    aandachtsfunctionaris: inWord('aandachtsfunctionaris'),
  };
}

/** The messages of one voice, with `{name}` placeholders filled in by `format`. */
export function messages(voice: Voice): Messages {
  return typeof voice === 'string' ? catalogues[voice] : VOICED[voice.language][voice.roleName];
}

export function t(voice: Voice, key: MessageKey, params: Record<string, string | number> = {}): string {
  return format(messages(voice)[key], params);
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
 * Every section of one catalogue, built once: for each key `a.b.c`, its text is filed under `a` (as
 * `b.c`) and under `a.b` (as `c`). Frozen, so a card can bind a section without copying it.
 */
function sectionsOf(catalogue: Messages): ReadonlyMap<string, Readonly<Record<string, string>>> {
  const sections = new Map<string, Record<string, string>>();
  for (const [key, text] of Object.entries(catalogue)) {
    // A card binds these texts as data; one holding `${` would read as a binding of its own.
    if (text.includes('${'))
      throw new Error(`The text ${key} holds "\${", which cards would read as a binding.`);
    for (let dot = key.indexOf('.'); dot !== -1; dot = key.indexOf('.', dot + 1)) {
      const prefix = key.slice(0, dot);
      const texts = sections.get(prefix) ?? {};
      texts[key.slice(dot + 1)] = text;
      sections.set(prefix, texts);
    }
  }
  for (const texts of sections.values()) Object.freeze(texts);
  return sections;
}

type Sections = ReadonlyMap<string, Readonly<Record<string, string>>>;
const SECTIONS: Readonly<Record<Language, { plain: Sections } & Record<SchoolVoice['roleName'], Sections>>> =
  {
    nl: sectionsOfEachVoice('nl'),
    en: sectionsOfEachVoice('en'),
  };

function sectionsOfEachVoice(
  language: Language,
): { plain: Sections } & Record<SchoolVoice['roleName'], Sections> {
  return {
    plain: sectionsOf(catalogues[language]),
    'intern-begeleider': sectionsOf(VOICED[language]['intern-begeleider']),
    aandachtsfunctionaris: sectionsOf(VOICED[language].aandachtsfunctionaris),
  };
}
const NO_TEXTS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * Every text object section() hands out, and nothing else: the card renderer writes these texts into
 * its templates once (render.ts) instead of looking each up on every card. They are the catalogue's
 * own sentences, never what someone typed, and hold no `${` (checked when they load).
 */
const CATALOGUE_SECTIONS: WeakSet<object> = new WeakSet([
  NO_TEXTS,
  ...Object.values(SECTIONS).flatMap((voices) => Object.values(voices).flatMap((map) => [...map.values()])),
]);

export function isCatalogueSection(value: unknown): value is Readonly<Record<string, string>> {
  return typeof value === 'object' && value !== null && CATALOGUE_SECTIONS.has(value);
}

/**
 * The messages under one prefix with the prefix removed: section('nl', 'welcome') gives
 * { title, intro, … } for a card template to bind as ${t.title}. Looked up, not searched: every
 * section is made once when the catalogues load.
 */
export function section(voice: Voice, prefix: string): Readonly<Record<string, string>> {
  const sections =
    typeof voice === 'string' ? SECTIONS[voice].plain : SECTIONS[voice.language][voice.roleName];
  return sections.get(prefix) ?? NO_TEXTS;
}

/**
 * Date formats in the school's time zone, made once per language: a DateTimeFormat is costly to make
 * (and holds native memory), cheap to use. Module constants, never changed.
 */
const DATE_FORMATS: Readonly<Record<Language, { date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat }>> =
  {
    nl: dateFormats('nl-NL'),
    en: dateFormats('en-GB'),
  };

/** "a, b en c" / "a, b and c": one list format per language, made once like the date formats. */
const LIST_FORMATS: Readonly<Record<Language, Intl.ListFormat>> = {
  nl: new Intl.ListFormat('nl-NL', { type: 'conjunction' }),
  en: new Intl.ListFormat('en-GB', { type: 'conjunction' }),
};

/** Names as one readable list in the language: "a, b en c". */
export function formatList(voice: Voice, names: readonly string[]): string {
  return LIST_FORMATS[languageIn(voice)].format(names);
}

function dateFormats(locale: string): { date: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat } {
  const day = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/Amsterdam' } as const;
  return {
    date: new Intl.DateTimeFormat(locale, day),
    dateTime: new Intl.DateTimeFormat(locale, { ...day, hour: '2-digit', minute: '2-digit' }),
  };
}

/** A calendar date (YYYY-MM-DD, read at noon so no zone moves it) or a moment, as a reader expects it. */
export function formatDate(voice: Voice, iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return DATE_FORMATS[languageIn(voice)].date.format(date);
}

/** Date and time of a moment as the school lives it (Europe/Amsterdam). */
export function formatDateTime(voice: Voice, iso: string): string {
  return DATE_FORMATS[languageIn(voice)].dateTime.format(new Date(iso));
}
