// The table of the card contract: every screen, the template it renders, and its real view model
// fed with a fixture. One list for the dossiers in every state, one for the worst case.

import type { Language, MessageKey } from '../../src/i18n';
import { t } from '../../src/i18n';
import { SNOOZE_PERIODS, consultations, decisionConfirmation, type Dossier } from '../../src/domain';
import type { DossierSummary } from '../../src/store/store';
import {
  settingsView,
  reminderView,
  weeklyOverviewView,
  aboutView,
  accessView,
  beslissenView,
  chronologyPages,
  chronologyView,
  closeView,
  coOwnerView,
  consultatieView,
  consultationRequestView,
  consultationView,
  contactView,
  decisionConfirmationView,
  dossierView,
  errorView,
  exportView,
  gesprekView,
  handoverView,
  homeView,
  hulpView,
  meldenView,
  myConsultationsView,
  myDossiersView,
  newDossierView,
  noticeView,
  otherRouteView,
  routeCheckView,
  signalenView,
  wegenView,
  type FormState,
  type ListedDossier,
  type ViewData,
} from '../../src/cards/views';
import { DOSSIERS, NOW, SCHOOL, heavy, told, type DossierState } from './dossiers';
import { cmd } from '../domain/given';
import { NAME_MAX_LENGTH } from '../../src/domain';
import { documentScreens, figuresScreens } from './document-screens';

export interface Screen {
  /** What the user sees, in words: "step 1 of a dossier mid-way". */
  screen: string;
  /** The card template in cards/, without .json. */
  template: string;
  /** The real view model with a fixture; forms take a state with what the user typed. */
  view: (language: Language, state: FormState) => ViewData;
  /** A form: the table also renders it refused, with every field at its maximum. */
  form?: boolean;
  /** Which of a template's variants this is, when it has several (see SHOWN_WITH). */
  variant?: string;
}

export const LANGUAGES: readonly Language[] = ['nl', 'en'];

const OTHER_SCHOOL = { ...SCHOOL, id: 'school-2', name: 'Het Baken', coordinators: [] };
const EXPORT_URL = 'https://meldcode.example.nl/export/Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cQ';

export function listed(dossier: Dossier, index = 0): ListedDossier {
  const summary: DossierSummary = {
    id: `${dossier.id}-${index}`,
    schoolId: dossier.schoolId,
    number: dossier.number.replace(/\d{4}$/, String(index + 1).padStart(4, '0')),
    pupilReference: dossier.pupil.reference,
    ownerId: dossier.ownerId,
    status: dossier.status,
    updatedAt: dossier.updatedAt,
    nextReminderAt: dossier.nextReminderAt,
  };
  return { summary, dossier };
}

/** The consultations a dossier holds, as the cards of the zorgcoördinator and of everyone else. */
function consultationScreens(name: string, dossier: Dossier): Screen[] {
  return consultations(dossier).flatMap((consultation) => [
    {
      screen: `the consultation card of ${name}, as the zorgcoördinator sees it`,
      template: 'consultation',
      view: (language: Language) =>
        consultationView(language, dossier, SCHOOL, consultation, {
          isCoordinator: true,
          refreshUserIds: ['29:owner', '29:coordinator'],
        }),
    },
    {
      screen: `the consultation card of ${name}, as anyone else sees it`,
      template: 'consultation',
      view: (language: Language) =>
        consultationView(language, dossier, SCHOOL, consultation, {
          isCoordinator: false,
          refreshUserIds: [],
        }),
    },
    {
      screen: `the consultation card of ${name}, with a notice`,
      template: 'consultation',
      view: (language: Language) =>
        consultationView(language, dossier, SCHOOL, consultation, {
          isCoordinator: true,
          refreshUserIds: Array.from({ length: 80 }, (_, i) => `29:user-${i}`),
          notice: t(language, 'consultation.onItsWay', {
            coordinator: SCHOOL.coordinators[0]?.name ?? '',
          }),
        }),
    },
  ]);
}

