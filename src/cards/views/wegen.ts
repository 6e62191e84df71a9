// Step 4: weigh the suspicion and the unsafety on the basis of steps 1 to 3, with the reasoning;
// in doubt, consult Veilig Thuis (again) and record their advice on the same card.

import { section, t, type Voice } from '../../i18n';
import { entriesOf, todayInAmsterdam, type Dossier } from '../../domain';
import { formatDate, newSubmissionId, problemsText, type FormState, type ViewData } from './common';
import { veiligThuisAdviceLines, veiligThuisAdviceSummary } from './consultatie';
import { keptFields, latest, shortened, stepStatusText, veiligThuisAdviceForm } from './step-lines';

/** Card input ids of the weighing form. */
export const WEIGHING_FIELDS = ['suspicion', 'acuteUnsafety', 'structuralUnsafety', 'reasoning'] as const;

export function wegenView(voice: Voice, dossier: Dossier, now: Date, state: FormState): ViewData {
  const texts = section(voice, 'wegen');
  const answer = (yes: boolean) => t(voice, yes ? 'wegen.yes' : 'wegen.no').toLowerCase();
  const weighings = entriesOf(dossier, 'weighingRecorded');
  const advice = veiligThuisAdviceForm(voice, now, state, 'wegen');
  const weighing = keptFields(WEIGHING_FIELDS, state);
  const problems = problemsText(voice, state, {
    suspicion: texts['suspicion'] ?? '',
    acuteUnsafety: texts['acuteUnsafety'] ?? '',
    structuralUnsafety: texts['structuralUnsafety'] ?? '',
    reasoning: texts['reasoning'] ?? '',
    ...advice.labels,
  });
  return {
    t: texts,
    vt: advice.vt,
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    weighingSubmissionId: newSubmissionId(),
    statusText: stepStatusText(voice, dossier, 'wegen'),
    yesNo: [
      { id: 'true', title: t(voice, 'wegen.yes') },
      { id: 'false', title: t(voice, 'wegen.no') },
    ],
    recordedText:
      weighings.length === 0
        ? t(voice, 'wegen.none')
        : t(voice, 'wegen.recorded', { count: weighings.length }),
    recent: latest(weighings).map(({ at, data }) => ({
      line: `${formatDate(voice, at)} · ${t(voice, 'wegen.line', {
        suspicion: answer(data.suspicion),
        acute: answer(data.acuteUnsafety),
        structural: answer(data.structuralUnsafety),
      })} · ${shortened(data.reasoning)}`,
    })),
    advicesText: veiligThuisAdviceSummary(voice, dossier),
    advices: veiligThuisAdviceLines(voice, dossier).slice(0, 1),
    values: { ...weighing.values, ...advice.values },
    errors: { ...weighing.errors, ...advice.errors },
    problemsText: problems,
    openFormAgain:
      problems !== '' && Object.keys(state.errors).some((field) => field.startsWith('vt'))
        ? t(voice, 'wegen.openFormAgain')
        : '',
    today: todayInAmsterdam(now),
  };
}
