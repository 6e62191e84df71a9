// View models of the screens around the dossiers: home, about, the route check, the new-dossier
// form, the list of my dossiers, and the dossier hub.

import { section, t, type Voice } from '../../i18n';
import type { School } from '../../domain/school';
import {
  SPECIFIC_FORMS,
  STEPS,
  decisionConfirmation,
  nextReminderOf,
  stepStatuses,
  missingBeforeDecision,
  isDone,
  type Dossier,
  type Step,
} from '../../domain';
import { reportMayBeRecorded } from '../../domain/afwegingskader';
import { confirmerOf, consultations } from '../../domain/consultation';
import type { DossierSummary } from '../../domain/lists';
import { stepsAfterAcuteReport } from '../../domain/steps';
import { confirmationLine, deviationLines } from './afwijkingen';
import { involvedLines } from './betrokkenen';
import { formNames } from './step-lines';
import { isOwnerOf, personNameIn } from '../../domain/co-owners';
import { isCoordinatorOf } from '../../domain/school';
import {
  formFields,
  formatDate,
  newSubmissionId,
  problemsText,
  shorten,
  stepList,
  type FormState,
  type ViewData,
} from './common';

/** A dossier in a list: number, pupil reference, where it stands, last activity. */
export interface ListedDossier {
  summary: DossierSummary;
  dossier: Dossier;
}

function listed(voice: Voice, dossiers: readonly ListedDossier[]): ViewData[] {
  return dossiers.map(({ summary, dossier }) => ({
    id: summary.id,
    schoolId: summary.schoolId,
    number: summary.number,
    pupilReference: summary.pupilReference,
    whereItStands: t(voice, 'myDossiers.whereItStands', { done: stepsDone(dossier) }),
    lastActivity: formatDate(voice, summary.updatedAt),
  }));
}

/** What waits for this person, by role: consultations to answer, decisions to confirm. */
export interface WaitingForMe {
  /** Present for a zorgcoördinator (possibly empty): the home offers "my consultations". */
  consultations?: readonly {
    dossier: Dossier;
    consultation: { id: number; requestedByName: string; requestedAt: string };
  }[];
  /** How many consultations wait in all, when `consultations` holds only the first few. */
  consultationsWaiting?: number;
  /** Present for a beslisser (possibly empty). */
  decisions?: readonly ListedDossier[];
}

/** How many waiting items the home card lists; the rest is one tap away. */
export const WAITING_LISTED = 5;
/** How many of their own dossiers the home card lists (all of them: "Mijn dossiers"). */
export const HOME_DOSSIERS_LISTED = 5;

export function homeView(
  voice: Voice,
  dossiers: readonly ListedDossier[],
  waiting: WaitingForMe = {},
): ViewData {
  const consultationLines = (waiting.consultations ?? []).map(({ dossier, consultation }) => ({
    verb: 'refreshConsultation',
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    consultationId: consultation.id,
    line: t(voice, 'welcome.waitingConsultation', {
      number: dossier.number,
      name: consultation.requestedByName,
      date: formatDate(voice, consultation.requestedAt),
    }),
  }));
  const decisionLines = (waiting.decisions ?? []).map(({ dossier }) => ({
    verb: 'showDecisionConfirmation',
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    consultationId: 0,
    line: t(voice, 'welcome.waitingDecision', { number: dossier.number, name: dossier.ownerName }),
  }));
  const lines = [...decisionLines, ...consultationLines];
  const waitingCount = decisionLines.length + (waiting.consultationsWaiting ?? consultationLines.length);
  return {
    t: section(voice, 'welcome'),
    dossiers: listed(voice, dossiers.slice(0, HOME_DOSSIERS_LISTED)),
    waiting: lines.slice(0, WAITING_LISTED),
    waitingText:
      waitingCount === 0
        ? ''
        : t(voice, waitingCount === 1 ? 'welcome.waitingOne' : 'welcome.waitingMany', {
            count: waitingCount,
          }),
    isCoordinator: waiting.consultations !== undefined,
  };
}

/** How many dossiers the list shows, most recently changed first: the card stays under its size budget. */
export const MY_DOSSIERS_LISTED = 25;

/** How many closed dossiers "Mijn dossiers" shows, the last closed first. */
export const CLOSED_DOSSIERS_LISTED = 10;

