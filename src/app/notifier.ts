// The one way out for proactive messages (architecture habit 10): `notify(recipient, message)`.
// The Teams implementation (src/bot) knows the saved conversation references, retries 429 and 5xx
// with backoff and jitter, keeps Teams' per-conversation limits, and turns a 403 (bot blocked or
// removed) into 'unreachable'. The scheduler only sees the three outcomes below.
//
// A reminder may be posted where others read along (a care-team channel), so the messages carry a
// dossier number, ids and codes, and never pupil data or text anyone typed. Each is built here by
// naming its fields one by one, so nothing else of a dossier can slip in.

import type {
  Dossier,
  OverviewLine,
  PendingReminder,
  ReminderKind,
  Role,
  SnoozePeriod,
  Step,
  WeeklyOverview,
} from '../domain';
import { SNOOZE_PERIODS } from '../domain';

/**
 * sent: delivered. unreachable: this person cannot be reached (blocked or removed the bot); recorded
 * and not retried. retryLater: a passing failure (throttled, a server error, a timeout); the
 * scheduler tries again after a backoff.
 */
export type NotifyOutcome = 'sent' | 'unreachable' | 'retryLater';

/** A reminder about one dossier, for one person. */
export interface DossierReminderMessage {
  type: 'dossierReminder';
  /**
   * Stable for this reminder to this person across retries and crashes: a message with a key that
   * was delivered before is a resend, and the Teams side must not show it twice.
   */
  key: string;
  kind: ReminderKind;
  schoolId: string;
  /** The Entra tenant of the school (the Teams side needs it to reach the person). */
  tenantId: string;
  /** Opaque id, for the card's buttons (open the step, snooze). */
  dossierId: string;
  /** What people read, e.g. MC-2026-0042. */
  dossierNumber: string;
  /** The step the button opens (for helpFollowUp: step 5 with the answers to afwegingsvraag 5). */
  step: Step;
  /**
   * For a consultation that waits to be accepted: the consultation, whose card (with accepting and
   * advising on it) the zorgcoördinator's button opens instead of the owner's step.
   */
  consultationId?: number;
  recipient: { kind: 'person'; id: string; role: Role };
  /** When the rule made it due (ISO). */
  dueAt: string;
  /** 1 for the first delivery attempt; higher for retries after a failure or a crash. */
  attempt: number;
  /** The snooze buttons on the card. */
  snoozeOptions: readonly SnoozePeriod[];
}

/** The weekly overview of a school's open dossiers, for a zorgcoördinator or the care-team channel. */
export interface WeeklyOverviewMessage {
  type: 'weeklyOverview';
  key: string;
  schoolId: string;
  tenantId: string;
  week: string;
  recipient:
    { kind: 'person'; id: string; role: 'zorgcoordinator' } | { kind: 'careTeamChannel'; id: string };
  total: number;
  byStep: Record<Step, number>;
  dossiers: OverviewLine[];
}

export type ReminderMessage = DossierReminderMessage | WeeklyOverviewMessage;

export interface Notifier {
  /** Deliver one message; resolve with the outcome. A rejection counts as 'retryLater'. */
  notify(recipientId: string, reminder: ReminderMessage): Promise<NotifyOutcome>;
}

/** The message for a pending reminder: the dossier's number and ids, nothing about the pupil. */
export function dossierReminderMessage(dossier: Dossier, reminder: PendingReminder): DossierReminderMessage {
  return {
    type: 'dossierReminder',
    key: reminder.key,
    kind: reminder.kind,
    schoolId: dossier.schoolId,
    tenantId: dossier.tenantId,
    dossierId: dossier.id,
    dossierNumber: dossier.number,
    step: reminder.step,
    // The rule of a waiting consultation is set off by the request: its seq is the consultation's id.
    ...(reminder.kind === 'consultationNotAccepted' ? { consultationId: reminder.trigger } : {}),
    recipient: { kind: 'person', id: reminder.recipient.id, role: reminder.recipient.role },
    dueAt: reminder.dueAt,
    attempt: reminder.attempt,
    snoozeOptions: SNOOZE_PERIODS,
  };
}

export function weeklyOverviewMessage(
  overview: WeeklyOverview,
  tenantId: string,
  key: string,
  recipient: WeeklyOverviewMessage['recipient'],
): WeeklyOverviewMessage {
  return {
    type: 'weeklyOverview',
    key,
    schoolId: overview.schoolId,
    tenantId,
    week: overview.week,
    recipient,
    total: overview.total,
    byStep: { ...overview.byStep },
    dossiers: overview.dossiers.map((line) => ({
      dossierNumber: line.dossierNumber,
      step: line.step,
      waitingWorkingDays: line.waitingWorkingDays,
    })),
  };
}
