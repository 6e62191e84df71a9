// A property-based fuzz test over every registered verb, over real HTTP with the fake connector.
// fast-check generates thousands of card actions — from the owner of a dossier, from a colleague in
// the same school who is not involved, and from someone in another tenant using the owner's object
// id — with hostile text in every field (template syntax, JSON, Markdown, right-to-left text, 100,000
// characters). Whatever arrives:
//   - Teams gets HTTP 200 with a card, never a server error and never the apology card;
//   - a stranger's answer holds nothing of the owner's dossier, and nothing reaches a stranger's chat;
//   - the owner's dossier only grows: a stranger changes nothing at all, the owner's actions only add
//     log entries (earlier ones stay exactly as they were).
// When a property fails, fast-check prints the shrunk action and the seed to replay it with.

import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { createVerbs, type VerbDependencies } from '../../src/bot/verbs';
import { SIGNAL_CATEGORIES, FORM_SECTIONS } from '../../src/domain/signalenkaart';
import { t } from '../../src/i18n';
import type { Dossier } from '../../src/domain/dossier';
import {
  startHarness,
  cardObjects,
  cardText,
  press,
  type DossierRef,
  type Harness,
} from '../support/bot-harness';
import {
  OTHER_TENANT,
  colleague,
  coordinator,
  invoke,
  message,
  teacher,
  type TestUser,
} from '../support/teams';

/** Runs of the property; each run is one card action. Raise it locally with FUZZ_RUNS=20000. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** Everything of the owner's dossier a stranger must never see. */
const PUPIL = 'QX-geheim-7731';
const SECRET = 'Zag striemen op de rug, verteld door de gymdocent 5521.';

const VERBS = Object.keys(createVerbs({} as VerbDependencies)).sort();

/** A colleague in the same school (not involved), and someone elsewhere using the owner's object id. */
const impostor: TestUser = { ...teacher, teamsId: '29:impostor', name: 'Impostor', tenantId: OTHER_TENANT };
const STRANGERS: readonly TestUser[] = [colleague, impostor];

/** Every input id and every action data key on any card: the fields a payload can carry. */
function cardFieldNames(): string[] {
  const names = new Set<string>();
  const walk = (card: unknown): void => {
    for (const record of cardObjects(card)) {
      if (
        typeof record.type === 'string' &&
        record.type.startsWith('Input.') &&
        typeof record.id === 'string'
      )
        names.add(record.id);
      if (record.type === 'Action.Execute' && record.data && typeof record.data === 'object')
        Object.keys(record.data).forEach((key) => names.add(key));
    }
  };
  const dir = path.join(__dirname, '..', '..', 'cards');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')))
    walk(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
  for (const group of [...SIGNAL_CATEGORIES, ...FORM_SECTIONS]) names.add(`signals_${group}`);
  return [...names].filter((name) => !name.includes('${')).sort();
}
const FIELDS = cardFieldNames();

/** Text nobody should be able to break a card with. */
const HOSTILE: readonly string[] = [
  '${t.title}',
  '${title}',
  '${',
  '}',
  '$${x}',
  '${pupilReference}',
  "${if(true, 'a', 'b')}",
  '${$root.t}',
  '{"schoolId":"de-linde","dossierId":"x"}',
  '[1, 2, {"a": null}]',
  '**vet** _schuin_ [klik](https://evil.example) <script>alert(1)</script> ![x](https://evil.example/x.png)',
  '# Kop\n- een\n- twee\n\n> citaat\n\n```\ncode\n```',
  '\u202Eevil\u202C text \u200F\u200E',
  'שלום עולם — مرحبا بالعالم',
  '🙂👨‍👩‍👧‍👦🏳️‍🌈 \uD83D',
  '\u0000\u0007\u001b[31m',
  'x'.repeat(100_000),
  '',
  '   ',
  'null',
  'true',
  'false',
  '2026-02-30',
  '9999-12-31',
  '-1',
  '1e309',
  'NaN',
  '__proto__',
  '../../etc/passwd',
];

/** Values a real card would send, so that some owner actions are accepted and change the dossier. */
const PLAUSIBLE: readonly string[] = [
  '9',
  '13',
  '7b',
  '2026-11-13',
  '2026-11-16',
  'true',
  'false',
  '1',
  '2',
  'eigen-waarneming',
  'verteld-door-ander',
  'letsel-onlogische-plek',
  'gymzaal',
  'Een gewone zin zoals iemand die typt.',
  coordinator.aadObjectId,
  'melden',
  'hulp',
  'signalen',
  'consultatie',
  'gesprek',
  'wegen',
  'beslissen',
];

const fieldValue = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 5, arbitrary: fc.constantFrom(...PLAUSIBLE) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...HOSTILE.slice(0, 6)), { maxLength: 3 }) },
  {
    weight: 1,
    arbitrary: fc.dictionary(fc.constantFrom('a', '${x}', 'schoolId'), fc.string(), { maxKeys: 2 }),
  },
);

