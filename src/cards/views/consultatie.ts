// Step 2: collegiale consultatie with the zorgcoördinator, and Veilig Thuis advice — required when a
// specific form of violence is recorded.

import { section, t, type Language } from '../../i18n';
import {
  entriesOf,
  specificFormsOf,
  todayInAmsterdam,
  veiligThuisAdviceRequired,
  type Dossier,
  consultations,
} from '../../domain';
import type { School } from '../../domain/school';
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
export function veiligThuisAdviceLines(language: Language, dossier: Dossier): { line: string }[] {
  return latest(entriesOf(dossier, 'veiligThuisAdviceRecorded')).map(({ data }) => ({
    line: `${formatDate(language, data.on)} · ${t(
      language,
      data.anonymous ? 'consultatie.anonymous' : 'consultatie.notAnonymous',
    )} · ${shortened(data.advice)}`,
  }));
}

export function veiligThuisAdviceSummary(language: Language, dossier: Dossier): string {
  const count = entriesOf(dossier, 'veiligThuisAdviceRecorded').length;
  return count === 0 ? t(language, 'consultatie.noAdvices') : t(language, 'consultatie.advices', { count });
}

export function consultatieView(
  language: Language,
  dossier: Dossier,
  school: School | undefined,
  now: Date,
  state: FormState,
): ViewData {
  const texts = section(language, 'consultatie');
  const recorded = entriesOf(dossier, 'consultationRecorded');
  const adviceCount = entriesOf(dossier, 'veiligThuisAdviceRecorded').length;
  const required = veiligThuisAdviceRequired(dossier);
  const forms = formNames(language, specificFormsOf(dossier));
  const advice = veiligThuisAdviceForm(language, now, state, 'consultatie');
  const consultation = keptFields(CONSULTATION_FIELDS, state, {
    fields: CONSULTATION_FIELDS,
    message: t(language, 'consultatie.required'),
  });
  dateHints(language, state, consultation.errors, { past: ['consultOn'] });
  // Recorded the day it took place, as a rule: today is filled in.
  consultation.values['consultOn'] ??= todayInAmsterdam(now);
  const coordinators = school?.coordinators.map((c) => c.name).join(', ') ?? '';
  const problems = problemsText(language, state, {
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
    statusText: stepStatusText(language, dossier, 'consultatie'),
    requiredText: !required
      ? ''
      : adviceCount === 0
        ? t(language, 'consultatie.adviceRequired', { forms })
        : t(language, 'consultatie.adviceRequiredDone', { forms }),
    requiredColor: adviceCount === 0 ? 'Attention' : 'Good',
    consultationsText:
      recorded.length === 0
        ? t(language, 'consultatie.noConsultations')
        : t(language, 'consultatie.consultations', { count: recorded.length }),
    consultations: latest(recorded).map(({ data }) => ({
      line: `${formatDate(language, data.on)} · ${shortened(data.with, 60)} · ${shortened(data.advice)}`,
    })),
    requests: consultations(dossier)
      .slice(-3)
      .map((c) => {
        const undelivered =
          c.status === 'requested' && (!c.delivery || c.delivery.delivered === 'unreachable');
        return {
          consultationId: c.id,
          canResend: undelivered,
          line: t(language, 'consultatie.requestLine', {
            date: formatDate(language, c.requestedAt),
            coordinator: school?.coordinators.find((p) => p.id === c.coordinatorId)?.name ?? '',
            status: undelivered
              ? t(language, 'consultatie.notDelivered')
              : c.status === 'advised' && c.advice
                ? t(language, 'consultation.adviceOnStep', { name: c.answeredByName ?? '', advice: c.advice })
                : t(language, `consultation.status.${c.status}`, { name: c.answeredByName ?? '' }),
          }),
        };
      }),
    advicesText: veiligThuisAdviceSummary(language, dossier),
    advices: veiligThuisAdviceLines(language, dossier),
    consultWithHint:
      coordinators === ''
        ? t(language, 'consultatie.consultWithHintGeneral')
        : t(language, 'consultatie.consultWithHint', { name: coordinators }),
    values: { ...consultation.values, ...advice.values },
    errors: { ...consultation.errors, ...advice.errors },
    problemsText: problems,
    openFormAgain: problems === '' ? '' : t(language, 'consultatie.openFormAgain'),
  };
}
