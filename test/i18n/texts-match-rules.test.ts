// One text per rule, and its numbers from the rule. A text that states a number of a meldcode rule
// (the ages 12 and 16, Veilig Thuis's 5 working days, the school-age bounds, the reminder periods, the
// question the tree leads to) has a placeholder that the view fills from the rule's constant. These
// tests fail when someone types the number into a text, when a text and its constant disagree, and
// when a second wording of an afwegingsvraag appears.

import { CATALOGUES, t, type Language, type MessageKey } from '../../src/i18n';
import {
  AFWEGINGSKADER,
  AFWEGINGSVRAGEN,
  DEFAULT_REMINDER_SETTINGS,
  DISCUSS_WITH_PARENTS_UNDER_AGE,
  DISCUSS_WITH_PUPIL_FROM_AGE,
  PUPIL_MAX_AGE,
  PUPIL_MIN_AGE,
  SPECIFIC_FORMS,
  type Afwegingsvraag,
  type ReminderKind,
} from '../../src/domain';
import {
  FOLLOW_UP_QUESTION,
  VEILIG_THUIS_ASSESSMENT_WORKING_DAYS,
  nextQuestionAfter,
} from '../../src/domain/afwegingskader';
import {
  aboutView,
  beslissenView,
  hulpView,
  meldenView,
  refusalMessage,
  reminderView,
  settingsView,
  emptyForm,
} from '../../src/cards/views';
import { afwegingsvraagTexts } from '../../src/cards/views/beslissen-common';
import { DOSSIERS, NOW, SCHOOL, told } from '../cards/dossiers';
import { answers, cmd, stepsOneToFour } from '../domain/given';

const LANGUAGES: readonly Language[] = ['nl', 'en'];
const KEYS = Object.keys(CATALOGUES.nl) as MessageKey[];
const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
/** A number standing on its own in a text: "12" in "12 jaar", not in "MC-2026-0012" or "0800-2000". */
const statesNumber = (text: string, n: number): boolean => new RegExp(`(^|[^\\d-])${n}(?![\\d-])`).test(text);

/**
 * The texts that state a number of a rule: the placeholder that carries it, the constant, and the
 * text as a person reads it (the view's own output where a view fills it in).
 */
interface RuleText {
  key: MessageKey;
  placeholder: string;
  value: number;
  shown: (language: Language) => string;
}

const reminder = (kind: ReminderKind) => (language: Language) =>
  reminderView(language, {
    key: `dossier-1:${kind}:1:owner`,
    kind,
    schoolId: SCHOOL.id,
    dossierId: 'dossier-1',
    dossierNumber: 'MC-2026-0001',
    step: 'beslissen',
  });
const reportedWithoutFeedback = told({
  acts: [...stepsOneToFour(), ...answers(true, true), cmd.recordReport()],
});
/** What a card shows: the view model without its raw texts (which keep their placeholders). */
const shownOn = (view: Record<string, unknown>): string => {
  const { t: _raw, ...shown } = view;
  return JSON.stringify(shown);
};
/** The lines under the outcome on the step-5 card (report, feedback, help plan, follow-up). */
const statusLines = (view: Record<string, unknown>): string =>
  (view.outcomeStatus as { line: string }[]).map((l) => l.line).join('\n');
const settingsText = (language: Language): string => shownOn(settingsView(language, [SCHOOL]));