/** Every screen that shows one dossier, with `name` saying which. */
export function dossierScreens(name: string, dossier: Dossier): Screen[] {
  const open = dossier.status === 'open';
  const pages = chronologyPages(dossier);
  return [
    {
      screen: `the dossier hub of ${name}`,
      template: 'dossier',
      view: (language) => dossierView(language, dossier, SCHOOL),
    },
    {
      screen: `the dossier hub of ${name}, just recorded, at a school that is no longer configured`,
      template: 'dossier',
      variant: 'dossier without school',
      view: (language) => dossierView(language, dossier, undefined, 'recorded'),
    },
    {
      screen: `the dossier hub of ${name}, as its owner sees it`,
      template: 'dossier',
      variant: 'dossier seen by the owner',
      view: (language) => dossierView(language, dossier, SCHOOL, 'none', dossier.ownerId),
    },
    {
      screen: `the dossier hub of ${name}, as the zorgcoördinator sees it`,
      template: 'dossier',
      variant: 'dossier seen by the zorgcoördinator',
      view: (language) => dossierView(language, dossier, SCHOOL, 'none', SCHOOL.coordinators[0]?.id),
    },
    {
      screen: `the form to add a colleague (co-owner) to ${name}`,
      template: 'co-owner',
      view: (language, state) => coOwnerView(language, dossier, SCHOOL, state),
      form: true,
    },
    {
      screen: `the form to hand ${name} over`,
      template: 'handover',
      view: (language, state) => handoverView(language, dossier, SCHOOL, state),
      form: true,
    },
    {
      screen: `the dossier hub of ${name}, as the beslisser sees it`,
      template: 'dossier',
      variant: 'dossier seen by the beslisser',
      view: (language) => dossierView(language, dossier, SCHOOL, 'none', SCHOOL.decisionMaker.id),
    },
    {
      screen: `the dossier hub of ${name}, telling where a consultation card went`,
      template: 'dossier',
      variant: 'dossier with notice',
      view: (language) =>
        dossierView(language, dossier, SCHOOL, {
          text: t(language, 'consultation.unreachable', { coordinator: SCHOOL.coordinators[0]?.name ?? '' }),
        }),
    },
    {
      screen: `the dossier hub of ${name}, with cards that have not reached their person`,
      template: 'dossier',
      variant: 'dossier with cards waiting',
      view: (language) =>
        dossierView(
          language,
          {
            ...dossier,
            outbox: [
              {
                id: '7:askForConfirmation',
                effect: { type: 'askForConfirmation', seq: 7, recipientId: SCHOOL.decisionMaker.id },
                viaId: dossier.ownerId,
                queuedAt: dossier.updatedAt,
                attempts: 0,
                notBefore: dossier.updatedAt,
                waitingFor: SCHOOL.decisionMaker.id,
              },
              {
                id: '3:deliverConsultation',
                effect: { type: 'deliverConsultation', consultationId: 3, seq: 3 },
                viaId: dossier.ownerId,
                queuedAt: dossier.updatedAt,
                attempts: 2,
                notBefore: dossier.updatedAt,
                waitingFor: SCHOOL.coordinators[0]?.id ?? 'user-ib',
              },
            ],
            waitingFor: [SCHOOL.decisionMaker.id, SCHOOL.coordinators[0]?.id ?? 'user-ib'],
          },
          SCHOOL,
        ),
    },
    {
      screen: `step 1 (signalen) of ${name}`,
      template: 'signalen',
      view: (language, state) => signalenView(language, dossier, NOW, state),
      form: true,
    },
    {
      screen: `step 2 (consultatie) of ${name}`,
      template: 'consultatie',
      view: (language, state) => consultatieView(language, dossier, SCHOOL, NOW, state, 'eigenaar'),
      form: true,
    },
    {
      screen: `step 2 (consultatie) of ${name}, at a school without zorgcoördinator`,
      template: 'consultatie',
      variant: 'consultatie without coordinator',
      view: (language, state) => consultatieView(language, dossier, OTHER_SCHOOL, NOW, state, 'eigenaar'),
    },
    {
      screen: `step 3 (gesprek) of ${name}`,
      template: 'gesprek',
      view: (language, state) => gesprekView(language, dossier, NOW, state),
      form: true,
    },
    {
      screen: `step 4 (wegen) of ${name}`,
      template: 'wegen',
      view: (language, state) => wegenView(language, dossier, NOW, state),
      form: true,
    },
    {
      screen: `step 5 (beslissen) of ${name}`,
      template: 'beslissen',
      view: (language, state) => beslissenView(language, dossier, NOW, state, 'recorded', SCHOOL),
      form: true,
    },
    {
      screen: `step 5, changing the answer to question 1, of ${name}`,
      template: 'beslissen',
      variant: 'beslissen changing',
      view: (language) => beslissenView(language, dossier, NOW, { values: { question: '1' }, errors: {} }),
    },
    {
      screen: `the report form (melden) of ${name}`,
      template: 'melden',
      view: (language, state) => meldenView(language, dossier, NOW, state, SCHOOL),
      form: true,
    },
    {
      screen: `the help plan (hulp) of ${name}`,
      template: 'hulp',
      view: (language, state) => hulpView(language, dossier, NOW, state),
      form: true,
    },
    {
      screen: `the first page of the chronology of ${name}`,
      template: 'chronology',
      view: (language, state) => chronologyView(language, dossier, 1, state),
      form: true,
    },
    {
      screen: `the last page of the chronology of ${name}, just corrected`,
      template: 'chronology',
      view: (language, state) => chronologyView(language, dossier, pages, state, 'recorded'),
      form: true,
    },
    {
      screen: `the contact or note form of ${name}`,
      template: 'contact',
      view: (language, state) => contactView(language, dossier, NOW, state),
      form: true,
    },
    {
      screen: open ? `the closing form of ${name}` : `the reopening form of ${name}`,
      template: 'close',
      view: (language, state) => closeView(language, dossier, open ? 'close' : 'reopen', state, SCHOOL),
      form: true,
    },
    {
      screen: `the export of ${name}`,
      template: 'export',
      view: (language) => exportView(language, dossier, EXPORT_URL, 10),
    },
    {
      screen: `the consultation request of ${name}`,
      template: 'consultation-request',
      view: (language, state) => consultationRequestView(language, dossier, SCHOOL, state),
      form: true,
    },
    {
      screen: `the beslisser's confirmation card of ${name}`,
      template: 'decision-confirmation',
      view: (language, state) => decisionConfirmationView(language, dossier, SCHOOL, state),
      form: true,
    },
    {
      screen: `the beslisser's confirmation card of ${name}, once answered`,
      template: 'decision-confirmation',
      variant: 'decision-confirmation answered',
      view: (language) =>
        decisionConfirmationView(language, dossier, SCHOOL, { values: { done: true }, errors: {} }),
    },
    {
      screen: `a notice to the owner of ${name}`,
      template: 'notice',
      view: (language) =>
        noticeView(
          language,
          dossier,
          t(language, 'notice.consultationDeclined', {
            name: SCHOOL.coordinators[0]?.name ?? '',
            number: dossier.number,
            reason: consultations(dossier).at(-1)?.declineReason ?? '',
          }),
        ),
    },
    ...consultationScreens(name, dossier),
  ];
}