interface Action {
  verb: string;
  userIndex: number; // 0 = the owner, 1.. = the strangers
  ref: 'own' | 'none' | 'madeUp';
  fields: [string, unknown][];
}

/** Any verb with any fields: mostly refused, which is what most of the attack surface is. */
const anyAction: fc.Arbitrary<Action> = fc.record({
  verb: fc.constantFrom(...VERBS),
  userIndex: fc.integer({ min: 0, max: STRANGERS.length }),
  ref: fc.constantFrom<Action['ref']>('own', 'own', 'own', 'none', 'madeUp'),
  fields: fc.array(fc.tuple(fc.constantFrom(...FIELDS, '__proto__', 'constructor'), fieldValue), {
    maxLength: 8,
  }),
});

/**
 * Forms as a card sends them, with hostile text in their free-text fields: most are accepted, so the
 * hostile text is stored in the dossier and shown again by every later card (the chronology, the
 * dossier, the export). `free` holds four texts; each form takes what it needs.
 */
const FORMS: Record<string, (free: readonly string[]) => Record<string, unknown>> = {
  recordNote: ([text]) => ({ text, isOpinion: 'false' }),
  recordContact: ([who, outcome]) => ({ with: who, on: '2026-11-13', outcome }),
  recordSignal: ([place, description, sourceName]) => ({
    signals_lichamelijk: 'letsel-onlogische-plek',
    observedOn: '2026-11-13',
    place,
    description,
    source: 'verteld-door-ander',
    sourceName,
    pointsOtherWay: 'false',
  }),
  correctEntry: ([correction]) => ({ seq: 2, correction_2: correction }),
  showChronology: () => ({ page: 1 }),
  showDossier: () => ({}),
  exportDossier: () => ({}),
};
const freeText = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
);
const formAction: fc.Arbitrary<Action> = fc
  .record({
    verb: fc.constantFrom(...Object.keys(FORMS)),
    userIndex: fc.constantFrom(0, 0, 0, 1, 2),
    free: fc.array(freeText, { minLength: 4, maxLength: 4 }),
    submissionId: fc.option(fc.uuid(), { nil: undefined }),
  })
  .map(({ verb, userIndex, free, submissionId }) => ({
    verb,
    userIndex,
    ref: 'own' as const,
    fields: Object.entries({
      ...(FORMS[verb]?.(free) ?? {}),
      ...(submissionId ? { submissionId } : {}),
    }),
  }));

const actionArbitrary: fc.Arbitrary<Action> = fc.oneof(anyAction, formAction);

function payloadOf(action: Action, own: DossierRef): Record<string, unknown> {
  const data: Record<string, unknown> = Object.fromEntries(action.fields);
  if (action.ref === 'own') Object.assign(data, own);
  if (action.ref === 'madeUp') Object.assign(data, { schoolId: 'de-linde', dossierId: randomUUID() });
  return data;
}

function userOf(action: Action): TestUser {
  return action.userIndex === 0 ? teacher : (STRANGERS[action.userIndex - 1] ?? colleague);
}

/** What a person may never find in an answer to a stranger. */
function leaks(text: string, numbers: readonly string[]): string[] {
  return [PUPIL, SECRET, ...numbers].filter((secret) => text.includes(secret));
}

/**
 * A dossier's log grows with every accepted action and every card shows more of it; past this many
 * entries the owner starts a fresh dossier, so that a run's time stays proportional to its actions.
 */
const FRESH_DOSSIER_AFTER_ENTRIES = 40;

