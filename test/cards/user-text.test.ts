// User text is data, never template (issue 12): whatever a person types — a template binding, an
// unclosed one, another template language, a NUL, right-to-left text, emoji, JSON, Markdown, 100,000
// characters — is shown as typed (within a card's shortening rules) and never makes a card fail.
//
// Two levels. The renderer: every template, with every string its view model binds replaced by each
// hostile text, renders and shows that text exactly where the plain text stood. The path a person's
// text really takes: fixture dossiers whose typed fields (pupil reference, group, names, every free
// text in the log) and refused forms hold hostile text, through the real view models and renderer.
// Every card goes through the real Adaptive Cards parser.

import { CardRenderer, UnboundTemplateFieldError } from '../../src/cards/render';
import { emptyForm, type FormState } from '../../src/cards/views';
import type { Dossier, LogEntry } from '../../src/domain';
import type { Language } from '../../src/i18n';
import { adaptiveCardProblems } from './card-checks';
import { DOSSIERS } from './dossiers';
import { LANGUAGES, contractScreens, dossierScreens, type Screen } from './screens';
import { refusedStates } from './shown';

const HOSTILE: readonly (readonly [string, string])[] = [
  ['a binding of the template itself', '${t.title}'],
  ['a bare binding', '${title}'],
  ['an unclosed binding', 'kijk ${ hier'],
  ['an expression', "${if(true, 'ja', 'nee')} ${count(dossiers)}"],
  ['another template language', '{{x}} {%raw%} $x'],
  ['a NUL and other control characters', 'voor\u0000na\u0007\u001b[31m'],
  ['right-to-left text with overrides', '\u202Eمرحبا بالعالم\u202C שלום \u200F'],
  ['emoji with joiners and flags', '👩‍👩‍👧 🚸 🏳️‍🌈 🇳🇱'],
  [
    'JSON that looks like a card',
    '{"type":"TextBlock","text":"${t.title}","$when":"${false}","$data":"${dossiers}"}',
  ],
  ['Markdown', '**vet** _schuin_ [link](https://example.org) # kop\n- punt\n\n```code```'],
  ['100,000 characters', `\${t.title} ${'ë€“'.repeat(33_330)}`],
];

const cards = CardRenderer.fromDirectory();

// ---- The renderer: every bound string replaced ---------------------------------------------------------

type Json = unknown;
type Path = readonly (string | number)[];

/** Every string in a JSON tree with where it stands. */
function strings(json: Json, at: Path = []): { path: Path; text: string }[] {
  if (typeof json === 'string') return [{ path: at, text: json }];
  if (Array.isArray(json)) return json.flatMap((item, i) => strings(item, [...at, i]));
  if (json !== null && typeof json === 'object')
    return Object.entries(json).flatMap(([key, value]) => strings(value, [...at, key]));
  return [];
}

/** The same tree with the strings at `paths` replaced by `replace(path)`. */
function replaced(
  json: Json,
  paths: ReadonlySet<string>,
  replace: (path: Path) => string,
  at: Path = [],
): Json {
  if (typeof json === 'string') return paths.has(JSON.stringify(at)) ? replace(at) : json;
  if (Array.isArray(json)) return json.map((item, i) => replaced(item, paths, replace, [...at, i]));
  if (json !== null && typeof json === 'object')
    return Object.fromEntries(
      Object.entries(json).map(([key, value]) => [key, replaced(value, paths, replace, [...at, key])]),
    );
  return json;
}

function valueAt(json: Json, path: Path): unknown {
  let node: unknown = json;
  for (const step of path) node = (node as Record<string | number, unknown> | undefined)?.[step];
  return node;
}