export function myDossiersView(
  voice: Voice,
  dossiers: readonly ListedDossier[],
  closed: readonly DossierSummary[] = [],
): ViewData {
  return {
    t: section(voice, 'myDossiers'),
    dossiers: listed(voice, dossiers.slice(0, MY_DOSSIERS_LISTED)),
    closed: closed.slice(0, CLOSED_DOSSIERS_LISTED).map((summary) => ({
      id: summary.id,
      schoolId: summary.schoolId,
      number: summary.number,
      pupilReference: summary.pupilReference,
      closedOn: formatDate(voice, summary.updatedAt),
    })),
    moreText:
      dossiers.length > MY_DOSSIERS_LISTED
        ? t(voice, 'myDossiers.more', { shown: MY_DOSSIERS_LISTED, count: dossiers.length })
        : '',
  };
}

export function aboutView(voice: Voice): ViewData {
  return {
    t: section(voice, 'about'),
    steps: STEPS.map((step) => ({
      name: t(voice, `step.${step}`),
      // The forms that always need Veilig Thuis advice come from the rule's own list.
      text: t(voice, `about.step.${step}`, { forms: formNames(voice, SPECIFIC_FORMS) }),
    })),
  };
}

export function routeCheckView(voice: Voice): ViewData {
  return { t: section(voice, 'routeCheck') };
}

export type OtherRoute = 'medewerker' | 'radicalisering';

export function otherRouteView(voice: Voice, route: OtherRoute): ViewData {
  return {
    t: section(voice, 'otherRoute'),
    title: t(voice, `otherRoute.${route}.title`),
    text: t(voice, `otherRoute.${route}.text`),
  };
}

const NEW_DOSSIER_FIELDS = [
  'schoolId',
  'pupilReference',
  'group',
  'age',
  'birthYear',
  'firstDescription',
] as const;

export function newDossierView(voice: Voice, schools: readonly School[], state: FormState): ViewData {
  const texts = section(voice, 'newDossier');
  const fields = formFields(NEW_DOSSIER_FIELDS, {
    values: numbersAsNumbers(state.values, ['age', 'birthYear']),
    errors: state.errors,
  });
  // Teams checks the required inputs itself and then shows their errorMessage.
  for (const field of ['pupilReference', 'group']) fields.errors[field] ??= t(voice, 'newDossier.required');
  return {
    t: texts,
    schools: schools.map((s) => ({ id: s.id, name: s.name })),
    ...fields,
    problems: Object.keys(state.errors),
    problemsText: problemsText(voice, state, texts),
    submissionId: newSubmissionId(),
  };
}

/** A standard notice, or a text the verb composed (e.g. where a consultation card went). */
export type DossierNotice = 'opened' | 'recorded' | 'none' | { text: string };

export function dossierView(
  voice: Voice,
  dossier: Dossier,
  school: School | undefined,
  notice: DossierNotice = 'none',
  /** Who looks: the beslisser gets the button to confirm a waiting outcome. */
  viewerId?: string,
): ViewData {
  const confirmation = decisionConfirmation(dossier);
  // Who confirms: never the person who took the decision (the deputy beslisser then, or nobody).
  const confirmer = school ? confirmerOf(dossier, school) : undefined;
  const statuses = stepStatuses(dossier);
  const missing = missingBeforeDecision(dossier);
  const closed = dossier.status === 'closed';
  // The acute route: steps done after an acute report are marked so; those still missing are named.
  const acuteRoute = stepsAfterAcuteReport(dossier);
  const statusOf = (step: Step): string =>
    acuteRoute?.after.includes(step)
      ? t(voice, 'dossier.recordedAfterReport', { status: t(voice, `status.${statuses[step]}`) })
      : t(voice, `status.${statuses[step]}`);
  const noticeText = closed
    ? t(voice, 'dossier.closed')
    : typeof notice === 'object'
      ? notice.text
      : notice === 'none'
        ? ''
        : t(voice, notice === 'opened' ? 'dossier.opened' : 'dossier.recorded');
  // Every text in the school's own word for the zorgcoördinator.
  return {
    t: section(voice, 'dossier'),
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    title: t(voice, 'dossier.title', { number: dossier.number }),
    subtitle: t(voice, 'dossier.subtitle', {
      reference: dossier.pupil.reference,
      group: dossier.pupil.group,
      openedOn: formatDate(voice, dossier.openedAt),
    }),
    notice: noticeText,
    noticeColor: closed ? 'Warning' : 'Good',
    steps: STEPS.map((step) => ({
      step,
      name: t(voice, `step.${step}`),
      status: statusOf(step),
    })),
    missing:
      missing.length > 0 && !closed && !acuteRoute
        ? t(voice, 'dossier.missing', { steps: stepList(voice, missing) })
        : '',
    afterReportText:
      acuteRoute && acuteRoute.missing.length > 0 && !closed
        ? t(voice, 'dossier.stepsAfterReport', { steps: stepList(voice, acuteRoute.missing) })
        : '',
    // Before steps 1 to 4 are done, a report that could not wait can still be recorded.
    acuteText:
      !closed && missing.length > 0 && reportMayBeRecorded(dossier) ? t(voice, 'dossier.acuteHint') : '',
    deviationLines: deviationLines(voice, dossier),
    notArrived: notArrivedLines(voice, dossier, school),
    // What the zorgcoördinator advised, and who: where the owners look first.
    adviceLines: consultations(dossier)
      .filter((c) => c.status === 'advised' && c.advice)
      .slice(-ADVICE_LINES)
      .map((c) => ({
        line: t(voice, 'dossier.advice', {
          name: c.answeredByName ?? '',
          advice: shorten(c.advice ?? '', ADVICE_LENGTH),
        }),
      })),
    people: school
      ? [
          t(voice, 'dossier.people', {
            owner: dossier.ownerName,
            coordinators: school.coordinators.map((c) => c.name).join(', '),
            decisionMaker: school.decisionMaker.name,
          }),
          involvedLines(voice, dossier, school),
        ]
          .filter((line) => line !== '')
          .join(' ')
      : '',
    // Who takes part changes by these two forms: the owners share the dossier, the zorgcoördinator
    // hands it over. Shown to the viewer who may use them (the domain checks again).
    canAddCoOwner: !closed && viewerId !== undefined && isOwnerOf(dossier, viewerId),
    canHandOver:
      !closed && viewerId !== undefined && school !== undefined && isCoordinatorOf(school, viewerId),
    closeOrReopen: t(voice, closed ? 'dossier.reopen' : 'dossier.close'),
    closeOrReopenVerb: closed ? 'showReopenForm' : 'showCloseForm',
    confirmationText: confirmationLine(voice, dossier, school),
    nextReminder: closed || !school ? '' : nextReminderText(voice, dossier, school),
    canConfirm: confirmation.state === 'waiting' && viewerId !== undefined && viewerId === confirmer?.id,
  };
}

