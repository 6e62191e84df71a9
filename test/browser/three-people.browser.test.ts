// A whole decided dossier walked by three people, each in their own Microsoft 365 Agents Playground
// (a local Teams) against one bot, in Debian's headless Chromium, the way new users would: only with
// what the rendered cards offer. The teacher opens a dossier, records a signal and asks the
// zorgcoördinator for a consultation; the zorgcoördinator opens her home and answers; the teacher
// records the conversation, the weighing and the afwegingskader up to a decision. Only then does
// the beslisser open the bot for the first time: the card to confirm, which could not reach him
// when the decision was recorded, has waited in the bot's outbox and still arrives; he confirms,
// and the teacher hears so.
//
// Every click and every typed field of the teacher is counted as the walk does it (issue 11's goal
// for this shortest decided dossier: at most 25 clicks and 10 typed fields) and printed. Each
// person's home card is saved to docs/screenshots/home-*.png.
//
// Needs /usr/bin/chromium (`apt-get install -y chromium`); it fails, not skips, without it.

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { assertChromiumInstalled, launchChromium } from '../../scripts/preview/chromium';
import {
  PersonAtPlayground,
  ROOT,
  allOf,
  mockUsers,
  readMockTenant,
  startBot,
  startPlaygroundAs,
  tail,
  waitUntil,
  type BotUnderTest,
  type MockUser,
  type RunningPlayground,
} from './playground-people';

const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');
const FAILURES = path.join(ROOT, 'artifacts', 'screenshots');
/** The school's own calendar: dossier numbers and "today" in the date picker follow it. */
const TIME_ZONE = 'Europe/Amsterdam';

/** Issue 11: the teacher's effort for the shortest decided dossier, before and the goal. */
const BEFORE = { clicks: 37, typed: 10 };
const GOAL = { clicks: 25, typed: 10 };

/**
 * How long the beslisser may wait for his card after saying hallo. In the Playground the bot's
 * first attempt fails with a 500 (the Playground cannot start a chat by Entra object id), which the
 * bot takes as "try again later" (15–30 s backoff) rather than "waits for this person"; the sweep
 * (every 2 s here) then delivers it. Real Teams answers 403, and the card goes out on his hallo.
 */
const CARD_WAIT_MS = 45_000;

interface SchoolConfig {
  tenantId: string;
  coordinators: { id: string; name: string }[];
  decisionMaker: { id: string; name: string };
}

/** Today's date parts in Amsterdam, e.g. { year: '2026', month: 'November', day: '28' }. */
function todayInSchool(): { year: string; month: string; day: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: 'long',
    day: 'numeric',
  }).formatToParts(new Date());
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return { year: part('year'), month: part('month'), day: part('day') };
}

/** The first name, as the cards show a person (the Playground adds the role in brackets). */
const shortName = (user: MockUser): string => user.name.replace(/\s*\(.*\)$/, '');

