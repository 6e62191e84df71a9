// The chronology: what each kind of entry holds, the one function that adds an entry, and typed
// reading of what was written. A command is recorded as its past-tense kind with the parsed command
// (without `type`) as its data; the reminder bookkeeping has data of its own (reminders/entries.ts).

import type { Command, CommandType } from './commands';
import type { Dossier, EntryHeader, EntryOf, LogEntry, LogKind, Step } from './dossier';
import type { ReminderSentData, ReminderSnoozedData } from './reminders/entries';

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
  withdrawConsultation: { kind: 'consultationWithdrawn', step: 'consultatie' },
  recordConsultationAdvice: { kind: 'consultationAdviceRecorded', step: 'consultatie' },
  confirmDecision: { kind: 'decisionConfirmed', step: 'beslissen' },
  sendBackDecision: { kind: 'decisionSentBack', step: 'beslissen' },
  addCoOwner: { kind: 'coOwnerAdded', step: undefined },
  removeCoOwner: { kind: 'coOwnerRemoved', step: undefined },
  handOverOwnership: { kind: 'ownershipHandedOver', step: undefined },
} as const satisfies Record<CommandType, { kind: string; step: Step | undefined }>;

/** The kind a command is recorded as. */
export type RecordedKind = (typeof RECORDED_AS)[CommandType]['kind'];

/** The data of the entries commands write: the command, without `type`. */
type CommandEntryData = {
  [C in Command as (typeof RECORDED_AS)[C['type']]['kind']]: Omit<C, 'type'>;
};

/** The data of every kind of entry. */
export interface EntryData extends CommandEntryData {
  /** The reminder scheduler recorded what became of a reminder (sent, unreachable, given up). */
  reminderSent: ReminderSentData;
  /** The recipient of a reminder asked for it again later. */
  reminderSnoozed: ReminderSnoozedData;
}

/** An entry before it is numbered: `append` gives it its sequence number. */
export type EntryDraft = { [K in LogKind]: Omit<EntryOf<K>, 'seq'> }[LogKind];

/** The sequence number the next entry gets: one more than the last. */
export function nextSeq(dossier: Pick<Dossier, 'log'>): number {
  return (dossier.log.at(-1)?.seq ?? 0) + 1;
}

/**
 * The one way an entry enters a log: numbered after the last. `updatedAt` (the last work on the
 * case) is the caller's: decide() moves it, the reminder bookkeeping does not.
 */
export function append<D extends Dossier>(dossier: D, draft: EntryDraft): { dossier: D; entry: LogEntry } {
  const entry: LogEntry = { ...withoutUndefined(draft), seq: nextSeq(dossier) };
  return { dossier: { ...dossier, log: [...dossier.log, entry] }, entry };
}

/**
 * The entry a command is recorded as (not numbered yet). RECORDED_AS pairs each command type with its
 * kind, and the data is that very command, so the pairing below holds by construction; TypeScript
 * cannot follow a correlated union through an index, hence the one assertion.
 */
export function commandEntry(command: Command, header: Omit<EntryHeader, 'seq' | 'step'>): EntryDraft {
  const { type, ...data } = command;
  const { kind, step } = RECORDED_AS[type];
  return { ...header, kind, step, data } as EntryDraft;
}

/** The entries of one kind, in log order, with their data typed. */
export function entriesOf<K extends LogKind>(dossier: Pick<Dossier, 'log'>, kind: K): EntryOf<K>[] {
  return dossier.log.filter((entry): entry is EntryOf<K> => entry.kind === kind);
}

/** Was a card with this submission id recorded before? */
export function hasSubmission(dossier: Dossier, submissionId: string): boolean {
  return dossier.log.some(
    (entry) => 'submissionId' in entry.data && entry.data.submissionId === submissionId,
  );
}

/** Stored JSON has no undefined: leave such keys out, so a dossier reads back exactly as it was written. */
export function withoutUndefined<T extends object>(value: T): T {
  const clean = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, inner]) => inner !== undefined)
            .map(([key, inner]) => [key, clean(inner)]),
        )
      : v;
  return clean(value) as T;
}
