// `npm run cards:preview`: one PNG per screen in artifacts/cards/, drawn by the real Adaptive Cards
// renderer (adaptivecards 3.0.6) in headless Chromium with a Teams-like light theme, 500 px wide.
//
// The cards come from the real bot: it runs on loopback (embedded store, fake Bot Connector, as
// in the end-to-end tests), a realistic dossier is opened and given two signals, and each screen
// is reached by posting the same card actions (invokes) Teams would post. What is drawn is the
// card the bot answered with, so a preview shows exactly what a user gets.
//
//   npm run cards:preview                  every screen (Dutch; English too for a few)
//   npm run cards:preview -- signalen about  only these screens
//   npm run cards:preview -- --docs        also copy the README's screenshots to docs/screenshots/
//   npm run cards:preview -- --role-name intern-begeleider   a school with its own word for the role
//
// A screen whose verb the bot does not know yet is skipped with a note; adding a screen is one
// line in SCREENS below. The renderer's warnings (e.g. a required input without an errorMessage)
// are printed under each screen, and every card's JSON is written beside its PNG.
//
// One known difference with Teams: adaptivecards.js always draws a multi-select Input.ChoiceSet
// as a list of checkboxes, where Teams draws `"style": "compact"` as a dropdown — the signal list
// is much taller here than in Teams (see docs/screenshots/playground-5-signalen.png for Teams).

import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { t, type Language } from '../src/i18n';
import { cardText, invokeCard, startHarness, type Harness } from '../test/support/bot-harness';
import { SCHOOL, colleague, invoke, teacher, type TestUser } from '../test/support/teams';
import { assertChromiumInstalled, launchChromium } from './preview/chromium';

type Data = Record<string, unknown>;
type Step = [verb: string, data: Data];

interface Screen {
  /** File name: artifacts/cards/<name>.png (and <name>-en.png). */
  name: string;
  /** The card actions that lead there; the card answering the last one is drawn. */
  steps: Step[];
  /** Also draw the English card. */
  en?: boolean;
  /** Who clicks (default: the teacher who owns the dossier). */
  as?: TestUser;
  /** The screen is meant to be an error card. */
  error?: boolean;
}

/** Placeholders for the seeded dossier, filled in before each action is posted. */
const DOSSIER = { schoolId: '{schoolId}', dossierId: '{dossierId}' };

const SCREENS: Screen[] = [
  { name: 'welcome', en: true, steps: [['showHome', {}]] },
  { name: 'about', steps: [['showAbout', {}]] },
  { name: 'route-check', steps: [['startNewDossier', {}]] },
  { name: 'other-route', steps: [['chooseRoute', { route: 'medewerker' }]] },
  { name: 'new-dossier', en: true, steps: [['chooseRoute', { route: 'meldcode' }]] },
  {
    name: 'new-dossier-refused',
    steps: [['openDossier', { pupilReference: 'Jan de Vries', group: '7b', age: '9' }]],
  },
  { name: 'my-dossiers', steps: [['showMyDossiers', {}]] },
  { name: 'dossier', en: true, steps: [['showDossier', DOSSIER]] },
  { name: 'signalen', en: true, steps: [['showStep', { ...DOSSIER, step: 'signalen' }]] },
  { name: 'consultatie', steps: [['showStep', { ...DOSSIER, step: 'consultatie' }]] },
  { name: 'gesprek', steps: [['showStep', { ...DOSSIER, step: 'gesprek' }]] },
  { name: 'wegen', steps: [['showStep', { ...DOSSIER, step: 'wegen' }]] },
  { name: 'beslissen', steps: [['showStep', { ...DOSSIER, step: 'beslissen' }]] },
  { name: 'contact', steps: [['showContactForm', DOSSIER]] },
  { name: 'chronology', steps: [['showChronology', { ...DOSSIER, page: 1 }]] },
  { name: 'close', steps: [['showCloseForm', DOSSIER]] },
  { name: 'export', steps: [['exportDossier', DOSSIER]] },
  { name: 'consultation-request', steps: [['showConsultationRequest', DOSSIER]] },
  { name: 'my-consultations', steps: [['showMyConsultations', {}]] },
  // A colleague who is not involved tries to open the dossier.
  { name: 'error', error: true, as: colleague, steps: [['showDossier', DOSSIER]] },
];

