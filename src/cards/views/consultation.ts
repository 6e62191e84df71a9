// The consultation with the zorgcoördinator and the beslisser's confirmation: the request form, the
// consultation card (a status for everyone, actions for the zorgcoördinator), short notices for the
// owner, and the zorgcoördinator's list. What goes to a channel names the dossier number only.

import { section, t, type Voice } from '../../i18n';
import { afwegingskaderState, decisionConfirmation, type Consultation, type Dossier } from '../../domain';
import { coordinatorNameOf, type School } from '../../domain/school';
import { deviationLines } from './afwijkingen';
import {
  formFields,
  formatDate,
  newSubmissionId,
  problemsText,
  type FormState,
  type ViewData,
  shorten,
} from './common';

const REQUEST_FIELDS = ['coordinatorId', 'question'] as const;
const ANSWER_PREVIEW_LENGTH = 300;

export function consultationRequestView(
  voice: Voice,
  dossier: Dossier,
  school: School,
  state: FormState,
): ViewData {
  const texts = section(voice, 'consultation');
  const values = {
    coordinatorId: school.coordinators.length === 1 ? school.coordinators[0]?.id : undefined,
    ...state.values,
  };
  // Both inputs are required: Teams checks them itself and then shows their errorMessage.
  const fields = formFields(REQUEST_FIELDS, { values, errors: state.errors });
  for (const field of REQUEST_FIELDS) fields.errors[field] ??= t(voice, 'consultation.required');
  return {
    t: texts,
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    submissionId: newSubmissionId(),
    coordinators: school.coordinators.map((c) => ({ id: c.id, name: c.name })),
    ...fields,
    problemsText: problemsText(voice, state, texts),
  };
}

export interface ConsultationViewer {
  /** The zorgcoördinator's view, with the question and the actions; anyone else sees the status. */
  isCoordinator: boolean;
  /** Teams user ids whose cards refresh to their own view automatically (at most 60). */
  refreshUserIds: readonly string[];
  notice?: string;
}

export function consultationView(
  voice: Voice,
  dossier: Dossier,
  school: School,
  consultation: Consultation,
  viewer: ConsultationViewer,
): ViewData {
  const texts = section(voice, 'consultation');
  const coordinatorName = coordinatorNameOf(school, consultation.coordinatorId) ?? '';
  const name = consultation.answeredByName ?? '';
  const open = consultation.status === 'requested' || consultation.status === 'accepted';
  const ids = { schoolId: dossier.schoolId, dossierId: dossier.id, consultationId: consultation.id };
  // Only the zorgcoördinator's own view carries what was asked and answered: the shared card may
  // stand in a channel that others read.
  const facts = viewer.isCoordinator
    ? [
        { title: texts.questionLabel, value: consultation.question },
        ...(consultation.advice ? [{ title: texts.adviceLabel, value: consultation.advice }] : []),
        ...(consultation.declineReason
          ? [{ title: texts.declineLabel, value: consultation.declineReason }]
          : []),
      ]
    : [];
  return {
    t: texts,
    ...ids,
    submissionId: newSubmissionId(),
    refresh:
      viewer.refreshUserIds.length > 0
        ? {
            action: { type: 'Action.Execute', title: texts.view, verb: 'refreshConsultation', data: ids },
            userIds: viewer.refreshUserIds.slice(0, 60),
          }
        : null,
    title: t(voice, 'consultation.title', { number: dossier.number }),
    // Who asked, and when, only in the zorgcoördinator's own view: the shared card may stand in the
    // care-team channel, where the dossier number and the status are all it shows.
    askedBy: viewer.isCoordinator
      ? t(voice, 'consultation.askedBy', {
          name: consultation.requestedByName,
          date: formatDate(voice, consultation.requestedAt),
          coordinator: coordinatorName,
        })
      : '',
    statusText: t(voice, `consultation.status.${consultation.status}`, { name }),
    statusColor:
      consultation.status === 'declined' ? 'Warning' : consultation.status === 'advised' ? 'Good' : 'Default',
    notice: viewer.notice ?? (viewer.isCoordinator ? '' : t(voice, 'consultation.notForYou')),
    facts,
    isCoordinator: viewer.isCoordinator,
    canAccept: viewer.isCoordinator && consultation.status === 'requested',
    canAnswer: viewer.isCoordinator && open,
  };
}

export function noticeView(voice: Voice, dossier: Dossier, text: string): ViewData {
  return {
    t: section(voice, 'notice'),
    title: t(voice, 'notice.title', { number: dossier.number }),
    text,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
  };
}

export function decisionConfirmationView(
  voice: Voice,
  dossier: Dossier,
  school: School,
  state: FormState,
): ViewData {
  const texts = section(voice, 'confirmation');
  const confirmation = decisionConfirmation(dossier);
  const outcome = confirmation.state === 'none' ? null : confirmation.outcome;
  const statusText =
    confirmation.state === 'confirmed'
      ? t(voice, 'confirmation.confirmed', { name: confirmation.byName })
      : confirmation.state === 'sentBack'
        ? t(voice, 'confirmation.sentBack', { name: confirmation.byName, reason: confirmation.reason })
        : '';
  return {
    t: texts,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    submissionId: newSubmissionId(),
    // The outcome this card shows: confirming it confirms this one, not one a later answer made.
    outcomeSeq: afwegingskaderState(dossier).outcomeSeq ?? 0,
    title: t(voice, 'confirmation.title', { number: dossier.number }),
    intro: t(voice, 'confirmation.intro', { owner: dossier.ownerName }),
    outcomeText: outcome ? t(voice, 'confirmation.outcome', { outcome: t(voice, `outcome.${outcome}`) }) : '',
    answers: afwegingskaderState(dossier).answers.map((a) => ({
      question: t(voice, 'confirmation.question', { n: a.question }),
      answer: `${t(voice, a.answer ? 'confirmation.yes' : 'confirmation.no')} · ${shorten(a.reasoning, ANSWER_PREVIEW_LENGTH)}`,
    })),
    statusText:
      statusText || (state.values.done ? t(voice, 'confirmation.done', { owner: dossier.ownerName }) : ''),
    waiting: confirmation.state === 'waiting',
    // What departs from the meldcode, with its reason: the second pair of eyes must see it (issue 10).
    deviationLines: deviationLines(voice, dossier),
    problemsText: problemsText(voice, state, texts),
    decisionMaker: school.decisionMaker.name,
  };
}

export interface ConsultationLine {
  dossier: Dossier;
  consultation: Consultation;
}

/** How many consultations the list shows, oldest first: the card stays under its size budget. */
export const MY_CONSULTATIONS_LISTED = 25;

export function myConsultationsView(voice: Voice, lines: readonly ConsultationLine[]): ViewData {
  return {
    t: section(voice, 'myConsultations'),
    moreText:
      lines.length > MY_CONSULTATIONS_LISTED
        ? t(voice, 'myConsultations.more', { shown: MY_CONSULTATIONS_LISTED, count: lines.length })
        : '',
    items: lines.slice(0, MY_CONSULTATIONS_LISTED).map(({ dossier, consultation }) => ({
      schoolId: dossier.schoolId,
      dossierId: dossier.id,
      consultationId: consultation.id,
      number: dossier.number,
      line: t(voice, 'myConsultations.line', {
        number: dossier.number,
        status: t(voice, `consultation.status.${consultation.status}`, {
          name: consultation.answeredByName ?? '',
        }),
        name: consultation.requestedByName,
        date: formatDate(voice, consultation.requestedAt),
      }),
    })),
  };
}
