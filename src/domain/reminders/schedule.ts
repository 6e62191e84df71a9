// The rules: which reminders a dossier owes whom, and when; `nextReminderAt` follows from them.

import { afwegingskaderState } from '../afwegingskader';
import { personNameIn, ownerIdsOf } from '../co-owners';
import { consultations } from '../consultation';
import { STEPS, type Dossier, type LogEntry, type ReminderDelivery, type Step } from '../dossier';
import { entriesOf } from '../log';
import { isCoordinatorOf, type School } from '../school';
import { isDone, stepStatuses, stepsAfterAcuteReport } from '../steps';
import type { WorkingCalendar } from '../working-time';
import type {
  PendingReminder,
  Recipient,
  ReminderKind,
  ReminderSchedule,
  ReminderSentData,
  ReminderSnoozedData,
} from './entries';
import { reminderSettingsOf, workingCalendarOf, type ReminderSettings } from './settings';

const BOOKKEEPING_KINDS: ReadonlySet<LogEntry['kind']> = new Set(['reminderSent', 'reminderSnoozed']);

/** Is this entry work on the case (not the scheduler's or the snooze button's bookkeeping)? */
function isActivity(entry: LogEntry): boolean {
  return !BOOKKEEPING_KINDS.has(entry.kind);
}

/** The step to work on: the first one not done yet; once all are done, the decision (step 5). */
export function currentStep(dossier: Dossier): Step {
  const statuses = stepStatuses(dossier);
  return STEPS.find((step) => !isDone(statuses[step])) ?? 'beslissen';
}

/** The dossier with its progress as it is now (the same object when it did not change). */
export function withProgress(dossier: Dossier): Dossier {
  const progress = { step: currentStep(dossier), lastActivityAt: lastActivityAt(dossier) };
  const current = dossier.progress;
  if (current?.step === progress.step && current.lastActivityAt === progress.lastActivityAt) return dossier;
  return { ...dossier, progress };
}

/** When someone last worked on the dossier (any entry except reminder bookkeeping). */
export function lastActivityAt(dossier: Dossier): string {
  const last = dossier.log.filter(isActivity).at(-1);
  return last?.at ?? dossier.openedAt;
}

function reminderKey(dossier: Dossier, kind: ReminderKind, trigger: number, recipientId: string): string {
  return `${dossier.id}:${kind}:${trigger}:${recipientId}`;
}

/** The data of a reminderSent entry. */
export function reminderSentData(entry: LogEntry): ReminderSentData | undefined {
  return entry.kind === 'reminderSent' ? entry.data : undefined;
}

/** The data of a reminderSnoozed entry. */
export function snoozedData(entry: LogEntry): ReminderSnoozedData | undefined {
  return entry.kind === 'reminderSnoozed' ? entry.data : undefined;
}

/** One rule firing: who is owed a reminder about what, from which moment (before working time). */
export interface Occurrence {
  kind: ReminderKind;
  trigger: number;
  recipients: Recipient[];
  step: Step;
  at: Date;
}

/** Each person once, the first role given wins (an owner who is also zorgcoördinator stays owner). */
function distinct(recipients: Recipient[]): Recipient[] {
  const seen = new Set<string>();
  return recipients.filter((r) => {
    if (seen.has(r.id)) return false;
    seen.add(r.id);
    return true;
  });
}

/**
 * The zorgcoördinatoren of the dossier who still are one at the school (someone taken out of the
 * settings is reminded of nothing), or else all of the school's.
 */
function coordinatorsOf(dossier: Dossier, school: School): Recipient[] {
  const current = dossier.coordinatorIds.filter((id) => isCoordinatorOf(school, id));
  const ids = current.length > 0 ? current : school.coordinators.map((c) => c.id);
  return ids.map((id) => ({ id, role: 'zorgcoordinator' }));
}

