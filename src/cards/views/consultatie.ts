// Step 2: collegiale consultatie with the zorgcoördinator, and Veilig Thuis advice — required when a
// specific form of violence is recorded.

import { section, t, type Voice } from '../../i18n';
import {
  entriesOf,
  specificFormsOf,
  todayInAmsterdam,
  veiligThuisAdviceRequired,
  type Dossier,
  type Role,
  consultationOpenFor,
  consultations,
} from '../../domain';
import { coordinatorNameOf, type School } from '../../domain/school';
import {
  dateHints,
  formatDate,
  newSubmissionId,
  problemsText,
  type FormState,
  type ViewData,
} from './common';
import {
  formNames,
  keptFields,
  latest,
  shortened,
  stepStatusText,
  veiligThuisAdviceForm,
} from './step-lines';

/** Card input ids of the consultation form (unique on the card, beside the advice form's). */
export const CONSULTATION_FIELDS = ['consultWith', 'consultOn', 'consultAdvice'] as const;

/** The Veilig Thuis advice recorded so far, newest first, as short lines. */
export function veiligThuisAdviceLines(voice: Voice, dossier: Dossier): { line: string }[] {
  return latest(entriesOf(dossier, 'veiligThuisAdviceRecorded')).map(({ data }) => ({
    line: `${formatDate(voice, data.on)} · ${t(
      voice,
      data.anonymous ? 'consultatie.anonymous' : 'consultatie.notAnonymous',
    )} · ${shortened(data.advice)}`,
  }));
}

export function veiligThuisAdviceSummary(voice: Voice, dossier: Dossier): string {
  const count = entriesOf(dossier, 'veiligThuisAdviceRecorded').length;
  return count === 0 ? t(voice, 'consultatie.noAdvices') : t(voice, 'consultatie.advices', { count });
}

export function consultatieView(
  voice: Voice,
  dossier: Dossier,
  school: School | undefined,
  now: Date,
  state: FormState,
  role: Role,
): ViewData {
  const texts = section(voice, 'consultatie');
  const recorded = entriesOf(dossier, 'consultationRecorded');
  const adviceCount = entriesOf(dossier, 'veiligThuisAdviceRecorded').length;
  const required = veiligThuisAdviceRequired(dossier);
  const forms = formNames(voice, specificFormsOf(dossier));
  const advice = veiligThuisAdviceForm(voice, now, state, 'consultatie');
  const consultation = keptFields(CONSULTATION_FIELDS, state, {
    fields: CONSULTATION_FIELDS,
    message: t(voice, 'consultatie.required'),
  });
  dateHints(voice, state, consultation.errors, { past: ['consultOn'] });
  // Recorded the day it took place, as a rule: today is filled in.
  consultation.values['consultOn'] ??= todayInAmsterdam(now);
  const coordinators = school?.coordinators.map((c) => c.name).join(', ') ?? '';
  const problems = problemsText(voice, state, {
    consultWith: texts['consultWith'] ?? '',
    consultOn: texts['consultOn'] ?? '',
    consultAdvice: texts['consultAdvice'] ?? '',
    ...advice.labels,
  });
  return {
    t: texts,
    vt: advice.vt,
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    today: todayInAmsterdam(now),
    consultSubmissionId: newSubmissionId(),
    statusText: stepStatusText(voice, dossier, 'consultatie'),
    requiredText: !required
      ? ''
      : adviceCount === 0
        ? t(voice, 'consultatie.adviceRequired', { forms })
        : t(voice, 'consultatie.adviceRequiredDone', { forms }),
    requiredColor: adviceCount === 0 ? 'Attention' : 'Good',
    consultationsText:
      recorded.length === 0
        ? t(voice, 'consultatie.noConsultations')
        : t(voice, 'consultatie.consultations', { count: recorded.length }),
    consultations: latest(recorded).map(({ data }) => ({
      line: `${formatDate(voice, data.on)} · ${shortened(data.with, 60)} · ${shortened(data.advice)}`,
    })),
    requests: consultations(dossier)
      .slice(-3)
      .map((c) => {
        const undelivered =
          c.status === 'requested' && (!c.delivery || c.delivery.delivered === 'unreachable');
        // Asked of someone the school no longer names as zorgcoördinator: sending again cannot help.
        const asked = school && coordinatorNameOf(school, c.coordinatorId);
        return {
          consultationId: c.id,
          canResend: undelivered && asked !== undefined,
          // Not answered yet: the owner can take the question back (asked elsewhere, or not needed).
          // Only the owner sees the button: to the zorgcoördinator it read as hers to withdraw.
          canWithdraw: role === 'eigenaar' && consultationOpenFor(c, 'accept'),
          withdrawSubmissionId: newSubmissionId(),
          line: t(voice, 'consultatie.requestLine', {
            date: formatDate(voice, c.requestedAt),
            coordinator: asked ?? t(voice, 'consultatie.formerCoordinator'),
            status: undelivered
              ? t(voice, 'consultatie.notDelivered')
              : c.status === 'advised' && c.advice
                ? t(voice, 'consultation.adviceOnStep', { name: c.answeredByName ?? '', advice: c.advice })
                : t(voice, `consultation.status.${c.status}`, { name: c.answeredByName ?? '' }),
          }),
        };
      }),
    advicesText: veiligThuisAdviceSummary(voice, dossier),
    advices: veiligThuisAdviceLines(voice, dossier),
    consultWithHint:
      coordinators === ''
        ? t(voice, 'consultatie.consultWithHintGeneral')
        : t(voice, 'consultatie.consultWithHint', { name: coordinators }),
    values: { ...consultation.values, ...advice.values },
    errors: { ...consultation.errors, ...advice.errors },
    problemsText: problems,
    openFormAgain: problems === '' ? '' : t(voice, 'consultatie.openFormAgain'),
  };
}