describe('three people walk a decided dossier, each in their own Agents Playground', () => {
  let dataDir: string | undefined;
  let running: BotUnderTest | undefined;
  const playgrounds: RunningPlayground[] = [];
  let browser: Browser | undefined;
  let teacher: PersonAtPlayground;
  let coordinator: PersonAtPlayground;
  let decisionMaker: PersonAtPlayground;
  let people: { teacher: MockUser; coordinator: MockUser; decisionMaker: MockUser };
  let school: SchoolConfig;

  beforeAll(async () => {
    // First, so a machine without Chromium gets the install command and nothing else.
    assertChromiumInstalled();
    mkdirSync(SCREENSHOTS, { recursive: true });
    mkdirSync(FAILURES, { recursive: true });

    // Who is who comes from the mock school and the mock tenant, not from this file.
    const schools = JSON.parse(
      readFileSync(path.join(ROOT, 'config', 'schools.local.json'), 'utf8'),
    ) as SchoolConfig[];
    const first = schools[0];
    if (!first) throw new Error('config/schools.local.json has no school');
    school = first;
    const users = mockUsers(readMockTenant());
    const byAad = (id: string | undefined): MockUser => {
      const user = users.find((u) => u.aadObjectId === id);
      if (!user) throw new Error(`No Playground user with aadObjectId ${id}`);
      return user;
    };
    // The teacher is the mock tenant's own current user (the first one read).
    people = {
      teacher: users[0] as MockUser,
      coordinator: byAad(school.coordinators[0]?.id),
      decisionMaker: byAad(school.decisionMaker.id),
    };

    // The bot: embedded SQLite in a temporary folder, the Playground's mock school, real clock. The
    // reminder sweep runs every 2 s so that a card to try again goes out in test time.
    dataDir = mkdtempSync(path.join(tmpdir(), 'meldcode-three-people-'));
    running = await startBot(dataDir, { REMINDER_INTERVAL_SECONDS: '2' });
    const endpoint = `${running.bot.server.url}/api/messages`;
    const three = [people.teacher, people.coordinator, people.decisionMaker];
    const keep = three.map((user) => user.aadObjectId);
    const started = await Promise.allSettled(
      three.map((user) => startPlaygroundAs(user, endpoint, dataDir as string, { keep })),
    );
    for (const result of started) if (result.status === 'fulfilled') playgrounds.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;

    browser = await launchChromium();
    const [asTeacher, asCoordinator, asDecisionMaker] = playgrounds as [
      RunningPlayground,
      RunningPlayground,
      RunningPlayground,
    ];
    teacher = await PersonAtPlayground.open(browser, 'the teacher', asTeacher, TIME_ZONE);
    coordinator = await PersonAtPlayground.open(browser, 'the zorgcoördinator', asCoordinator, TIME_ZONE);
    decisionMaker = await PersonAtPlayground.open(browser, 'the beslisser', asDecisionMaker, TIME_ZONE);
  }, 90_000);

  afterAll(async () => {
    await browser?.close().catch(() => undefined);
    await Promise.all(playgrounds.map((playground) => playground.stop()));
    await running?.bot.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  /** Runs one part of the walk as one person; on failure, says what that person and the bot saw. */
  async function part(person: PersonAtPlayground, name: string, work: () => Promise<void>): Promise<void> {
    person.effort.part(name);
    try {
      await work();
    } catch (error) {
      const file = `three-people-failed-${name.replace(/\W+/g, '-')}.png`;
      await person.page.screenshot({ path: path.join(FAILURES, file) }).catch(() => undefined);
      const cards = await person
        .cards()
        .allInnerTexts()
        .catch(() => [] as string[]);
      throw new Error(
        `"${name}" (${person.name}) failed: ${error instanceof Error ? error.message : String(error)}\n\n` +
          `Newest cards in ${person.name}'s chat:\n${cards.slice(-2).join('\n-----\n') || '(none)'}\n\n` +
          `Bot log (last lines):\n${tail(running?.logs ?? [], 12)}\n\n` +
          `Playground output (last lines):\n${tail(person.playground.output, 10)}\n\n` +
          `Screenshot: artifacts/screenshots/${file}`,
        { cause: error },
      );
    }
  }

  /**
   * Picks today in a date picker (the pop-up lists the month's days as buttons), unless the card
   * filled in today already: then a person leaves it as it is.
   */
  async function pickToday(person: PersonAtPlayground, picker: Locator): Promise<void> {
    const today = todayInSchool();
    const shown = `${await picker.inputValue().catch(() => '')} ${(await picker.textContent()) ?? ''}`;
    if (shown.includes(`${today.month} ${today.day}, ${today.year}`)) return;
    await person.click(picker, 'date picker');
    await person.click(
      person.page.getByRole('button', { name: `${today.day}, ${today.month}, ${today.year}`, exact: true }),
      'today',
    );
  }

  it('from the first signal to the confirmed decision, the beslisser arriving last', async () => {
    let step1Height = 0;
    const walkStarted = Date.now();
    const { year } = todayInSchool();
    const number = `MC-${year}-0001`;
    const coordinatorName = shortName(people.coordinator);
    const teacherName = shortName(people.teacher);
    const decisionMakerName = shortName(people.decisionMaker);
    /** The card the teacher works on: it keeps its place while notices arrive below it. */
    let working = 0;
    const card = (): Locator => teacher.cardAt(working);

    // ── The teacher ──────────────────────────────────────────────────────────────────────────
    await part(teacher, 'open a dossier', async () => {
      // A new user opens the app; the bot greets with the home card (no need to type hallo).
      await teacher.openPersonalChat();
      await teacher.cards().first().getByRole('button', { name: 'New dossier' }).waitFor();
      working = (await teacher.settle()) - 1;
      await teacher.click(card().getByRole('button', { name: 'New dossier' }), 'New dossier');
      await card().getByText('A quick check first').waitFor();
      await teacher.click(
        card().getByRole('button', { name: /^Yes: domestic violence or child abuse/ }),
        'route: meldcode',
      );
      await card().getByRole('button', { name: 'Open dossier' }).waitFor();
      await teacher.type(card().getByLabel(/^Pupil \(initials or pupil number\)/), 'AB', 'pupil');
      await teacher.type(card().getByLabel(/^Group or class/), '7b', 'group');
      await teacher.type(card().getByLabel(/^Age \(years\)/), '9', 'age');
      await teacher.click(card().getByRole('button', { name: 'Open dossier' }), 'Open dossier');
      await card().getByText(`Dossier ${number}`, { exact: true }).waitFor();
    });

    await part(teacher, 'step 1: a signal', async () => {
      await teacher.click(card().getByRole('button', { name: 'Open', exact: true }).nth(0), 'open step 1');
      await card()
        .getByText(/^Step 1 · /)
        .waitFor();
      // The tallest card of the walk: the signalenkaart, with the specific forms folded away.
      step1Height = (await card().boundingBox())?.height ?? 0;
      // A multi-select list renders as a dropdown with checkable items in a pop-up.
      await teacher.click(card().getByRole('combobox', { name: /^Physical/ }), 'category Physical');
      const signal = teacher.page.getByRole('menuitemcheckbox', {
        name: /^Bruises, burns or other injuries/,
      });
      await teacher.click(signal, 'signal');
      await waitUntil(
        'the signal to be ticked',
        async () => (await signal.getAttribute('aria-checked')) === 'true',
        5_000,
      );
      await teacher.page.keyboard.press('Escape');
      await pickToday(teacher, card().getByRole('combobox', { name: /^Date you saw or heard it/ }));
      await teacher.type(
        card().getByLabel(/^What did you see or hear/),
        'Blauwe plekken op beide bovenarmen.',
        'what was seen',
      );
      await teacher.click(card().getByLabel('My own observation'), 'source: own observation');
      await teacher.click(card().getByRole('button', { name: 'Record signal' }), 'Record signal');
      await card().getByText('Recorded.', { exact: true }).waitFor();
      expect(await card().innerText()).toMatch(/Map the signals\s+done/);
    });

    await part(teacher, 'step 2: ask for consultation', async () => {
      await teacher.click(card().getByRole('button', { name: 'Open', exact: true }).nth(1), 'open step 2');
      await card()
        .getByText(/^Step 2 · /)
        .waitFor();
      await teacher.click(
        card().getByRole('button', { name: /^Ask the care coordinator/ }),
        'ask the care coordinator',
      );
      const ask = card().getByRole('button', { name: 'Ask for consultation' });
      await ask.waitFor();
      // The school has one zorgcoördinator: the form has already chosen her.
      expect(await card().innerText()).toContain('Care coordinator');
      await teacher.type(
        card().getByLabel(/^Your question/),
        'Wil je meekijken naar de blauwe plekken?',
        'question',
      );
      await teacher.click(ask, 'Ask for consultation');
      await card().getByText(`Your question is on its way to ${coordinatorName}`, { exact: false }).waitFor();
    });

    // ── The zorgcoördinator, who has never talked to the bot ────────────────────────────────
    await part(coordinator, 'her home', async () => {
      await coordinator.openPersonalChat();
      await coordinator.settle();
      const home = coordinator.cardAt(0);
      const waiting = home.getByRole('button', { name: allOf(number, 'consultation') });
      await waiting.waitFor();
      expect(await home.innerText()).toContain('Waiting for you');
      await coordinator.screenshot(home, path.join(SCREENSHOTS, 'home-zorgcoordinator.png'));
    });

    await part(coordinator, 'accept and advise', async () => {
      const home = coordinator.cardAt(0);
      await coordinator.click(
        home.getByRole('button', { name: allOf(number, 'consultation') }),
        'the waiting consultation',
      );
      await home.getByText(`Consultation · ${number}`).waitFor();
      expect(await home.innerText()).toContain('Wil je meekijken naar de blauwe plekken?');
      await coordinator.click(home.getByRole('button', { name: 'Accept', exact: true }), 'Accept');
      await home.getByText(/^Accepted by /).waitFor();
      await coordinator.click(
        home.getByRole('button', { name: 'Record advice', exact: true }),
        'Record advice',
      );
      await coordinator.type(
        home.getByLabel(/^Your advice/),
        'Ga met de ouders en de leerling in gesprek; ik sluit aan.',
        'advice',
      );
      await coordinator.click(home.getByRole('button', { name: 'Save advice', exact: true }), 'Save advice');
      await home.getByText(/^Advice recorded by /).waitFor();
    });

    // ── The teacher again: told of the advice, on to the decision ─────────────────────────────
    await part(teacher, 'the advice arrives', async () => {
      working = await teacher.waitForCard(allOf(number, coordinatorName, 'advice'), { after: working });
      await teacher.click(card().getByRole('button', { name: 'Open dossier' }), 'Open dossier (notice)');
      await card().getByText(`Dossier ${number}`, { exact: true }).waitFor();
      expect(await card().innerText()).toMatch(/Consult a colleague\s+done/);
    });

    await part(teacher, 'step 3: the conversation', async () => {
      await teacher.click(card().getByRole('button', { name: 'Open', exact: true }).nth(2), 'open step 3');
      await card()
        .getByText(/^Step 3 · /)
        .waitFor();
      await teacher.click(
        card().getByRole('button', { name: 'Record conversation' }),
        'Record conversation (open the form)',
      );
      await pickToday(teacher, card().getByRole('combobox', { name: /^Date of the conversation/ }));
      // "The pupil" is ticked already: the usual conversation at school.
      await teacher.type(
        card().getByLabel(/^What was said/),
        'Hij zegt dat hij van de trap viel.',
        'what was said',
      );
      await teacher.type(card().getByLabel(/^What is the outcome/), 'De zorgen blijven.', 'outcome');
      await teacher.click(
        card().getByRole('button', { name: 'Save the conversation' }),
        'Save the conversation',
      );
      await card().getByText('Recorded.', { exact: true }).waitFor();
      expect(await card().innerText()).toMatch(/Talk with the parents and\/or the pupil\s+done/);
    });

    await part(teacher, 'step 4: the weighing', async () => {
      await teacher.click(card().getByRole('button', { name: 'Open', exact: true }).nth(3), 'open step 4');
      await card()
        .getByText(/^Step 4 · /)
        .waitFor();
      const answer = async (question: RegExp, choice: 'Yes' | 'No', what: string): Promise<void> =>
        teacher.click(
          card().getByRole('radiogroup', { name: question }).getByLabel(choice, { exact: true }),
          what,
        );
      await answer(/^Is there a suspicion/, 'Yes', 'suspicion: yes');
      await answer(/^Is there acute unsafety/, 'No', 'acute: no');
      await answer(/^Is there structural unsafety/, 'Yes', 'structural: yes');
      await teacher.type(
        card().getByLabel(/^Reasoning/),
        'Herhaald letsel; de uitleg klopt niet.',
        'reasoning',
      );
      await teacher.click(card().getByRole('button', { name: 'Record weighing' }), 'Record weighing');
      await card().getByText('Recorded.', { exact: true }).waitFor();
      expect(await card().innerText()).toMatch(/Weigh\s+done/);
    });

    await part(teacher, 'step 5: the decision', async () => {
      await teacher.click(card().getByRole('button', { name: 'Open', exact: true }).nth(4), 'open step 5');
      await card()
        .getByText(/^Question 1 of /)
        .waitFor();
      const yes = (): Locator =>
        card()
          .getByRole('radiogroup', { name: /^Your answer/ })
          .getByLabel('Yes', { exact: true });
      await teacher.click(yes(), 'question 1: yes');
      await teacher.type(
        card().getByLabel(/^Why\? Explain your answer/),
        'Letsel en uitleg passen niet bij elkaar.',
        'why (1)',
      );
      await teacher.click(card().getByRole('button', { name: 'Record answer' }), 'Record answer (1)');
      await card()
        .getByText(/^Question 2 of /)
        .waitFor();
      // The card may start from the weighing's answer; a person clicks only when it does not.
      if (!(await yes().isChecked())) await teacher.click(yes(), 'question 2: yes');
      await teacher.type(
        card().getByLabel(/^Why\? Explain your answer/),
        'Het letsel komt steeds terug.',
        'why (2)',
      );
      await teacher.click(card().getByRole('button', { name: 'Record answer' }), 'Record answer (2)');
      await card().getByText('Outcome: report to Veilig Thuis').waitFor();
      expect(await card().innerText()).toContain(decisionMakerName);
    });

    // ── The card to confirm waits: the bot has never talked with the beslisser ──────────────────
    const store = (running as BotUnderTest).bot.store;
    const [summary] = await store.openDossiersOfOwner('de-linde', people.teacher.aadObjectId);
    if (!summary) throw new Error('The teacher has no open dossier in the store.');
    await waitUntil(
      'a first, failed attempt to bring the beslisser his card',
      async () => {
        const dossier = (await store.getDossier(summary.schoolId, summary.id))?.value;
        return (dossier?.outbox ?? []).some(
          (item) =>
            item.effect.type === 'askForConfirmation' && (item.attempts > 0 || item.waitingFor !== undefined),
        );
      },
      20_000,
    );
    expect(await store.getConversation(school.tenantId, people.decisionMaker.aadObjectId)).toBeUndefined();

    // ── The beslisser opens the bot for the first time ───────────────────────────────────────
    let cardWaitedMs = 0;
    let decisionMakerHome = -1;
    await part(decisionMaker, 'his first hallo', async () => {
      await decisionMaker.openPersonalChat();
      await decisionMaker.settle();
      await decisionMaker.say('hallo');
      decisionMakerHome = await decisionMaker.indexOfLast(/^Reporting code for domestic violence/);
      const home = decisionMaker.cardAt(decisionMakerHome);
      await home.getByRole('button', { name: allOf(number, 'confirm', teacherName) }).waitFor();
      expect(await home.innerText()).toContain('Waiting for you');
      await decisionMaker.screenshot(home, path.join(SCREENSHOTS, 'home-beslisser.png'));
    });

    await part(decisionMaker, 'the card that waited, confirmed', async () => {
      const since = Date.now();
      // In his chat, a message of its own: the card that waited for him. It goes out as soon as he
      // talks to the bot, so it may stand above or below his home card.
      const at = await decisionMaker.waitForCard(allOf(number, 'confirm', 'report to Veilig Thuis'), {
        timeoutMs: CARD_WAIT_MS,
      });
      cardWaitedMs = Date.now() - since;
      const confirmation = decisionMaker.cardAt(at);
      expect(await confirmation.innerText()).toContain('Outcome: report to Veilig Thuis');
      await decisionMaker.click(
        confirmation.getByRole('button', { name: 'Confirm', exact: true }),
        'Confirm (open)',
      );
      await decisionMaker.click(
        confirmation.getByRole('button', { name: 'Confirm the decision', exact: true }),
        'Confirm the decision',
      );
      await confirmation.getByText(`Confirmed by ${decisionMakerName}`, { exact: false }).waitFor();
    });

    // ── The teacher hears it ────────────────────────────────────────────────────────────────
    await part(teacher, 'the confirmation arrives', async () => {
      const at = await teacher.waitForCard(allOf(number, decisionMakerName, 'confirmed'), { after: working });
      expect(await teacher.cardAt(at).innerText()).toContain(decisionMakerName);
    });
    const walkMs = Date.now() - walkStarted;

    // Beyond the walk, not counted: the teacher's home with her dossier, for the screenshot.
    await teacher.say('hallo', { counted: false });
    const home = teacher.cardAt(await teacher.indexOfLast(/^Reporting code for domestic violence/));
    await home.getByText(number, { exact: false }).first().waitFor();
    await teacher.screenshot(home, path.join(SCREENSHOTS, 'home-teacher.png'));

    /** What became of each attempt to bring the beslisser his card, from the bot's log (ids only). */
    const confirmationAttempts = (): string[] =>
      (running?.logs ?? [])
        .join('')
        .split('\n')
        .filter((line) => line.includes(':askForConfirmation'))
        .flatMap((line) => {
          const entry = JSON.parse(line) as { outcome?: unknown };
          return typeof entry.outcome === 'string' ? [entry.outcome] : [];
        });
    const effort = teacher.effort;
    console.log(
      [
        `The teacher's effort for the shortest decided dossier (signal → consultation → conversation → ` +
          `weighing → decision → confirmed), as this walk did it:`,
        effort.table(),
        `  = ${effort.clicks.length} clicks and ${effort.typed.length} typed fields ` +
          `(goal of issue 11: at most ${GOAL.clicks} and ${GOAL.typed}; before: ${BEFORE.clicks} and ${BEFORE.typed}).`,
        `  Clicks: ${effort.clicks.join(', ')}.`,
        `  Typed: ${effort.typed.join(', ')}.`,
        `The zorgcoördinator: ${coordinator.effort.clicks.length} clicks, ${coordinator.effort.typed.length} typed; ` +
          `the beslisser: ${decisionMaker.effort.clicks.length} clicks, ${decisionMaker.effort.typed.length} typed.`,
        `The beslisser's card arrived ${(cardWaitedMs / 1000).toFixed(1)} s after his hallo (its attempts: ` +
          `${confirmationAttempts().join(' → ')}); the walk took ${(walkMs / 1000).toFixed(1)} s.`,
        `The step-1 card (signalenkaart) is ${Math.round(step1Height)} px tall in the Playground.`,
      ].join('\n'),
    );
    // Never worse than before issue 11 (the goal itself is the to reach, and printed above).
    expect(effort.clicks.length).toBeLessThanOrEqual(BEFORE.clicks);
    expect(effort.typed.length).toBeLessThanOrEqual(BEFORE.typed);
  }, 150_000);
});