function nodeAt(json: Json, path: Path): Record<string, unknown> | undefined {
  let node: unknown = json;
  for (const step of path) node = (node as Record<string | number, unknown> | undefined)?.[step];
  return node !== null && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

/**
 * Where a card shows text to a person: a TextBlock's or TextRun's text, a title, a label, a fact, a
 * placeholder, an error message, the value of a text input. Anything else (ids, verbs, styles, dates
 * of a date picker, choice values) is no place for typed text; action data carries any string.
 */
function shownAt(card: Json, path: Path): 'shown' | 'carried' | 'elsewhere' {
  const key = path[path.length - 1];
  if (path.includes('data')) return 'carried';
  const node = nodeAt(card, path.slice(0, -1));
  if (key === 'text' || key === 'title' || key === 'label' || key === 'placeholder' || key === 'errorMessage')
    return 'shown';
  if (key === 'value' && (node?.type === 'Input.Text' || node?.type === undefined)) return 'shown';
  return 'elsewhere';
}

/** A probe text no template or message holds, numbered per bound string. */
const probe = (i: number): string => `PROBE${i}X`;

interface Bound {
  /** The non-empty bound strings of the view model (outside its messages `t`) that the card shows. */
  paths: Set<string>;
  /** The card rendered with every such string a probe. */
  probed: Json;
}

/** Which strings of a view model the card shows as text: each gets a probe, then the card is read. */
function shownStrings(screen: Screen, data: Record<string, unknown>, language: Language): Bound {
  // An empty string shows nothing and often decides whether a block shows at all: it stays empty.
  const leaves = strings(data).filter(({ path, text }) => path[0] !== 't' && text !== '');
  const keys = leaves.map(({ path }) => JSON.stringify(path));
  const index = new Map(keys.map((key, i) => [key, i]));
  const all = new Set(keys);
  const probed = cards.render(
    screen.template,
    replaced(data, all, (path) => probe(index.get(JSON.stringify(path)) ?? -1)) as Record<string, unknown>,
    language,
  );
  const places = new Map<number, Set<string>>();
  for (const { path, text } of strings(probed))
    for (const match of text.matchAll(/PROBE(\d+)X/g)) {
      const where = places.get(Number(match[1])) ?? new Set<string>();
      places.set(Number(match[1]), where.add(shownAt(probed, path)));
    }
  const paths = new Set(
    keys.filter((_key, i) => {
      const where = places.get(i);
      return where?.has('shown') === true && !where.has('elsewhere');
    }),
  );
  const probedOnlyShown = cards.render(
    screen.template,
    replaced(data, paths, (path) => probe(index.get(JSON.stringify(path)) ?? -1)) as Record<string, unknown>,
    language,
  );
  return { paths, probed: probedOnlyShown };
}

describe('the renderer binds user text as data', () => {
  it('refuses a template field the view model lacks, naming it', () => {
    expect(() => cards.render('welcome', { t: {} }, 'nl')).toThrow(UnboundTemplateFieldError);
    expect(() => cards.render('welcome', { t: {} }, 'nl')).toThrow(/\$\{t\.title\}/);
  });

  it('shows a value that is exactly a binding of the same template, instead of taking it for unbound', () => {
    const plain = cards.render('notice-plain', { title: 'Melding', text: 'hallo' }, 'nl');
    const typed = cards.render('notice-plain', { title: 'Melding', text: '${title}' }, 'nl');
    expect(JSON.stringify(typed)).toBe(JSON.stringify(plain).replace('"hallo"', '"${title}"'));
  });

  describe.each(LANGUAGES)('in %s', (language) => {
    const screens = contractScreens();
    it.each(screens.map((screen) => ({ name: screen.screen, screen })))(
      '$name shows each hostile text where the plain text stood',
      ({ screen }) => {
        const data = screen.view(language, emptyForm) as Record<string, unknown>;
        const { paths, probed } = shownStrings(screen, data, language);
        const places = strings(probed).filter(({ text }) => /PROBE\d+X/.test(text));
        for (const [what, hostile] of HOSTILE) {
          const where = `${screen.screen} (${language}) with ${what}`;
          const card = cards.render(
            screen.template,
            replaced(data, paths, () => hostile) as Record<string, unknown>,
            language,
          );
          expect({ where, problems: adaptiveCardProblems(card) }).toEqual({ where, problems: [] });
          const differing = places.filter(
            ({ path, text }) => valueAt(card, path) !== text.replace(/PROBE\d+X/g, () => hostile),
          );
          expect({ where, differing: differing.map((d) => d.path.join('.')) }).toEqual({
            where,
            differing: [],
          });
        }
      },
    );
  });
});

// ---- The path typed text takes: dossiers and refused forms ---------------------------------------------

/** Text a person typed rather than a code: it has a space, a capital or a letter outside a-z. */
const isTyped = (value: string): boolean =>
  !/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/.test(value) && /[\sA-Z]|[^\x20-\x7e]/.test(value);

/** The dossier with every typed field — pupil, names, free text in the log — holding `text`. */
function typedAs(dossier: Dossier, text: string): Dossier {
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') return isTyped(value) ? text : value;
    if (Array.isArray(value)) return value.map(swap);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, swap(inner)]));
    return value;
  };
  return {
    ...dossier,
    pupil: { ...dossier.pupil, reference: text, group: text },
    ownerName: text,
    // The same kinds with other text: still the entries they were.
    log: dossier.log.map((entry) => ({ ...entry, authorName: text, data: swap(entry.data) }) as LogEntry),
  };
}