/** The dossiers in words, for the names of the tests. */
const STATE_NAMES: Record<DossierState, string> = {
  fresh: 'a fresh dossier',
  midway: 'a dossier mid-way (signals, a contact, notes, a consultation)',
  specificForm: 'a dossier with a specific form (honour-based violence, forced marriage)',
  specificFormAdvised: 'a dossier with a specific form and Veilig Thuis advice',
  conversationSkipped: 'a dossier whose conversation was skipped',
  stepsDone: 'a dossier with steps 1 to 4 done',
  melden: 'a dossier whose afwegingskader leads to a report',
  reported: 'a reported dossier with feedback from Veilig Thuis',
  hulp: 'a dossier whose afwegingskader leads to help',
  helpPlanned: 'a dossier with a help plan',
  followedUp: 'a dossier whose help was followed up',
  monitoring: 'a dossier closing with monitoring',
  meldenAfterHelp: 'a dossier reported after help fell short',
  unfounded: 'a dossier closing as unfounded',
  closed: 'a closed dossier',
  reopened: 'a reopened dossier',
  thirteen: 'the dossier of a 13-year-old whose report must be discussed',
  consultationRequested: 'a dossier that asked the zorgcoördinator for a consultation',
  consultationAccepted: 'a dossier whose consultation was accepted',
  consultationAdvised: 'a dossier whose consultation brought advice',
  consultationDeclined: 'a dossier whose consultation was declined',
  decisionConfirmed: 'a dossier whose decision the beslisser confirmed',
  decisionSentBack: 'a dossier whose decision the beslisser sent back',
  acuteReported: 'a dossier reported at once (acute), before steps 2 to 4',
  deviations: 'a dossier with deviations: question 2 "no" against unsafety, a report not discussed',
  helpAfterReport: 'a dossier with help agreed with Veilig Thuis after the report',
  parentsWarned: 'a dossier about honour-based violence whose report must not involve the parents',
  ownDecision: 'a dossier the beslisser owns and decided, for a school without a deputy',
  coOwned: 'a dossier the owner shares with two colleagues',
  handedOver: 'a dossier the zorgcoördinator handed over to another teacher',
};

