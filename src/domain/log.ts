// The chronology: how each command is written into the log, and typed reading of what was written.
// Only decide() appends; every entry's `data` is the parsed command without its `type`, so the readers
// below can give it back with its type.

import type { Command, CommandType } from './commands';
import type { Dossier, LogEntry, LogKind, Step } from './dossier';

/** Each command is recorded as one past-tense entry, in the step it belongs to (if any). */
export const RECORDED_AS = {
  openDossier: { kind: 'dossierOpened', step: undefined },
  recordSignal: { kind: 'signalRecorded', step: 'signalen' },
  recordContact: { kind: 'contactRecorded', step: 'signalen' },
  recordNote: { kind: 'noteRecorded', step: undefined },
  recordConsultation: { kind: 'consultationRecorded', step: 'consultatie' },
  recordVeiligThuisAdvice: { kind: 'veiligThuisAdviceRecorded', step: 'consultatie' },
  recordConversation: { kind: 'conversationRecorded', step: 'gesprek' },
  skipConversation: { kind: 'conversationSkipped', step: 'gesprek' },
  recordWeighing: { kind: 'weighingRecorded', step: 'wegen' },
  answerAfwegingsvraag: { kind: 'afwegingsvraagAnswered', step: 'beslissen' },
  recordReport: { kind: 'reportRecorded', step: 'beslissen' },
  recordReportFeedback: { kind: 'reportFeedbackRecorded', step: 'beslissen' },
  recordHelpPlan: { kind: 'helpPlanRecorded', step: 'beslissen' },
  recordFollowUp: { kind: 'followUpRecorded', step: 'beslissen' },
  correctEntry: { kind: 'entryCorrected', step: undefined },
  closeDossier: { kind: 'dossierClosed', step: undefined },
  reopenDossier: { kind: 'dossierReopened', step: undefined },
  requestConsultation: { kind: 'consultationRequested', step: 'consultatie' },
  recordConsultationDelivery: { kind: 'consultationDelivered', step: 'consultatie' },
  acceptConsultation: { kind: 'consultationAccepted', step: 'consultatie' },
  declineConsultation: { kind: 'consultationDeclined', step: 'consultatie' },
  recordConsultationAdvice: { kind: 'consultationAdviceRecorded', step: 'consultatie' },
  confirmDecision: { kind: 'decisionConfirmed', step: 'beslissen' },
  sendBackDecision: { kind: 'decisionSentBack', step: 'beslissen' },
} as const satisfies Record<CommandType, { kind: LogKind; step: Step | undefined }>;

type RecordedKind = (typeof RECORDED_AS)[CommandType]['kind'];

/** The data of each kind of entry: the command it records, without `type`. */
export type EntryData = {
  [C in Command as (typeof RECORDED_AS)[C['type']]['kind']]: Omit<C, 'type'>;
};

export type EntryOf<K extends RecordedKind> = Omit<LogEntry, 'kind' | 'data'> & {
  kind: K;
  data: EntryData[K];
};

/** The entries of one kind, in log order, with their data typed. */
export function entriesOf<K extends RecordedKind>(dossier: Dossier, kind: K): EntryOf<K>[] {
  // decide() is the only writer and stores the parsed command as data, so the cast states a fact.
  return dossier.log.filter((entry) => entry.kind === kind) as unknown as EntryOf<K>[];
}

/** Was a card with this submission id recorded before? */
export function hasSubmission(dossier: Dossier, submissionId: string): boolean {
  return dossier.log.some((entry) => entry.data['submissionId'] === submissionId);
}
