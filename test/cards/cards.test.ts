// The card contract (architecture habit 7): every template in cards/ is expanded through its real view
// model with a fixture for every screen, in Dutch and English, and checked mechanically — nothing left
// unbound, a valid Adaptive Card 1.5 by the real library, every verb registered and every registered
// verb on a card, and every card under its size budget with a worst-case dossier.

import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { CARD_SIZE_BUDGET_BYTES, CardRenderer, findCardsDirectory } from '../../src/cards/render';
import { TEXT_MAX_LENGTH } from '../../src/domain';
import { weeklyOverviewView } from '../../src/cards/views';
import { createVerbs } from '../../src/bot/verbs';
import { DossierService } from '../../src/app/dossier-service';
import { ExportLinks } from '../../src/app/export-links';
import { ReminderScheduler } from '../../src/app/reminder-scheduler';
import { AfterAnswer } from '../../src/app/after-answer';
import { Courier } from '../../src/app/courier';
import { DossierWriter } from '../../src/app/dossier-writer';
import type { Messenger } from '../../src/app/messenger';
import { SqliteStore } from '../../src/store/sqlite-store';
import { createLogger } from '../../src/logger';
import { adaptiveCardProblems, bindingsIn, bytes, isBinding, verbsIn } from './card-checks';
import { NOW, SCHOOL, closedWorstCase, heavy, sentBackWorstCase, worstCaseDossier } from './dossiers';
import { LANGUAGES, contractScreens, worstCaseScreens } from './screens';
import { ScreenCards } from './shown';

/**
 * Registered verbs that no card shows, each with the reason. An exception that a card shows after all,
 * or that is no longer registered, fails the test below: remove it then.
 */
const VERBS_WITHOUT_A_CARD: Record<string, string> = {
  showMyConsultations:
    'Reached by typing "mijn consultaties" / "my consultations" (src/bot/text-commands.ts, the command ' +
    "list of the app); no card links to the zorgcoördinator's list.",
  showSettings:
    'Reached by typing "instellingen" / "settings" (src/bot/text-commands.ts); for administrators only, so ' +
    'no card offers it to everyone.',
};

const cards = CardRenderer.fromDirectory();
/** acute-danger.json is no screen: render() appends it to every card. */
const TEMPLATES = readdirSync(findCardsDirectory())
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.replace(/\.json$/, ''))
  .filter((name) => name !== 'acute-danger');

const screens = contractScreens();
const worst = worstCaseDossier();
const worstScreens = worstCaseScreens(worst, closedWorstCase(worst), sentBackWorstCase(worst));

const shown = new ScreenCards(cards);

/** The verbs are only built, never run: a messenger that reaches nobody is all they need. */
function nobodyReachable(): Messenger {
  const unreachable = () => Promise.resolve({ ok: false as const, reason: 'unreachable' as const });
  return {
    toPerson: unreachable,
    toChannel: unreachable,
    update: unreachable,
    teamsUserId: () => Promise.resolve(undefined),
    localeOf: () => Promise.resolve(undefined),
  };
}