/**
 * The dossier states each dossier screen (or variant of one) is shown with: the states that change
 * what it shows. The hub, which sums them all up, is shown with every one.
 */
const SHOWN_WITH: Record<string, readonly DossierState[]> = {
  signalen: ['fresh', 'midway', 'specificForm', 'thirteen', 'closed'],
  consultatie: [
    'fresh',
    'midway',
    'specificForm',
    'specificFormAdvised',
    'stepsDone',
    'consultationRequested',
    'consultationAdvised',
  ],
  gesprek: ['fresh', 'specificForm', 'specificFormAdvised', 'conversationSkipped', 'stepsDone'],
  wegen: ['fresh', 'specificFormAdvised', 'stepsDone', 'closed'],
  beslissen: [
    'fresh',
    'stepsDone',
    'melden',
    'reported',
    'hulp',
    'helpPlanned',
    'followedUp',
    'monitoring',
    'meldenAfterHelp',
    'unfounded',
    'closed',
    'reopened',
    'thirteen',
    'decisionSentBack',
    'deviations',
    'helpAfterReport',
    'ownDecision',
  ],
  melden: [
    'melden',
    'reported',
    'meldenAfterHelp',
    'thirteen',
    'acuteReported',
    'deviations',
    'parentsWarned',
    'ownDecision',
    'midway',
  ],
  hulp: ['hulp', 'helpPlanned', 'followedUp', 'monitoring', 'helpAfterReport'],
  chronology: ['fresh', 'midway', 'reported', 'closed'],
  contact: ['fresh', 'midway'],
  close: ['stepsDone', 'unfounded', 'monitoring', 'reported', 'closed', 'reopened', 'melden', 'deviations'],
  export: ['fresh', 'closed'],
  'consultation-request': ['fresh', 'consultationDeclined'],
  'decision-confirmation': [
    'melden',
    'monitoring',
    'unfounded',
    'decisionConfirmed',
    'decisionSentBack',
    'deviations',
  ],
  notice: ['consultationDeclined', 'consultationAdvised'],
  'dossier without school': ['fresh', 'closed'],
  'dossier with notice': ['consultationRequested'],
  'dossier with cards waiting': ['unfounded'],
  'dossier seen by the beslisser': ['unfounded', 'reported'],
  'dossier seen by the owner': ['fresh', 'coOwned', 'closed'],
  'dossier seen by the zorgcoördinator': ['fresh', 'handedOver'],
  'co-owner': ['fresh', 'coOwned'],
  handover: ['fresh', 'handedOver'],
  'consultatie without coordinator': ['fresh', 'specificForm'],
  'beslissen changing': ['melden', 'followedUp', 'closed'],
  'decision-confirmation answered': ['decisionConfirmed', 'decisionSentBack'],
  consultation: [
    'consultationRequested',
    'consultationAccepted',
    'consultationAdvised',
    'consultationDeclined',
  ],
};