/** The README's screenshots, copied to docs/screenshots/ with --docs. */
const DOCS_SCREENSHOTS = ['welcome', 'dossier', 'signalen', 'new-dossier-refused'];

/** A fixed clock, so dates on the previews do not change from run to run. */
const NOW = new Date('2026-11-16T10:00:00+01:00');

/** The dossier every dossier screen shows: opened by the teacher, with two signals. */
const SEED: Step[] = [
  [
    'openDossier',
    {
      pupilReference: 'AB',
      group: '7b',
      age: '9',
      firstDescription: 'Blauwe plekken op de bovenarmen gezien bij de gymles.',
    },
  ],
  [
    'recordSignal',
    {
      ...DOSSIER,
      signals_lichamelijk: 'letsel-onlogische-plek,letsel-herkenbare-vorm',
      observedOn: '2026-11-13',
      place: 'gymzaal',
      description: 'Blauwe plekken op beide bovenarmen, in de vorm van vingers.',
      source: 'verteld-door-ander',
      sourceName: 'gymdocent',
      pointsOtherWay: 'false',
    },
  ],
  [
    'recordSignal',
    {
      ...DOSSIER,
      'signals_gedrag-emotioneel': 'teruggetrokken',
      observedOn: '2026-11-16',
      place: 'klas',
      description: 'Zit in de pauze alleen en zegt weinig; dat is nieuw sinds twee weken.',
      source: 'eigen-waarneming',
      pointsOtherWay: 'false',
    },
  ],
];

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'artifacts', 'cards');
const DOCS = path.join(ROOT, 'docs', 'screenshots');
const RENDERER = path.join(ROOT, 'node_modules', 'adaptivecards', 'dist');
const LOCALES: Record<Language, string> = { nl: 'nl-NL', en: 'en-US' };

interface DossierRef {
  schoolId: string;
  dossierId: string;
}

function fill(data: Data, ref: DossierRef): Data {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [
      key,
      value === '{schoolId}' ? ref.schoolId : value === '{dossierId}' ? ref.dossierId : value,
    ]),
  );
}

type Outcome =
  | { kind: 'card'; card: Record<string, unknown> }
  | { kind: 'skipped'; why: string }
  | { kind: 'failed'; why: string };

async function reach(
  h: Harness,
  steps: Step[],
  language: Language,
  ref: DossierRef,
  user: TestUser = teacher,
): Promise<Outcome> {
  let card: Record<string, unknown> | undefined;
  for (const [verb, data] of steps) {
    const response = await h.post(invoke(user, h.connector.url, verb, fill(data, ref), LOCALES[language]));
    try {
      card = invokeCard(response.body);
    } catch {
      return { kind: 'failed', why: `${verb} answered HTTP ${response.status} without a card` };
    }
    if (cardText(card).includes(t(language, 'error.unknownVerb'))) {
      return { kind: 'skipped', why: `the bot does not know the verb ${verb} yet` };
    }
  }
  return card ? { kind: 'card', card } : { kind: 'failed', why: 'no steps' };
}

function isErrorCard(card: Record<string, unknown>, language: Language): boolean {
  return cardText(card).split('\n')[0] === t(language, 'error.title');
}

async function seed(h: Harness): Promise<DossierRef> {
  const [open, ...signals] = SEED;
  if (!open) throw new Error('SEED must start with openDossier.');
  const opened = await reach(h, [open], 'nl', { schoolId: '', dossierId: '' });
  if (opened.kind !== 'card')
    throw new Error(`Could not open the preview dossier: ${JSON.stringify(opened)}`);
  const [summary] = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
  if (!summary) throw new Error('The preview dossier was not saved.');
  const ref = { schoolId: summary.schoolId, dossierId: summary.id };
  for (const step of signals) {
    const outcome = await reach(h, [step], 'nl', ref);
    if (outcome.kind !== 'card' || !cardText(outcome.card).includes(t('nl', 'dossier.recorded'))) {
      throw new Error(`Seeding ${step[0]} did not record: ${JSON.stringify(outcome).slice(0, 2000)}`);
    }
  }
  return ref;
}

const PAGE =
  '<!doctype html><html lang="nl"><head><meta charset="utf-8"></head><body><div id="shot"><div id="frame"></div></div></body></html>';