describe('every card verb, fuzzed over HTTP', () => {
  let h: Harness;
  let own: DossierRef;
  /** The numbers of the owner's dossiers: a stranger must never see one. */
  const numbers: string[] = [];
  const APOLOGY = t('nl', 'error.unexpected');

  async function freshDossier(): Promise<DossierRef> {
    const known = new Set(
      (await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId)).map((d) => d.id),
    );
    await press(h, 'openDossier', { pupilReference: PUPIL, group: '7b', age: '9', firstDescription: SECRET });
    const opened = (await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId)).find(
      (d) => !known.has(d.id),
    );
    if (!opened) throw new Error('no dossier was opened');
    const ref = { schoolId: opened.schoolId, dossierId: opened.id };
    await press(h, 'recordNote', { ...ref, text: SECRET, isOpinion: 'false' });
    numbers.push(opened.number);
    return ref;
  }

  beforeAll(async () => {
    h = await startHarness();
    for (const user of [teacher, coordinator, colleague, impostor])
      await h.post(message(user, h.connector.url, 'hallo'));
    own = await freshDossier();
    expect(numbers).toEqual([expect.stringMatching(/^MC-2026-\d{4}$/)]);
  });
  afterAll(async () => {
    await h.stop();
  });

  async function current(): Promise<{ value: Dossier; version: string }> {
    const read = await h.store.getDossier(own.schoolId, own.dossierId);
    if (!read) throw new Error('the owner’s dossier is gone');
    return read;
  }

  it('covers every registered verb', () => {
    expect(VERBS.length).toBeGreaterThanOrEqual(40);
    expect(FIELDS).toEqual(expect.arrayContaining(['pupilReference', 'description', 'text', 'reason']));
  });

  it('takes `${t.title}` in every field of every verb without breaking a card', async () => {
    const failures: string[] = [];
    for (const verb of VERBS) {
      const data = { ...Object.fromEntries(FIELDS.map((f) => [f, '${t.title}'])), ...own };
      const response = await h.post(invoke(teacher, h.connector.url, verb, data));
      const body = response.body as { statusCode?: number; value?: unknown };
      if (response.status !== 200 || body.statusCode !== 200 || cardText(body.value).includes(APOLOGY))
        failures.push(`${verb}: HTTP ${response.status}, ${JSON.stringify(body).slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
  });

  it(`answers ${RUNS} generated actions with a card, leaks nothing and keeps the owner’s dossier whole`, async () => {
    const stats = { owner: 0, stranger: 0, ownerChanges: 0 };
    await fc.assert(
      fc.asyncProperty(actionArbitrary, async (action) => {
        const user = userOf(action);
        if ((await current()).value.log.length > FRESH_DOSSIER_AFTER_ENTRIES) own = await freshDossier();
        const before = await current();
        const response = await h.post(invoke(user, h.connector.url, action.verb, payloadOf(action, own)));

        expect(response.status).toBe(200);
        const body = response.body as { statusCode?: number; type?: string; value?: unknown };
        expect(body.statusCode).toBe(200);
        expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
        const answer = JSON.stringify(body.value);
        expect(cardText(body.value)).not.toContain(APOLOGY);

        const after = await current();
        if (user === teacher) {
          stats.owner++;
          // The log only grows, by entries of the owner's own action; what was there stays as it was.
          expect(after.value.log.slice(0, before.value.log.length)).toEqual(before.value.log);
          const added = after.value.log.slice(before.value.log.length);
          for (const entry of added) expect(entry.authorId).toBe(teacher.aadObjectId);
          if (after.version !== before.version) stats.ownerChanges++;
        } else {
          stats.stranger++;
          expect(leaks(answer, numbers)).toEqual([]);
          expect(after).toEqual(before);
        }
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true },
    );
    // The run did reach the dossier from both sides (a generator that never hit would prove nothing).
    expect(stats.owner).toBeGreaterThan(RUNS / 5);
    expect(stats.stranger).toBeGreaterThan(RUNS / 5);
    expect(stats.ownerChanges).toBeGreaterThan(0);
  }, 180_000);

  it('sent nothing of the owner’s dossier into a stranger’s chat', () => {
    const toStrangers = h.connector.calls.filter((call) =>
      STRANGERS.some((s) => call.path.includes(encodeURIComponent(`a:personal-${s.teamsId}`))),
    );
    expect(leaks(JSON.stringify(toStrangers), numbers)).toEqual([]);
  });
});