const shownWith = ({ template, variant }: Screen, state: DossierState): boolean =>
  variant === undefined && template === 'dossier'
    ? true
    : (SHOWN_WITH[variant ?? template]?.includes(state) ?? false);

const ERROR_KEYS: MessageKey[] = [
  'error.unknownVerb',
  'error.invalidPayload',
  'error.unexpected',
  'error.tenantNotAllowed',
  'error.personalOnly',
];

/** Reminder cards of every kind, the weekly overview and the plain notice: they carry numbers only. */
function reminderScreens(number: string, manyLines: number): Screen[] {
  const base = {
    type: 'dossierReminder' as const,
    schoolId: SCHOOL.id,
    tenantId: SCHOOL.tenantId,
    dossierId: 'dossier-1',
    dossierNumber: number,
    recipient: { kind: 'person' as const, id: 'user-owner', role: 'eigenaar' as const },
    dueAt: '2026-03-10T08:00:00.000Z',
    attempt: 1,
    snoozeOptions: SNOOZE_PERIODS,
  };
  const kinds = [
    ['stalledStep', 'gesprek'],
    ['consultationNotAccepted', 'consultatie'],
    ['consultationEscalation', 'consultatie'],
    ['helpFollowUp', 'beslissen'],
    ['reportFeedback', 'beslissen'],
  ] as const;
  const byStep = { signalen: 1, consultatie: 2, gesprek: 3, wegen: 4, beslissen: 5 };
  return [
    ...kinds.map(([kind, step]): Screen => ({
      screen: `a ${kind} reminder for ${number}`,
      template: 'reminder',
      view: (l) => reminderView(l, { ...base, kind, step, key: `dossier-1:${kind}:1:user-owner` }),
    })),
    {
      screen: `the weekly overview with ${manyLines} dossiers`,
      template: 'weekly-overview',
      view: (l) =>
        // What the card shows of the overview: the week and the counts, no ids or recipients.
        weeklyOverviewView(l, {
          week: '2026-W11',
          total: manyLines,
          byStep,
          dossiers: Array.from({ length: manyLines }, (_, i) => ({
            dossierNumber: `MC-2026-${String(i + 1).padStart(4, '0')}`,
            step: 'gesprek' as const,
            waitingWorkingDays: i,
          })),
        }),
    },
    {
      screen: `a plain notice about ${number}`,
      template: 'notice-plain',
      view: (l) => ({
        title: t(l, 'reminder.title', { number }),
        text: t(l, 'reminder.unreachable', { number, name: 'X'.repeat(120) }),
      }),
    },
  ];
}

