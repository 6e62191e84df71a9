// The school's own word for the person who guides the meldcode. Primary schools say intern
// begeleider (IB'er), secondary schools zorgcoördinator, and many schools name an
// aandachtsfunctionaris. The catalogues are written with "zorgcoördinator" (and "care coordinator"
// in English); for a school that uses another word, the catalogue's texts are rewritten once, when
// the catalogues load (index.ts), before anything typed is put into them.

import type { RoleName } from '../domain/school';
import type { Language } from './index';

interface Words {
  one: string;
  many: string;
  /** "one or more", where the catalogue writes zorgcoördinator(en). */
  oneOrMore: string;
  /** With the indefinite article, which in English depends on the word: "a care coordinator", "an IB'er". */
  aOne: string;
}

const WORDS: Readonly<Record<Language, Readonly<Record<RoleName, Words>>>> = {
  nl: {
    'intern-begeleider': { one: "IB'er", many: "IB'ers", oneOrMore: "IB'er(s)", aOne: "een IB'er" },
    zorgcoordinator: {
      one: 'zorgcoördinator',
      many: 'zorgcoördinatoren',
      oneOrMore: 'zorgcoördinator(en)',
      aOne: 'een zorgcoördinator',
    },
    aandachtsfunctionaris: {
      one: 'aandachtsfunctionaris',
      many: 'aandachtsfunctionarissen',
      oneOrMore: 'aandachtsfunctionaris(sen)',
      aOne: 'een aandachtsfunctionaris',
    },
  },
  en: {
    'intern-begeleider': { one: "IB'er", many: "IB'ers", oneOrMore: "IB'er(s)", aOne: "an IB'er" },
    zorgcoordinator: {
      one: 'care coordinator',
      many: 'care coordinators',
      oneOrMore: 'care coordinator(s)',
      aOne: 'a care coordinator',
    },
    aandachtsfunctionaris: {
      one: 'safeguarding lead',
      many: 'safeguarding leads',
      oneOrMore: 'safeguarding lead(s)',
      aOne: 'a safeguarding lead',
    },
  },
};

/**
 * The forms as the catalogues write them, longest first so that a plural is not read as a singular
 * and the article goes with its noun ("a care coordinator" becomes "an IB'er", not "a IB'er").
 */
const WRITTEN: Readonly<Record<Language, readonly (readonly [string, keyof Words])[]>> = {
  nl: [
    ['een zorgcoördinator', 'aOne'],
    ['zorgcoördinator(en)', 'oneOrMore'],
    ['zorgcoördinatoren', 'many'],
    ['zorgcoördinator', 'one'],
  ],
  en: [
    ['a care coordinator', 'aOne'],
    ['care coordinator(s)', 'oneOrMore'],
    ['care coordinators', 'many'],
    ['care coordinator', 'one'],
  ],
};

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** A written form as a pattern that finds it as a whole word, lower case or capitalised. */
function patternOf(written: string): RegExp {
  const escaped = written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(
    `(?<!\\p{L})[${written.charAt(0)}${written.charAt(0).toUpperCase()}]${escaped.slice(1)}`,
    'gu',
  );
}

/**
 * The written forms with their patterns, made once: every text of the catalogues goes through them
 * for each word when the catalogues load. (`replace` starts a global pattern from the beginning each
 * time, so sharing one is safe.)
 */
const PATTERNS: Readonly<Record<Language, readonly (readonly [RegExp, string, keyof Words])[]>> = {
  nl: WRITTEN.nl.map(([written, form]) => [patternOf(written), written, form] as const),
  en: WRITTEN.en.map(([written, form]) => [patternOf(written), written, form] as const),
};

/** A text in the school's word for the role (unchanged for schools that say zorgcoördinator). */
export function inSchoolWords(language: Language, roleName: RoleName | undefined, text: string): string {
  if (roleName === undefined || roleName === 'zorgcoordinator') return text;
  const words = WORDS[language][roleName];
  let result = text;
  for (const [pattern, written, form] of PATTERNS[language]) {
    // The catalogue's word at the start of a sentence is capitalised; the school's word follows suit.
    result = result.replace(pattern, (found) =>
      found.charAt(0) === written.charAt(0) ? words[form] : capitalised(words[form]),
    );
  }
  return result;
}