/**
 * What of `text` a card can show: as typed, on one line (control characters and runs of white space
 * made one space), or with invisible characters left out (kept in an input) — and, when a card
 * shortens it, its start. Six characters are plenty to recognise it and short enough for any card.
 */
function visibleStarts(text: string): string[] {
  /* eslint-disable no-control-regex -- control characters are what these forms leave out */
  const forms = [
    text,
    text
      .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
    text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, ''),
  ];
  /* eslint-enable no-control-regex */
  return forms.map((form) => Array.from(form).slice(0, 6).join(''));
}

const showsText = (card: Json, text: string): boolean => {
  const starts = visibleStarts(text);
  return strings(card).some(({ text: shown }) => starts.some((start) => shown.includes(start)));
};

/** Plain typed text no card holds otherwise: where it shows, the hostile text must show too. */
const PLAIN = 'Qwz getypte tekst Qwz';

const HEAVY_CASES: readonly (keyof typeof DOSSIERS)[] = [
  'midway',
  'consultationAdvised',
  'reported',
  'helpPlanned',
  'closed',
  'decisionSentBack',
];

const cases = (Object.keys(DOSSIERS) as (keyof typeof DOSSIERS)[]).flatMap((name) =>
  (HEAVY_CASES.includes(name) ? HOSTILE : HOSTILE.slice(0, 1)).map(([what, text]) => ({ name, what, text })),
);

describe('typed text in a dossier reaches every card as typed', () => {
  it('a note typed as ${t.title} leaves the chronology readable for everyone', () => {
    const dossier = typedAs(DOSSIERS.midway, '${t.title}');
    const chronology = dossierScreens('midway', dossier).filter((s) => s.template === 'chronology');
    expect(chronology.length).toBeGreaterThan(0);
    for (const screen of chronology)
      for (const language of LANGUAGES) {
        const card = cards.render(screen.template, screen.view(language, emptyForm), language);
        expect(strings(card).some(({ text }) => text.includes('${t.title}'))).toBe(true);
      }
  });

  it.each(cases)('$name, every typed field holding $what', ({ name, text }) => {
    const original = DOSSIERS[name];
    const plainScreens = dossierScreens(name, typedAs(original, PLAIN));
    const screens = dossierScreens(name, typedAs(original, text));
    for (const language of LANGUAGES)
      screens.forEach((screen, i) => {
        const where = `${screen.screen} (${language})`;
        const opened = cards.render(screen.template, screen.view(language, emptyForm), language);
        expect({ where, problems: adaptiveCardProblems(opened) }).toEqual({ where, problems: [] });
        const plain = plainScreens[i] as Screen;
        const plainCard = cards.render(plain.template, plain.view(language, emptyForm), language);
        if (showsText(plainCard, PLAIN))
          expect({ where, shows: showsText(opened, text) }).toEqual({ where, shows: true });
        if (!screen.form) return;
        // Refused with the hostile text in every text input: the card renders, and where the plain
        // refused card keeps what was typed, the hostile one keeps the hostile text.
        for (const state of refusedStates(opened, language)) {
          const isTypedValue = (value: unknown): value is string =>
            typeof value === 'string' && !/^\d|^true$|,|^[a-z-]+$/.test(value);
          const kept: FormState = {
            values: Object.fromEntries(
              Object.entries(state.values).map(([id, value]) => [id, isTypedValue(value) ? text : value]),
            ),
            errors: state.errors,
          };
          const refused = cards.render(screen.template, screen.view(language, kept), language);
          expect({ where, problems: adaptiveCardProblems(refused) }).toEqual({ where, problems: [] });
          const plainRefused = cards.render(screen.template, screen.view(language, state), language);
          const inputValues = (card: Json): string[] =>
            strings(card)
              .filter(
                ({ path }) =>
                  path[path.length - 1] === 'value' && nodeAt(card, path.slice(0, -1))?.type === 'Input.Text',
              )
              .map(({ text: value }) => value);
          const typedValues = Object.values(state.values).filter(isTypedValue);
          if (inputValues(plainRefused).some((value) => typedValues.some((v) => showsText(value, v))))
            expect({ where, kept: inputValues(refused).some((value) => showsText(value, text)) }).toEqual({
              where,
              kept: true,
            });
        }
      });
  });
});