/** Every screen with a fixture, for the dossiers in every state. */
export function contractScreens(): Screen[] {
  const all = Object.values(DOSSIERS);
  const some = [DOSSIERS.midway, DOSSIERS.reported, DOSSIERS.followedUp].map((d, i) => listed(d, i));
  const waitingLines = [DOSSIERS.consultationRequested, DOSSIERS.consultationAccepted].flatMap((dossier) =>
    consultations(dossier).map((consultation) => ({ dossier, consultation })),
  );
  return [
    ...reminderScreens('MC-2026-0001', 3),
    ...documentScreens('a dossier mid-way', DOSSIERS.midway),
    ...figuresScreens(false),
    {
      screen: 'the settings an administrator sees',
      template: 'settings',
      view: (l) => settingsView(l, [SCHOOL]),
    },
    {
      screen: 'the home card of someone without dossiers',
      template: 'welcome',
      view: (l) => homeView(l, []),
    },
    {
      screen: 'the home card of someone with more dossiers than it lists',
      template: 'welcome',
      view: (l) =>
        homeView(
          l,
          all.map((d, i) => listed(d, i)),
        ),
    },
    { screen: 'what the meldcode is', template: 'about', view: (l) => aboutView(l) },
    { screen: 'the "not this route" check', template: 'route-check', view: (l) => routeCheckView(l) },
    {
      screen: 'the other route for a school employee',
      template: 'other-route',
      view: (l) => otherRouteView(l, 'medewerker'),
    },
    {
      screen: 'the other route for radicalisation',
      template: 'other-route',
      view: (l) => otherRouteView(l, 'radicalisering'),
    },
    {
      screen: 'the new-dossier form at one school',
      template: 'new-dossier',
      view: (l, state) => newDossierView(l, [SCHOOL], state),
      form: true,
    },
    {
      screen: 'the new-dossier form at a board with several schools',
      template: 'new-dossier',
      view: (l, state) => newDossierView(l, [SCHOOL, OTHER_SCHOOL], state),
      form: true,
    },
    {
      screen: 'my dossiers when there are none',
      template: 'my-dossiers',
      view: (l) => myDossiersView(l, []),
    },
    { screen: 'my dossiers', template: 'my-dossiers', view: (l) => myDossiersView(l, some) },
    {
      screen: 'my dossiers, with the ones closed last',
      template: 'my-dossiers',
      view: (l) =>
        myDossiersView(
          l,
          some,
          [DOSSIERS.closed].map((d, i) => ({ ...listed(d, i).summary, status: 'closed' as const })),
        ),
    },
    {
      screen: 'my dossiers, more than the list shows',
      template: 'my-dossiers',
      view: (l) =>
        myDossiersView(
          l,
          [...all, ...all].map((d, i) => listed(d, i)),
        ),
    },
    {
      screen: 'my consultations when none wait',
      template: 'my-consultations',
      view: (l) => myConsultationsView(l, []),
    },
    {
      screen: 'my consultations',
      template: 'my-consultations',
      view: (l) => myConsultationsView(l, waitingLines),
    },
    {
      screen: 'my consultations, more than the list shows',
      template: 'my-consultations',
      view: (l) => myConsultationsView(l, Array.from({ length: 10 }, () => waitingLines).flat()),
    },
    ...ERROR_KEYS.map((key): Screen => ({
      screen: `the error card "${key}"`,
      template: 'error',
      view: (l) => errorView(l, key),
    })),
    ...(['notFound', 'notInvolved', 'unknownSchool'] as const).map((code): Screen => ({
      screen: `the error card for access "${code}"`,
      template: 'error',
      view: (l) => accessView(l, { code }),
    })),
    ...(Object.keys(DOSSIERS) as DossierState[]).flatMap((state) =>
      dossierScreens(STATE_NAMES[state], DOSSIERS[state]).filter((s) => shownWith(s, state)),
    ),
  ];
}