const RULE_TEXTS: RuleText[] = [
  {
    key: 'melden.pupilRule',
    placeholder: 'age',
    value: DISCUSS_WITH_PUPIL_FROM_AGE,
    shown: (l) =>
      String((meldenView(l, DOSSIERS.thirteen, NOW, emptyForm).t as Record<string, string>).pupilRule),
  },
  {
    key: 'melden.parentsRule',
    placeholder: 'age',
    value: DISCUSS_WITH_PARENTS_UNDER_AGE,
    shown: (l) =>
      String((meldenView(l, DOSSIERS.thirteen, NOW, emptyForm).t as Record<string, string>).parentsRule),
  },
  {
    key: 'melden.feedbackHint',
    placeholder: 'days',
    value: VEILIG_THUIS_ASSESSMENT_WORKING_DAYS,
    shown: (l) =>
      String((meldenView(l, DOSSIERS.melden, NOW, emptyForm).t as Record<string, string>).feedbackHint),
  },
  {
    key: 'beslissen.noFeedback',
    placeholder: 'days',
    value: VEILIG_THUIS_ASSESSMENT_WORKING_DAYS,
    shown: (l) => statusLines(beslissenView(l, reportedWithoutFeedback, NOW, emptyForm)),
  },
  ...(
    [
      ['from', nextQuestionAfter(2, false)],
      ['to', AFWEGINGSVRAGEN[AFWEGINGSVRAGEN.length - 1]],
    ] as const
  ).map(([placeholder, value]): RuleText => ({
    key: 'beslissen.outcomeText.melden.2',
    placeholder,
    value: value ?? Number.NaN,
    shown: (l) => String(beslissenView(l, DOSSIERS.melden, NOW, emptyForm).outcomeText),
  })),
  {
    key: 'reminder.kind.reportFeedback',
    placeholder: 'days',
    value: VEILIG_THUIS_ASSESSMENT_WORKING_DAYS,
    shown: (l) => String(reminder('reportFeedback')(l).text),
  },
  {
    key: 'refusal.pupilAgeOutOfRange',
    placeholder: 'min',
    value: PUPIL_MIN_AGE,
    shown: (l) => refusalMessage(l, { code: 'pupilAgeOutOfRange' }),
  },
  {
    key: 'refusal.pupilAgeOutOfRange',
    placeholder: 'max',
    value: PUPIL_MAX_AGE,
    shown: (l) => refusalMessage(l, { code: 'pupilAgeOutOfRange' }),
  },
  {
    key: 'reminder.kind.helpFollowUp',
    placeholder: 'question',
    value: FOLLOW_UP_QUESTION,
    shown: (l) => String(reminder('helpFollowUp')(l).text),
  },
  {
    key: 'reminder.answerFive',
    placeholder: 'question',
    value: FOLLOW_UP_QUESTION,
    shown: (l) => String((reminder('helpFollowUp')(l).t as Record<string, string>).answerFive),
  },
  {
    key: 'beslissen.q5Later',
    placeholder: 'question',
    value: FOLLOW_UP_QUESTION,
    shown: (l) => statusLines(beslissenView(l, DOSSIERS.helpPlanned, NOW, emptyForm)),
  },
  {
    key: 'hulp.guidance',
    placeholder: 'question',
    value: FOLLOW_UP_QUESTION,
    shown: (l) =>
      String((hulpView(l, DOSSIERS.helpPlanned, NOW, emptyForm).t as Record<string, string>).guidance),
  },
  {
    key: 'hulp.followUpHint',
    placeholder: 'question',
    value: FOLLOW_UP_QUESTION,
    shown: (l) =>
      String((hulpView(l, DOSSIERS.helpPlanned, NOW, emptyForm).t as Record<string, string>).followUpHint),
  },
  ...(
    [
      ['stalled', DEFAULT_REMINDER_SETTINGS.stalledStepWorkingDays],
      ['consultation', DEFAULT_REMINDER_SETTINGS.consultationWorkingDays],
      ['escalation', DEFAULT_REMINDER_SETTINGS.consultationEscalationWorkingDays],
      ['feedback', DEFAULT_REMINDER_SETTINGS.reportFeedbackWorkingDays],
    ] as const
  ).map(([placeholder, value]): RuleText => ({
    key: 'settings.remindersText',
    placeholder,
    value,
    shown: settingsText,
  })),
];

describe('texts that state a number of a rule', () => {
  describe.each(LANGUAGES)('in %s', (language) => {
    it.each(RULE_TEXTS.map((r) => [r.key, r.placeholder, r] as const))(
      '%s carries {%s} instead of the number',
      (key, placeholder, rule) => {
        const text = CATALOGUES[language][key];
        expect(placeholders(text)).toContain(placeholder);
        expect(statesNumber(text, rule.value)).toBe(false);
      },
    );

    it.each(RULE_TEXTS.map((r) => [r.key, r.value, r] as const))(
      '%s shows %s, the value of the rule, where a person reads it',
      (key, value, rule) => {
        const shown = rule.shown(language);
        expect(statesNumber(shown, value)).toBe(true);
        expect(shown).not.toMatch(/\{(age|days|min|max|question|next|count|from|to)\}/);
      },
    );
  });

  it('has Veilig Thuis feedback reminded, by default, when the law says it is due', () => {
    expect(DEFAULT_REMINDER_SETTINGS.reportFeedbackWorkingDays).toBe(VEILIG_THUIS_ASSESSMENT_WORKING_DAYS);
  });

  it('asks at the follow-up the question the tree leads to after "help"', () => {
    const [afterHelp] = AFWEGINGSVRAGEN.filter((q) => AFWEGINGSKADER[q].ja.outcome === 'hulp');
    expect(afterHelp).toBeDefined();
    expect(FOLLOW_UP_QUESTION).toBe(AFWEGINGSKADER[afterHelp as Afwegingsvraag].ja.next);
  });

  // A number typed next to an age or a time span, in any text: it belongs in a rule's constant.
  const TYPED_SPAN =
    /(\b\d+|\b(twaalf|zestien|vijf|tien|drie|twelve|sixteen|five|ten|three))\s*(jaar|jr\b|werkdag|working day|years?\b|dagen|days?\b|weken|weeks?\b|maanden|months?\b)/i;
  // An age after "from", "under" …: followed by years, a comma or full stop, or "or older".
  const TYPED_AGE =
    /(vanaf|jonger dan|ouder dan|from|younger than|older than|under)\s+\d+(\s*(jaar|jr\b|years?\b)|[:.,;)]|\s+(of|or)\s|$)/i;

  it.each(LANGUAGES)('types no age or number of days into any %s text', (language) => {
    const typed = KEYS.map((key) => [key, CATALOGUES[language][key]] as const).filter(
      ([, text]) => TYPED_SPAN.test(text) || TYPED_AGE.test(text),
    );
    expect(typed).toEqual([]);
  });

  it('would notice a typed number (the checks above are not blind)', () => {
    expect(TYPED_SPAN.test('De leerling is 12 jaar of ouder')).toBe(true);
    expect(TYPED_SPAN.test('binnen vijf werkdagen')).toBe(true);
    expect(TYPED_AGE.test('The pupil is younger than 16.')).toBe(true);
    expect(TYPED_AGE.test('vanaf 12 of ouder')).toBe(true);
    expect(statesNumber('binnen 5 werkdagen', 5)).toBe(true);
    expect(statesNumber('MC-2026-0005', 5)).toBe(false);
  });
});

