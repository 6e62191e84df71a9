// The school's own word for the person who guides the meldcode. Primary schools say intern
// begeleider (IB'er), secondary schools zorgcoördinator, and many schools name an
// aandachtsfunctionaris. The catalogues are written with "zorgcoördinator" (and "care coordinator"
// in English); a card for a school that uses another word gets that word instead, everywhere.

import type { RoleName } from '../domain/school';
import type { Language } from './index';

interface Words {
  one: string;
  many: string;
  /** "one or more", where the catalogue writes zorgcoördinator(en). */
  oneOrMore: string;
}

const WORDS: Readonly<Record<Language, Readonly<Record<RoleName, Words>>>> = {
  nl: {
    'intern-begeleider': { one: "IB'er", many: "IB'ers", oneOrMore: "IB'er(s)" },
    zorgcoordinator: { one: 'zorgcoördinator', many: 'zorgcoördinatoren', oneOrMore: 'zorgcoördinator(en)' },
    aandachtsfunctionaris: {
      one: 'aandachtsfunctionaris',
      many: 'aandachtsfunctionarissen',
      oneOrMore: 'aandachtsfunctionaris(sen)',
    },
  },
  en: {
    'intern-begeleider': { one: "IB'er", many: "IB'ers", oneOrMore: "IB'er(s)" },
    zorgcoordinator: { one: 'care coordinator', many: 'care coordinators', oneOrMore: 'care coordinator(s)' },
    aandachtsfunctionaris: {
      one: 'safeguarding lead',
      many: 'safeguarding leads',
      oneOrMore: 'safeguarding lead(s)',
    },
  },
};

/** The forms as the catalogues write them, longest first so that a plural is not read as a singular. */
const WRITTEN: Readonly<Record<Language, readonly [RegExp, keyof Words][]>> = {
  nl: [
    [/zorgcoördinator\(en\)/g, 'oneOrMore'],
    [/zorgcoördinatoren/g, 'many'],
    [/zorgcoördinator/g, 'one'],
  ],
  en: [
    [/care coordinator\(s\)/g, 'oneOrMore'],
    [/care coordinators/g, 'many'],
    [/care coordinator/g, 'one'],
  ],
};

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** A text in the school's word for the role (unchanged for schools that say zorgcoördinator). */
export function inSchoolWords(language: Language, roleName: RoleName | undefined, text: string): string {
  if (roleName === undefined || roleName === 'zorgcoordinator') return text;
  const words = WORDS[language][roleName];
  let result = text;
  for (const [pattern, form] of WRITTEN[language]) {
    // The catalogue's word at the start of a sentence is capitalised; the school's word follows suit.
    const upper = new RegExp(capitalised(pattern.source), 'g');
    result = result.replace(upper, capitalised(words[form])).replace(pattern, words[form]);
  }
  return result;
}

/**
 * A card's view data in the school's words: every text in it, except the values of the form's inputs
 * (what the user typed goes back exactly as typed).
 */
export function viewInSchoolWords<T>(language: Language, roleName: RoleName | undefined, view: T): T {
  if (roleName === undefined || roleName === 'zorgcoordinator') return view;
  const walk = (value: unknown, key: string | undefined): unknown => {
    if (key === 'values') return value;
    if (typeof value === 'string') return inSchoolWords(language, roleName, value);
    if (Array.isArray(value)) return value.map((item) => walk(item, undefined));
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  return walk(view, undefined) as T;
}