/** Every screen with the worst case: a dossier of 200 entries, long lists, texts at their maximum. */
export function worstCaseScreens(worst: Dossier, closedWorst: Dossier, sentBackWorst: Dossier): Screen[] {
  const many = Array.from({ length: 200 }, (_, i) => listed(worst, i));
  const consultation = consultations(worst).at(-1);
  const consultationLines = consultation
    ? Array.from({ length: 200 }, () => ({ dossier: worst, consultation }))
    : [];
  return [
    ...reminderScreens('MC-2026-9999', 500),
    ...documentScreens('the worst-case dossier', worst),
    ...figuresScreens(true),
    {
      screen: 'the settings of a board with many schools',
      template: 'settings',
      view: (l) =>
        settingsView(
          l,
          Array.from({ length: 25 }, (_, i) => ({ ...SCHOOL, id: `school-${i}` })),
        ),
    },
    {
      // Nobody shares a dossier with 30 colleagues, but the card must hold it: each name is cut.
      screen: 'the co-owner form with 30 co-owners of the longest names',
      template: 'co-owner',
      variant: 'co-owner, many',
      view: (l, state) => coOwnerView(l, manyCoOwners(), SCHOOL, state),
      form: true,
    },
    {
      screen: 'the hub of a dossier with 30 co-owners of the longest names, as its owner sees it',
      template: 'dossier',
      variant: 'dossier, many co-owners',
      view: (l) => {
        const dossier = manyCoOwners();
        return dossierView(l, dossier, SCHOOL, 'none', dossier.ownerId);
      },
    },
    { screen: 'the home card', template: 'welcome', view: (l) => homeView(l, many) },
    { screen: 'what the meldcode is', template: 'about', view: (l) => aboutView(l) },
    { screen: 'the "not this route" check', template: 'route-check', view: (l) => routeCheckView(l) },
    {
      screen: 'the other route for a school employee',
      template: 'other-route',
      view: (l) => otherRouteView(l, 'medewerker'),
    },
    {
      screen: 'the new-dossier form',
      template: 'new-dossier',
      view: (l, state) => newDossierView(l, [SCHOOL, OTHER_SCHOOL], state),
      form: true,
    },
    {
      screen: 'my dossiers (200 open, 200 closed)',
      template: 'my-dossiers',
      view: (l) =>
        myDossiersView(
          l,
          many,
          many.map(({ summary }) => ({ ...summary, status: 'closed' as const })),
        ),
    },
    {
      screen: 'my consultations (200 waiting)',
      template: 'my-consultations',
      view: (l) => myConsultationsView(l, consultationLines),
    },
    ...ERROR_KEYS.map((key): Screen => ({
      screen: `the error card "${key}"`,
      template: 'error',
      view: (l) => errorView(l, key),
    })),
    ...dossierScreens('the worst-case dossier', worst).filter((s) => s.template !== 'chronology'),
    ...dossierScreens('the closed worst-case dossier', closedWorst).filter((s) => s.template === 'close'),
    ...dossierScreens('the worst-case dossier, its decision sent back', sentBackWorst).filter(
      (s) => s.template === 'decision-confirmation',
    ),
    {
      screen: 'the notice that the beslisser sent the decision of the worst-case dossier back',
      template: 'notice',
      view: (l) => {
        const confirmation = decisionConfirmation(sentBackWorst);
        const sentBack = confirmation.state === 'sentBack' ? confirmation : { byName: '', reason: '' };
        return noticeView(
          l,
          sentBackWorst,
          t(l, 'notice.decisionSentBack', {
            name: sentBack.byName,
            number: sentBackWorst.number,
            reason: sentBack.reason,
          }),
        );
      },
    },
    // Every page as it opens; refused corrections on the first, a middle and the last page (the
    // pages are alike: the worst case repeats the same heavy entries).
    ...Array.from({ length: chronologyPages(worst) }, (_, i): Screen => {
      const page = i + 1;
      return {
        screen: `page ${page} of the chronology of the worst-case dossier`,
        template: 'chronology',
        view: (l, state) => chronologyView(l, worst, page, state),
        form: [1, Math.ceil(chronologyPages(worst) / 2), chronologyPages(worst)].includes(page),
      };
    }),
  ];
}

/** A dossier shared with 30 colleagues whose names are as long and as heavy as a name may be. */
function manyCoOwners() {
  return told({
    id: 'many-co-owners',
    acts: Array.from({ length: 30 }, (_, i) =>
      cmd.addCoOwner({ coOwnerId: `user-co-owner-${i}`, coOwnerName: heavy(NAME_MAX_LENGTH) }),
    ),
  });
}