describe('the forms that always need Veilig Thuis advice', () => {
  it.each(LANGUAGES)(
    "are named on the about card in %s from the rule's own list, every one of them",
    (language) => {
      expect(placeholders(CATALOGUES[language]['about.step.consultatie'])).toEqual(['forms']);
      const steps = aboutView(language).steps as { text: string }[];
      const consultation = steps.find((step) => step.text.includes('Veilig Thuis'))?.text ?? '';
      for (const form of SPECIFIC_FORMS)
        expect(consultation).toContain(t(language, `form.specificForm.${form}`).toLowerCase());
    },
  );
});

describe('the five afwegingsvragen', () => {
  const FAMILY = ['question', 'short', 'help'] as const;

  it.each(AFWEGINGSVRAGEN)('question %s has one key family, in both languages', (question) => {
    for (const language of LANGUAGES)
      for (const part of FAMILY)
        expect(CATALOGUES[language][`afwegingsvraag.${question}.${part}`]).toBeTruthy();
  });

  it('have no second wording anywhere in the catalogue', () => {
    // Every other question in the catalogue that reads like one of them (most of its words the same)
    // is a copy that will drift: card, export and reminder must all use afwegingsvraag.N.question.
    // Step 4 (wegen) asks the step plan's own weighing questions, which questions 1 and 2 build on:
    // they are another rule and keep their words.
    const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}{4,}/gu) ?? []);
    const overlap = (a: Set<string>, b: Set<string>) =>
      [...a].filter((w) => b.has(w)).length / Math.max(a.size, 1);
    for (const language of LANGUAGES) {
      const copies: string[] = [];
      for (const question of AFWEGINGSVRAGEN) {
        const own = words(CATALOGUES[language][`afwegingsvraag.${question}.question`]);
        for (const key of KEYS) {
          if (key.startsWith(`afwegingsvraag.${question}.`) || key.startsWith('wegen.')) continue;
          const text = CATALOGUES[language][key];
          if (text.includes('?') && overlap(own, words(text)) >= 0.75)
            copies.push(`${key} copies question ${question}`);
        }
      }
      expect(copies).toEqual([]);
    }
  });

  it.each(LANGUAGES)('read the same on the step-5 card and the reminder card (%s)', (language) => {
    const onCard = (dossier: Parameters<typeof beslissenView>[1]) =>
      beslissenView(language, dossier, NOW, emptyForm).questionText;
    // Step 5 with steps 1–4 done asks question 1; the help path after its follow-up asks question 5.
    expect(onCard(DOSSIERS.stepsDone)).toBe(t(language, 'afwegingsvraag.1.question'));
    expect(onCard(DOSSIERS.followedUp)).toBe(t(language, `afwegingsvraag.${FOLLOW_UP_QUESTION}.question`));
    const onReminder = (reminder('helpFollowUp')(language).t as Record<string, string>).questionFive;
    expect(onReminder).toBe(onCard(DOSSIERS.followedUp));
  });

  it.each(AFWEGINGSVRAGEN)('question %s names in its help the question the tree goes on to', (question) => {
    const next = AFWEGINGSKADER[question].ja.next ?? AFWEGINGSKADER[question].nee.next;
    for (const language of LANGUAGES) {
      const raw = CATALOGUES[language][`afwegingsvraag.${question}.help`];
      expect(placeholders(raw).includes('next')).toBe(next !== null);
      if (next !== null) expect(statesNumber(afwegingsvraagTexts(language, question).help, next)).toBe(true);
    }
  });
});

describe('the catalogues', () => {
  it('have the same keys in Dutch and English', () => {
    expect(Object.keys(CATALOGUES.en).sort()).toEqual(Object.keys(CATALOGUES.nl).sort());
  });

  it('have the same placeholders in Dutch and English for every key', () => {
    const differ = KEYS.filter(
      (key) => placeholders(CATALOGUES.nl[key]).join() !== placeholders(CATALOGUES.en[key]).join(),
    );
    expect(differ).toEqual([]);
  });
});