describe('the card table', () => {
  it('has a screen with a fixture for every template in cards/, so a new card without one fails', () => {
    const covered = new Set(screens.map((s) => s.template));
    expect(TEMPLATES.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('has every template in the worst case of the size budget too', () => {
    const covered = new Set(worstScreens.map((s) => s.template));
    expect(TEMPLATES.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('names only templates that exist', () => {
    const unknown = [...screens, ...worstScreens].filter((s) => !TEMPLATES.includes(s.template));
    expect(unknown.map((s) => `${s.screen}: cards/${s.template}.json`)).toEqual([]);
  });
});

describe.each(LANGUAGES)('every screen, in %s', (language) => {
  it.each(screens.map((screen) => ({ name: screen.screen, screen })))(
    '$name renders every field bound, as a valid Adaptive Card 1.5',
    ({ screen }) => {
      for (const { how, card } of shown.of(screen, language, 'nl')) {
        const where = `${screen.screen} (cards/${screen.template}.json, ${language}), ${how}`;
        expect({ where, unbound: bindingsIn(card) }).toEqual({ where, unbound: [] });
        expect({ where, version: card['version'] }).toEqual({ where, version: '1.5' });
        expect({ where, problems: adaptiveCardProblems(card) }).toEqual({ where, problems: [] });
      }
    },
  );
});

describe('the verbs', () => {
  const store = SqliteStore.open(':memory:');
  afterAll(() => store.close());
  const logger = createLogger('silent');
  const messenger = nobodyReachable();
  const writer = new DossierWriter({
    store,
    schools: [SCHOOL],
    logger,
    newId: randomUUID,
    outboxLeaseMs: 60_000,
  });
  const effects = new Courier({
    store,
    writer,
    messenger,
    cards,
    defaultLanguage: 'nl',
    logger,
    newId: randomUUID,
  });
  // Built as src/compose.ts builds them, with an in-memory store and a messenger that reaches nobody.
  const dependencies = {
    cards,
    dossiers: new DossierService({
      store,
      writer,
      delivery: { courier: effects, afterAnswer: new AfterAnswer(logger) },
      newId: randomUUID,
    }),
    schools: [SCHOOL],
    exports: new ExportLinks({
      store,
      baseUrl: 'https://meldcode.example.nl',
      clock: () => NOW,
      newId: randomUUID,
      logger,
    }),
    effects,
    messenger,
    adminIds: [],
    scheduler: new ReminderScheduler({
      store,
      writer,
      schools: [SCHOOL],
      notifier: { notify: () => Promise.resolve('unreachable' as const) },
      logger,
      clock: () => NOW,
      timers: { setInterval, clearInterval, setTimeout, clearTimeout },
      newId: randomUUID,
    }),
  };
  const registered = Object.keys(createVerbs(dependencies)).sort();
  const onCards = (): Set<string> =>
    new Set(
      LANGUAGES.flatMap((language) =>
        screens.flatMap((screen) => shown.of(screen, language, 'nl').flatMap(({ card }) => verbsIn(card))),
      ),
    );
  const inTemplates = TEMPLATES.flatMap((name) =>
    verbsIn(cards.template(name)).map((verb) => ({ name, verb })),
  );

  it('are found wherever a card holds them: actions, action sets, shown cards, select actions, refresh', () => {
    const card = {
      type: 'AdaptiveCard',
      refresh: { action: { type: 'Action.Execute', verb: 'inRefresh' } },
      body: [
        { type: 'Container', selectAction: { type: 'Action.Execute', verb: 'inSelectAction' }, items: [] },
        { type: 'ActionSet', actions: [{ type: 'Action.Execute', verb: 'inActionSet' }] },
      ],
      actions: [
        { type: 'Action.Execute', verb: 'inActions' },
        {
          type: 'Action.ShowCard',
          card: { type: 'AdaptiveCard', body: [], actions: [{ type: 'Action.Execute', verb: 'inShowCard' }] },
        },
        { type: 'Action.OpenUrl', url: 'tel:112' },
      ],
    };
    expect(verbsIn(card).sort()).toEqual([
      'inActionSet',
      'inActions',
      'inRefresh',
      'inSelectAction',
      'inShowCard',
    ]);
  });

  it('every verb a template names is registered in createVerbs', () => {
    const unregistered = inTemplates.filter(({ verb }) => !isBinding(verb) && !registered.includes(verb));
    expect(unregistered.map(({ name, verb }) => `cards/${name}.json: ${verb}`)).toEqual([]);
  });

  it('every verb a template binds (like ${closeOrReopenVerb}) becomes a registered verb on the rendered cards', () => {
    const verbs = onCards();
    expect([...verbs].filter((verb) => !registered.includes(verb)).sort()).toEqual([]);
    expect(verbs.has('')).toBe(false);
  });

  it('every registered verb appears on a card, apart from the listed exceptions with their reason', () => {
    const verbs = onCards();
    const missing = registered.filter((verb) => !verbs.has(verb) && !(verb in VERBS_WITHOUT_A_CARD));
    expect(missing).toEqual([]);
    // An exception that a card shows after all, or that is no longer registered, is stale.
    const stale = Object.keys(VERBS_WITHOUT_A_CARD).filter(
      (verb) => verbs.has(verb) || !registered.includes(verb),
    );
    expect(stale).toEqual([]);
  });
});

describe('the size budget, with a worst-case dossier', () => {
  it('uses a worst case: 200 log entries, texts at their maximum, multi-byte characters', () => {
    expect(worst.log).toHaveLength(200);
    const kinds = new Set(worst.log.map((entry) => entry.kind));
    for (const kind of ['signalRecorded', 'contactRecorded', 'noteRecorded', 'consultationRecorded'] as const)
      expect(kinds).toContain(kind);
    expect(JSON.stringify(worst)).toMatch(/[éë€]/);
    const atMaximum = worst.log.filter((entry) => Object.values(entry.data).includes(heavy(TEXT_MAX_LENGTH)));
    expect(atMaximum.length).toBeGreaterThan(150);
  });

  describe.each(LANGUAGES)('in %s', (language) => {
    it.each(worstScreens.map((screen) => ({ name: screen.screen, screen })))(
      `$name stays under ${CARD_SIZE_BUDGET_BYTES} bytes, also refused with every field at its maximum`,
      ({ screen }) => {
        const over = shown
          .of(screen, language)
          .filter(({ card }) => bytes(card) >= CARD_SIZE_BUDGET_BYTES)
          .map(({ how, card }) => `cards/${screen.template}.json ${how}: ${bytes(card)} bytes`);
        expect(over).toEqual([]);
      },
    );
  });

  it('has its heaviest card well over half the budget: the worst case really is heavy', () => {
    const weights = LANGUAGES.flatMap((language) =>
      worstScreens.flatMap((screen) => shown.of(screen, language).map(({ card }) => bytes(card))),
    );
    expect(Math.max(...weights)).toBeGreaterThan(CARD_SIZE_BUDGET_BYTES / 2);
  });
});

describe('the weekly overview', () => {
  it('names the week as a school says it (week 11), not as ISO writes it (2026-W11)', () => {
    const view = weeklyOverviewView('nl', {
      week: '2026-W11',
      total: 1,
      byStep: { signalen: 1, consultatie: 0, gesprek: 0, wegen: 0, beslissen: 0 },
      dossiers: [],
    });
    expect(view['title']).toBe('Weekoverzicht meldcode · week 11');
  });
});