/** The owner and the co-owners: a co-owner shares the owner's work, so the owner's reminders too. */
const owners = (dossier: Dossier): Recipient[] => ownerIdsOf(dossier).map((id) => ({ id, role: 'eigenaar' }));

/**
 * Every consultation still waiting for the zorgcoördinator to accept it (consultation.ts; declining
 * or giving advice also ends the wait): first the zorgcoördinator asked, later the beslisser.
 */
function consultationOccurrences(
  dossier: Dossier,
  school: School,
  settings: ReminderSettings,
  calendar: WorkingCalendar,
): Occurrence[] {
  return consultations(dossier)
    .filter((c) => c.status === 'requested')
    .flatMap((c): Occurrence[] => {
      const requestedAt = new Date(c.requestedAt);
      const coordinators: Recipient[] =
        c.coordinatorId && isCoordinatorOf(school, c.coordinatorId)
          ? [{ id: c.coordinatorId, role: 'zorgcoordinator' }]
          : coordinatorsOf(dossier, school);
      return [
        {
          kind: 'consultationNotAccepted',
          trigger: c.id,
          recipients: coordinators,
          step: 'consultatie',
          at: calendar.addWorkingDays(requestedAt, settings.consultationWorkingDays),
        },
        {
          kind: 'consultationEscalation',
          trigger: c.id,
          recipients: [{ id: school.decisionMaker.id, role: 'beslisser' }],
          step: 'consultatie',
          at: calendar.addWorkingDays(
            requestedAt,
            settings.consultationWorkingDays + settings.consultationEscalationWorkingDays,
          ),
        },
      ];
    });
}

/**
 * Help was chosen (question 4 yes), a plan with a follow-up date recorded, question 5 still open. The
 * same after a report, when questions 3 to 5 are answered with Veilig Thuis (afwegingskader.ts).
 */
function helpFollowUpOccurrences(dossier: Dossier, school: School, calendar: WorkingCalendar): Occurrence[] {
  const state = afwegingskaderState(dossier);
  if (state.nextQuestion !== 5) return [];
  const acceptance = state.answers.find((a) => a.question === 4);
  const plan = entriesOf(dossier, 'helpPlanRecorded')
    .filter((e) => e.seq > (acceptance?.seq ?? 0))
    .at(-1);
  if (!plan) return [];
  return [
    {
      kind: 'helpFollowUp',
      trigger: plan.seq,
      recipients: distinct([...owners(dossier), ...coordinatorsOf(dossier, school)]),
      step: 'beslissen',
      at: calendar.opening(plan.data.followUpOn),
    },
  ];
}

/**
 * After an acute report (Veilig Thuis or 112 called before steps 1 to 4 were done) the owner is
 * reminded, this many working days later, to complete the steps still missing.
 */
export const STEPS_AFTER_ACUTE_REPORT_WORKING_DAYS = 1;

/** An acute report with steps still to complete: the owner is reminded of the first of them. */
function stepsAfterReportOccurrences(dossier: Dossier, calendar: WorkingCalendar): Occurrence[] {
  const acute = stepsAfterAcuteReport(dossier);
  const report = acute && dossier.log.find((e) => e.seq === acute.reportSeq);
  const first = acute?.missing[0];
  if (!report || !first) return [];
  return [
    {
      kind: 'stepsAfterReport',
      trigger: report.seq,
      recipients: owners(dossier),
      step: first,
      at: calendar.addWorkingDays(new Date(report.at), STEPS_AFTER_ACUTE_REPORT_WORKING_DAYS),
    },
  ];
}

/** The latest report, if Veilig Thuis's feedback has not been recorded since. */
function reportFeedbackOccurrences(
  dossier: Dossier,
  settings: ReminderSettings,
  calendar: WorkingCalendar,
): Occurrence[] {
  const report = entriesOf(dossier, 'reportRecorded').at(-1);
  if (!report) return [];
  if (entriesOf(dossier, 'reportFeedbackRecorded').some((e) => e.seq > report.seq)) return [];
  // After N full working days following the day of the report: at the opening of the day after.
  const day = calendar.addWorkingDaysToDate(report.data.on, settings.reportFeedbackWorkingDays + 1);
  return [
    {
      kind: 'reportFeedback',
      trigger: report.seq,
      recipients: owners(dossier),
      step: 'beslissen',
      at: calendar.opening(day),
    },
  ];
}