async function openPreviewPage(page: Page): Promise<void> {
  await page.setContent(PAGE);
  await page.addStyleTag({ path: path.join(RENDERER, 'adaptivecards.css') });
  await page.addStyleTag({ path: path.join(__dirname, 'preview', 'teams.css') });
  await page.addScriptTag({ path: path.join(RENDERER, 'adaptivecards.js') });
  await page.addScriptTag({ path: path.join(__dirname, 'preview', 'page.js') });
}

async function draw(page: Page, card: Record<string, unknown>, file: string): Promise<string[]> {
  // The card goes in as JSON text: the page function is plain browser code (preview/page.js).
  const warnings = await page.evaluate<string[]>(`window.renderCard(${JSON.stringify(card)})`);
  await page.locator('#shot').screenshot({ path: file });
  return warnings;
}

function tally(lines: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of lines) counts.set(line, (counts.get(line) ?? 0) + 1);
  return counts;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const copyToDocs = args.includes('--docs');
  const roleAt = args.indexOf('--role-name');
  const roleName = roleAt === -1 ? undefined : args[roleAt + 1];
  const only = args.filter((arg, i) => !arg.startsWith('--') && (roleAt === -1 || i !== roleAt + 1));
  const unknown = only.filter((name) => !SCREENS.some((screen) => screen.name === name));
  if (unknown.length)
    throw new Error(
      `No such screen: ${unknown.join(', ')}. Screens: ${SCREENS.map((s) => s.name).join(', ')}`,
    );
  assertChromiumInstalled();
  mkdirSync(OUT, { recursive: true });

  const h = await startHarness({ now: NOW, ...(roleName ? { schools: [{ ...SCHOOL, roleName }] } : {}) });
  const browser = await launchChromium();
  const written: string[] = [];
  const problems: string[] = [];
  try {
    const ref = await seed(h);
    const page = await browser.newPage({ viewport: { width: 560, height: 900 } });
    await openPreviewPage(page);

    for (const screen of SCREENS) {
      if (only.length && !only.includes(screen.name)) continue;
      const languages: Language[] = screen.en ? ['nl', 'en'] : ['nl'];
      for (const language of languages) {
        const name = language === 'nl' ? screen.name : `${screen.name}-${language}`;
        const outcome = await reach(h, screen.steps, language, ref, screen.as);
        if (outcome.kind === 'skipped') {
          console.log(`- ${name}: skipped, ${outcome.why}`);
          continue;
        }
        if (outcome.kind === 'failed' || (!screen.error && isErrorCard(outcome.card, language))) {
          const why = outcome.kind === 'failed' ? outcome.why : `the bot answered with an error card`;
          const text = outcome.kind === 'card' ? `: ${cardText(outcome.card).replace(/\n/g, ' | ')}` : '';
          problems.push(`${name}: ${why}${text}`);
          console.log(`! ${name}: ${why}${text}`);
          continue;
        }
        const json = JSON.stringify(outcome.card, null, 2);
        writeFileSync(path.join(OUT, `${name}.json`), `${json}\n`);
        const file = path.join(OUT, `${name}.png`);
        const warnings = await draw(page, outcome.card, file);
        written.push(name);
        const size = `${(Buffer.byteLength(JSON.stringify(outcome.card)) / 1024).toFixed(1)} KB`;
        console.log(`✓ ${path.relative(ROOT, file)} (${size} of JSON)`);
        for (const [warning, count] of tally(warnings)) {
          console.log(`    renderer: ${warning}${count > 1 ? ` (${count}×)` : ''}`);
        }
      }
    }
  } finally {
    await browser.close();
    await h.stop();
  }

  if (copyToDocs) {
    mkdirSync(DOCS, { recursive: true });
    for (const name of DOCS_SCREENSHOTS.filter((n) => written.includes(n))) {
      copyFileSync(path.join(OUT, `${name}.png`), path.join(DOCS, `card-${name}.png`));
      console.log(`  copied to docs/screenshots/card-${name}.png`);
    }
  }
  console.log(`\n${written.length} preview(s) in ${path.relative(ROOT, OUT)}/`);
  if (problems.length) {
    console.error(`${problems.length} screen(s) did not come out as expected:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