/** The latest advice on the dossier card, each cut to a readable length (step 2 shows it whole). */
const ADVICE_LINES = 2;
const ADVICE_LENGTH = 300;

/** What the effects are called for the person who sees one has not arrived. */
const CARD_NAMES = {
  deliverConsultation: 'dossier.card.consultation',
  askForConfirmation: 'dossier.card.confirmation',
  tellOwner: 'dossier.card.notice',
  updateConsultationCard: 'dossier.card.consultation',
} as const;

/**
 * The cards this dossier still owes someone who cannot be reached yet: for whom, what, and a
 * button to send it again (it then goes out at once if that person can be reached by now).
 */
function notArrivedLines(voice: Voice, dossier: Dossier, school: School | undefined): ViewData[] {
  const nameOf = (id: string): string =>
    (school ? personNameIn(dossier, school, id) : undefined) ?? t(voice, 'dossier.card.someone');
  return (dossier.outbox ?? []).flatMap((item) =>
    (item.waitingFor ?? item.triedFor)
      ? [
          {
            schoolId: dossier.schoolId,
            dossierId: dossier.id,
            itemId: item.id,
            sendAgain: t(voice, 'dossier.card.sendAgain'),
            line: t(voice, 'dossier.card.notArrived', {
              card: t(voice, CARD_NAMES[item.effect.type]),
              name: nameOf(item.waitingFor ?? item.triedFor ?? ''),
            }),
          },
        ]
      : [],
  );
}

/** How many of the five steps are done (skipped with a reason counts as done). */
export function stepsDone(dossier: Dossier): number {
  const statuses = stepStatuses(dossier);
  return STEPS.filter((step) => isDone(statuses[step])).length;
}

/**
 * When the next reminder goes out and to whom. Worked out as of the dossier's last write (the
 * schedule the store holds was made then), so the card needs no clock.
 */
function nextReminderText(voice: Voice, dossier: Dossier, school: School): string {
  const lastWrite = dossier.log.at(-1)?.at ?? dossier.updatedAt;
  const next = nextReminderOf(dossier, school, new Date(lastWrite));
  if (!next) return '';
  const names = [...new Set(next.reminders.map((r) => r.recipient.name))].join(', ');
  return t(voice, 'reminder.next', { date: formatDate(voice, next.at), names });
}

/** Teams sends number inputs back as text; an Input.Number drops a text value, so turn them back. */
function numbersAsNumbers(
  values: Record<string, unknown>,
  fields: readonly string[],
): Record<string, unknown> {
  const result = { ...values };
  for (const field of fields) {
    const value = result[field];
    if (typeof value === 'string' && /^\s*\d{1,4}\s*$/.test(value)) result[field] = Number(value);
  }
  return result;
}