/**
 * N working days after the last entry (activity, or the last reminder sent, so that it repeats)
 * without activity. The snooze button's entries do not count either way.
 */
function stalledStepOccurrence(
  dossier: Dossier,
  settings: ReminderSettings,
  calendar: WorkingCalendar,
): Occurrence | undefined {
  const last = dossier.log.filter((e) => e.kind !== 'reminderSnoozed').at(-1);
  if (!last) return undefined;
  return {
    kind: 'stalledStep',
    trigger: last.seq,
    recipients: owners(dossier),
    step: currentStep(dossier),
    at: calendar.addWorkingDays(new Date(last.at), settings.stalledStepWorkingDays),
  };
}

/** Is the rule that set off a sent reminder still waiting for someone (so a snooze may repeat it)? */
export function stillOpen(
  dossier: Dossier,
  kind: ReminderKind,
  trigger: number,
  rules: Occurrence[],
): boolean {
  if (kind === 'stalledStep') return !dossier.log.some((e) => e.seq > trigger && isActivity(e));
  return rules.some((o) => o.kind === kind && o.trigger === trigger);
}

interface Unsent {
  key: string;
  kind: ReminderKind;
  trigger: number;
  recipient: Recipient;
  step: Step;
  at: Date;
  snoozedFrom?: string;
}

/** What the rules owe now (without the stalled-step rule, which rests while another is owed). */
export function ruleOccurrences(
  dossier: Dossier,
  school: School,
  settings: ReminderSettings,
  calendar: WorkingCalendar,
): Occurrence[] {
  return [
    ...consultationOccurrences(dossier, school, settings, calendar),
    ...helpFollowUpOccurrences(dossier, school, calendar),
    ...reportFeedbackOccurrences(dossier, settings, calendar),
    ...stepsAfterReportOccurrences(dossier, calendar),
  ];
}

/** Every reminder the rules owe and that was not recorded as delivered yet, before working time. */
function unsentReminders(
  dossier: Dossier,
  school: School,
  settings: ReminderSettings,
  calendar: WorkingCalendar,
): Unsent[] {
  const sent = new Map<string, ReminderSentData>();
  for (const entry of dossier.log) {
    const data = reminderSentData(entry);
    if (data) sent.set(data.key, data);
  }
  const rules = ruleOccurrences(dossier, school, settings, calendar);
  const expand = (o: Occurrence): Unsent[] =>
    o.recipients
      .map((recipient) => ({
        key: reminderKey(dossier, o.kind, o.trigger, recipient.id),
        kind: o.kind,
        trigger: o.trigger,
        recipient,
        step: o.step,
        at: o.at,
      }))
      .filter((r) => !sent.has(r.key));

  const snoozed: Unsent[] = [];
  for (const entry of dossier.log) {
    const snooze = snoozedData(entry);
    const original = snooze && sent.get(snooze.key);
    if (!snooze || !original || !stillOpen(dossier, original.kind, original.trigger, rules)) continue;
    const key = `${snooze.key}:snooze-${entry.seq}`;
    if (sent.has(key)) continue;
    snoozed.push({
      key,
      kind: original.kind,
      trigger: original.trigger,
      recipient: { id: original.recipientId, role: original.recipientRole },
      step: original.kind === 'stalledStep' ? currentStep(dossier) : original.step,
      at: new Date(snooze.until),
      snoozedFrom: snooze.key,
    });
  }

  const owed = [...rules.flatMap(expand), ...snoozed];
  // A dossier that waits for something with its own reminder is not stalled.
  const waiting = owed.some((r) => r.kind !== 'stalledStep');
  const stalled = waiting ? undefined : stalledStepOccurrence(dossier, settings, calendar);
  return [...owed, ...(stalled ? expand(stalled) : [])];
}

