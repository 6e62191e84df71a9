// The reminders' own vocabulary: which kinds there are, who a reminder is for, and what the
// scheduler and the snooze button write into the log.

import type { Role, Step } from '../dossier';

export const REMINDER_KINDS = [
  'stalledStep',
  'consultationNotAccepted',
  'consultationEscalation',
  'helpFollowUp',
  'reportFeedback',
  'stepsAfterReport',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Who writes the `reminderSent` entries. */
export const REMINDER_AUTHOR = { id: 'meldcode-bot', name: 'Meldcode-bot' } as const;

export interface Recipient {
  /** Entra object id. */
  id: string;
  role: Role;
}

export interface PendingReminder {
  /** Stable across retries and crashes; see the top of this file. */
  key: string;
  kind: ReminderKind;
  /** Sequence number of the log entry that set off the rule. */
  trigger: number;
  recipient: Recipient;
  /** The step the reminder's button opens. */
  step: Step;
  /**
   * When it goes out: the rule's moment moved into working time, and later for a snooze, a retry
   * after a failed delivery, or while another scheduler instance holds a claim on the dossier.
   */
  dueAt: string;
  /** 1 for the first delivery attempt, 2 after one failure, … */
  attempt: number;
  /** For the repeat of a snoozed reminder: the key of the reminder that was snoozed. */
  snoozedFrom?: string;
}

export interface ReminderSchedule {
  /** What `nextReminderAt` must be: the earliest due moment, never before working time; null for none. */
  nextAt: string | null;
  /** The reminders due at `nextAt`: what the dossier card shows ("next reminder … to …"). */
  next: PendingReminder[];
  /** Every reminder still to send, earliest first. */
  pending: PendingReminder[];
}

/** How a delivery ended, as recorded in the log. */
export type RecordedOutcome = 'sent' | 'unreachable' | 'failed';

/** The data of a `reminderSent` entry. */
export interface ReminderSentData {
  key: string;
  kind: ReminderKind;
  trigger: number;
  recipientId: string;
  recipientRole: Role;
  step: Step;
  dueAt: string;
  attempt: number;
  /** sent; unreachable (the person blocked or removed the bot); failed (gave up after retries). */
  outcome: RecordedOutcome;
  snoozedFrom?: string;
}

export type SnoozePeriod = 'dag' | 'week';
export const SNOOZE_PERIODS: readonly SnoozePeriod[] = ['dag', 'week'];

/** The data of a `reminderSnoozed` entry. */
export interface ReminderSnoozedData {
  key: string;
  period: SnoozePeriod;
  until: string;
}
