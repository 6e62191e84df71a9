// Step 3: the conversation with the pupil (and/or the parents), prepared along the step plan — or
// skipped with the concrete reason. Warns against talking to the parents where that is dangerous.

import { section, t, type Voice } from '../../i18n';
import {
  FORMS_WITHOUT_PARENT_CONVERSATION,
  entriesOf,
  specificFormsOf,
  todayInAmsterdam,
  type Dossier,
  type EntryData,
} from '../../domain';
import {
  dateHints,
  formatDate,
  newSubmissionId,
  problemsText,
  type FormState,
  type ViewData,
} from './common';
import { formNames, keptFields, latest, shortened, stepStatusText } from './step-lines';

/** Card input ids of the conversation form and the skip form. */
export const CONVERSATION_FIELDS = [
  'on',
  'withPupil',
  'withParents',
  'coordinatorPresent',
  'said',
  'reaction',
  'outcome',
  'parentsDespiteWarning',
  'parentsDespiteWarningReason',
  'reason',
] as const;

/** Before anything is typed: a conversation with the pupil; who else was there, the user ticks. */
const DEFAULTS: Record<string, string> = {
  withPupil: 'true',
  withParents: 'false',
  coordinatorPresent: 'false',
  parentsDespiteWarning: 'false',
};

function participantsText(
  voice: Voice,
  participants: EntryData['conversationRecorded']['participants'],
): string {
  const who = (['pupil', 'parents', 'coordinator'] as const).filter((p) => participants[p]);
  return who.map((p) => t(voice, `gesprek.participant.${p}`)).join(', ');
}

export function gesprekView(voice: Voice, dossier: Dossier, now: Date, state: FormState): ViewData {
  const texts = section(voice, 'gesprek');
  const warned = specificFormsOf(dossier).filter((form) => FORMS_WITHOUT_PARENT_CONVERSATION.includes(form));
  const held = entriesOf(dossier, 'conversationRecorded').map(({ seq, data }) => ({
    seq,
    line: `${formatDate(voice, data.on)} · ${participantsText(voice, data.participants)} · ${shortened(
      data.outcome,
    )}`,
  }));
  const skipped = entriesOf(dossier, 'conversationSkipped').map(({ seq, at, data }) => ({
    seq,
    line: `${formatDate(voice, at)} · ${t(voice, 'gesprek.skipped')} · ${shortened(data.reason)}`,
  }));
  const recent = latest([...held, ...skipped].sort((a, b) => a.seq - b.seq));
  const { values, errors } = keptFields(CONVERSATION_FIELDS, state, {
    fields: ['on', 'said', 'outcome', 'reason'],
    message: t(voice, 'gesprek.required'),
  });
  for (const [field, value] of Object.entries(DEFAULTS)) values[field] = values[field] ?? value;
  dateHints(voice, state, errors, { past: ['on'] });
  // The conversation is usually recorded the day it was held: today is filled in.
  values['on'] ??= todayInAmsterdam(now);
  const problems = problemsText(voice, state, {
    on: texts['on'] ?? '',
    participants: texts['participants'] ?? '',
    withPupil: texts['withPupil'] ?? '',
    withParents: texts['withParents'] ?? '',
    coordinatorPresent: texts['coordinatorPresent'] ?? '',
    said: texts['said'] ?? '',
    reaction: texts['reaction'] ?? '',
    outcome: texts['outcome'] ?? '',
    parentsDespiteWarning: texts['parentsDespiteWarning'] ?? '',
    parentsDespiteWarningReason: texts['parentsDespiteWarningReason'] ?? '',
    reason: texts['reason'] ?? '',
  });
  return {
    t: texts,
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    today: todayInAmsterdam(now),
    conversationSubmissionId: newSubmissionId(),
    skipSubmissionId: newSubmissionId(),
    statusText: stepStatusText(voice, dossier, 'gesprek'),
    parentsWarning:
      warned.length === 0 ? '' : t(voice, 'gesprek.parentsWarning', { forms: formNames(voice, warned) }),
    recordedText:
      recent.length === 0
        ? t(voice, 'gesprek.none')
        : t(voice, 'gesprek.recorded', { count: held.length + skipped.length }),
    recent: recent.map(({ line }) => ({ line })),
    values,
    errors,
    problemsText: problems,
    openFormAgain: problems === '' ? '' : t(voice, 'gesprek.openFormAgain'),
  };
}