function claimActive(delivery: ReminderDelivery | undefined, now: Date): ReminderDelivery['claim'] {
  const claim = delivery?.claim;
  return claim && new Date(claim.until) > now ? claim : null;
}

const later = (a: Date, b: Date): Date => (a > b ? a : b);

/**
 * Which reminders this dossier owes, when, and what `nextReminderAt` must be. The app calls this
 * after every change (`withNextReminder`); the dossier card shows `next`.
 */
export function scheduleOf(dossier: Dossier, school: School, now: Date): ReminderSchedule {
  if (dossier.status === 'closed') return { nextAt: null, next: [], pending: [] };
  const settings = reminderSettingsOf(school);
  const calendar = workingCalendarOf(school);
  const claim = claimActive(dossier.reminderDelivery, now);
  const retries = new Map((dossier.reminderDelivery?.retries ?? []).map((r) => [r.key, r]));

  const pending = unsentReminders(dossier, school, settings, calendar)
    .map((r): PendingReminder => {
      const retry = retries.get(r.key);
      let due = calendar.nextWorkingMoment(retry ? later(r.at, new Date(retry.notBefore)) : r.at);
      if (claim) due = calendar.nextWorkingMoment(later(due, new Date(claim.until)));
      return {
        key: r.key,
        kind: r.kind,
        trigger: r.trigger,
        recipient: r.recipient,
        step: r.step,
        dueAt: due.toISOString(),
        attempt: (retry?.attempts ?? 0) + 1,
        ...(r.snoozedFrom ? { snoozedFrom: r.snoozedFrom } : {}),
      };
    })
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.key.localeCompare(b.key));

  const first = pending[0];
  if (!first) return { nextAt: null, next: [], pending };
  // Overdue reminders go out at the next moment of working time from now, not in the past: a
  // sweep at night then moves the dossier to the morning instead of finding it due all night.
  const nextAt = later(new Date(first.dueAt), calendar.nextWorkingMoment(now)).toISOString();
  return { nextAt, next: pending.filter((r) => r.dueAt === first.dueAt), pending };
}

/** What the dossier card shows: when the next reminder goes out, what about, and to whom (by name). */
export interface NextReminder {
  at: string;
  reminders: { kind: ReminderKind; step: Step; recipient: Recipient & { name: string } }[];
}

/** The next reminder of a dossier with the recipients' names (staff names, from the school), or null. */
export function nextReminderOf(dossier: Dossier, school: School, now: Date): NextReminder | null {
  const { nextAt, next } = scheduleOf(dossier, school, now);
  if (nextAt === null) return null;
  const nameOf = (id: string): string => personNameIn(dossier, school, id) ?? id;
  return {
    at: nextAt,
    reminders: next.map((r) => ({
      kind: r.kind,
      step: r.step,
      recipient: { ...r.recipient, name: nameOf(r.recipient.id) },
    })),
  };
}

/** The dossier with `nextReminderAt` as its schedule says. The app saves this after decide(). */
export function withNextReminder(dossier: Dossier, school: School, now: Date): Dossier {
  const { nextAt } = scheduleOf(dossier, school, now);
  return nextAt === dossier.nextReminderAt ? dossier : { ...dossier, nextReminderAt: nextAt };
}

/**
 * The reminders to send now: due, in working time, not held by another instance's claim. A closed
 * dossier has none.
 */
export function dueReminders(dossier: Dossier, school: School, now: Date): PendingReminder[] {
  if (dossier.status === 'closed' || claimActive(dossier.reminderDelivery, now)) return [];
  if (!workingCalendarOf(school).isWorkingTime(now)) return [];
  const at = now.toISOString();
  return scheduleOf(dossier, school, now).pending.filter((r) => r.dueAt <= at);
}
