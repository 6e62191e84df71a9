// Reminders: which reminder each dossier owes whom, and when. People forget; the bot must not.
//
// The rules (every period configurable per school, in working days):
//   stalledStep              no activity on an open dossier for N working days → the owner, with the
//                            step to open (the first step not yet done); repeats every N working days
//                            while nothing happens, and rests while another reminder is still pending
//                            (a help plan's follow-up date, a report awaiting feedback, a consultation).
//   consultationNotAccepted  a consultation requested and not accepted (nor declined or answered)
//                            within N working days → the zorgcoördinator asked; after a further
//                            period → consultationEscalation to the beslisser.
//   helpFollowUp             the follow-up date of a help plan → the owner and the zorgcoördinator(s),
//                            to answer afwegingsvraag 5.
//   reportFeedback           a report made → after five full working days, the owner, to record Veilig
//                            Thuis's feedback.
//   weekly overview          per school, for each zorgcoördinator: the open dossiers (numbers, steps,
//                            waiting times; no pupil data).
// Reminders go out in working time only (working-time.ts); a recipient can snooze one for a day or
// a week; a closed dossier gets none.
//
// Everything is derived from the dossier's log plus its `reminderDelivery` bookkeeping, so that the
// app can recompute `nextReminderAt` after any change with scheduleOf(), and the scheduler can find,
// claim, send and record reminders without keeping any state of its own. Pure: the clock is passed in.
//
// Keys: each reminder to each recipient has a key that is stable across retries and crashes,
// `<dossier id>:<kind>:<seq of the entry that triggered it>:<recipient id>` (a snoozed reminder's
// repeat adds `:snooze-<seq of the snooze>`). A key is recorded once in the log (`reminderSent`) and
// never sent again after that; the delivery side uses it to recognise a resend after a crash.

import { z } from 'zod';
import { afwegingskaderState } from './afwegingskader';
import { isCalendarDate } from './calendar';
import { consultations } from './consultation';
import type { Actor } from './decide';
import { STEPS, type Dossier, type LogEntry, type ReminderDelivery, type Role, type Step } from './dossier';
import { entriesOf } from './log';
import type { School } from './school';
import { isDone, stepStatuses } from './steps';
import {
  WorkingCalendar,
  addDays,
  isTimeZone,
  isWallTime,
  isoWeekOf,
  minutesOfWallTime,
  mondayOf,
  type WorkingTimeSettings,
} from './working-time';

// ---- Settings -------------------------------------------------------------------------------------

export interface ReminderSettings extends WorkingTimeSettings {
  /** No activity for this many working days: the owner is reminded. */
  stalledStepWorkingDays: number;
  /** A consultation not accepted within this many working days: the zorgcoördinator is reminded. */
  consultationWorkingDays: number;
  /** …and when it is still not accepted this many working days later: the beslisser. */
  consultationEscalationWorkingDays: number;
  /** Full working days after a report before the owner is asked for Veilig Thuis's feedback. */
  reportFeedbackWorkingDays: number;
  /** ISO weekday of the weekly overview (1 = Monday), or null for none. */
  weeklyOverviewWeekday: number | null;
  /** Also post the weekly overview in the care-team channel (when the school has one). */
  weeklyOverviewToCareTeamChannel: boolean;
}

export const DEFAULT_REMINDER_SETTINGS: Readonly<ReminderSettings> = Object.freeze({
  timeZone: 'Europe/Amsterdam',
  schoolHours: Object.freeze({ start: '08:00', end: '17:00' }),
  workingDays: Object.freeze([1, 2, 3, 4, 5]),
  holidays: Object.freeze([]),
  stalledStepWorkingDays: 10,
  consultationWorkingDays: 3,
  consultationEscalationWorkingDays: 2,
  reportFeedbackWorkingDays: 5,
  weeklyOverviewWeekday: 1,
  weeklyOverviewToCareTeamChannel: false,
});

const workingDayCount = z.number().int().min(1).max(60);
const calendarDate = z.string().refine(isCalendarDate, 'expected a date written YYYY-MM-DD');
const wallTime = z.string().refine(isWallTime, 'expected a time written HH:MM');

/**
 * The `reminders` object of a school in the configuration (every field optional; defaults in
 * DEFAULT_REMINDER_SETTINGS). For config.ts: `reminders: reminderSettingsSchema.optional()`.
 */
export const reminderSettingsSchema = z
  .strictObject({
    timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone such as Europe/Amsterdam'),
    schoolHours: z
      .strictObject({ start: wallTime, end: wallTime })
      // Runs even when a time failed above: then that failure is the one to report.
      .refine(
        (h) =>
          !isWallTime(h.start) || !isWallTime(h.end) || minutesOfWallTime(h.start) < minutesOfWallTime(h.end),
        {
          message: 'school hours must end after they start',
          path: ['end'],
        },
      ),
    workingDays: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'at least one working day (1 = Monday … 7 = Sunday)'),
    holidays: z.array(
      z
        .strictObject({ from: calendarDate, to: calendarDate, name: z.string().max(100).optional() })
        .refine((h) => h.from <= h.to, { message: 'a holiday ends on or after its first day', path: ['to'] }),
    ),
    stalledStepWorkingDays: workingDayCount,
    consultationWorkingDays: workingDayCount,
    consultationEscalationWorkingDays: workingDayCount,
    reportFeedbackWorkingDays: workingDayCount,
    weeklyOverviewWeekday: z.number().int().min(1).max(7).nullable(),
    weeklyOverviewToCareTeamChannel: z.boolean(),
  })
  .partial();

/** The school's reminder settings with the defaults filled in. */
export function reminderSettingsOf(school: Pick<School, 'reminders'>): ReminderSettings {
  const given = Object.fromEntries(
    Object.entries(school.reminders ?? {}).filter(([, value]) => value !== undefined),
  ) as Partial<ReminderSettings>;
  return { ...DEFAULT_REMINDER_SETTINGS, ...given };
}

/** The school's working calendar (working days, holidays, school hours, time zone). */
export function workingCalendarOf(school: Pick<School, 'reminders'>): WorkingCalendar {
  return new WorkingCalendar(reminderSettingsOf(school));
}

// ---- Reminders --------------------------------------------------------------------------------------

export const REMINDER_KINDS = [
  'stalledStep',
  'consultationNotAccepted',
  'consultationEscalation',
  'helpFollowUp',
  'reportFeedback',
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

/** When someone last worked on the dossier (any entry except reminder bookkeeping). */
export function lastActivityAt(dossier: Dossier): string {
  const last = dossier.log.filter(isActivity).at(-1);
  return last?.at ?? dossier.openedAt;
}

function reminderKey(dossier: Dossier, kind: ReminderKind, trigger: number, recipientId: string): string {
  return `${dossier.id}:${kind}:${trigger}:${recipientId}`;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isRole = (value: unknown): value is Role =>
  value === 'eigenaar' || value === 'zorgcoordinator' || value === 'beslisser';
const isKind = (value: unknown): value is ReminderKind => REMINDER_KINDS.some((kind) => kind === value);
const isStep = (value: unknown): value is Step => STEPS.some((step) => step === value);

/** The data of a reminderSent entry, when it has the shape this file writes. */
export function reminderSentData(entry: LogEntry): ReminderSentData | undefined {
  if (entry.kind !== 'reminderSent') return undefined;
  const d = entry.data;
  const outcome = d['outcome'];
  if (
    !isString(d['key']) ||
    !isKind(d['kind']) ||
    typeof d['trigger'] !== 'number' ||
    !isString(d['recipientId']) ||
    !isRole(d['recipientRole']) ||
    !isStep(d['step']) ||
    !isString(d['dueAt']) ||
    typeof d['attempt'] !== 'number' ||
    (outcome !== 'sent' && outcome !== 'unreachable' && outcome !== 'failed')
  ) {
    return undefined;
  }
  return {
    key: d['key'],
    kind: d['kind'],
    trigger: d['trigger'],
    recipientId: d['recipientId'],
    recipientRole: d['recipientRole'],
    step: d['step'],
    dueAt: d['dueAt'],
    attempt: d['attempt'],
    outcome,
    ...(isString(d['snoozedFrom']) ? { snoozedFrom: d['snoozedFrom'] } : {}),
  };
}

function snoozedData(entry: LogEntry): ReminderSnoozedData | undefined {
  if (entry.kind !== 'reminderSnoozed') return undefined;
  const { key, period, until } = entry.data;
  if (!isString(key) || !isString(until) || (period !== 'dag' && period !== 'week')) return undefined;
  return { key, period, until };
}

/** One rule firing: who is owed a reminder about what, from which moment (before working time). */
interface Occurrence {
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

function coordinatorsOf(dossier: Dossier, school: School): Recipient[] {
  const ids =
    dossier.coordinatorIds.length > 0 ? dossier.coordinatorIds : school.coordinators.map((c) => c.id);
  return ids.map((id) => ({ id, role: 'zorgcoordinator' }));
}

const owner = (dossier: Dossier): Recipient => ({ id: dossier.ownerId, role: 'eigenaar' });

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
      const coordinators: Recipient[] = c.coordinatorId
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

/** Help was chosen (question 4 yes), a plan with a follow-up date recorded, question 5 still open. */
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
      recipients: distinct([owner(dossier), ...coordinatorsOf(dossier, school)]),
      step: 'beslissen',
      at: calendar.opening(plan.data.followUpOn),
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
      recipients: [owner(dossier)],
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
    recipients: [owner(dossier)],
    step: currentStep(dossier),
    at: calendar.addWorkingDays(new Date(last.at), settings.stalledStepWorkingDays),
  };
}

/** Is the rule that set off a sent reminder still waiting for someone (so a snooze may repeat it)? */
function stillOpen(dossier: Dossier, kind: ReminderKind, trigger: number, rules: Occurrence[]): boolean {
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

/** Every reminder the rules owe and that was not recorded as delivered yet, before working time. */
function unsentReminders(dossier: Dossier, school: School, settings: ReminderSettings): Unsent[] {
  const calendar = new WorkingCalendar(settings);
  const sent = new Map<string, ReminderSentData>();
  for (const entry of dossier.log) {
    const data = reminderSentData(entry);
    if (data) sent.set(data.key, data);
  }
  const rules = [
    ...consultationOccurrences(dossier, school, settings, calendar),
    ...helpFollowUpOccurrences(dossier, school, calendar),
    ...reportFeedbackOccurrences(dossier, settings, calendar),
  ];
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
  const calendar = new WorkingCalendar(settings);
  const claim = claimActive(dossier.reminderDelivery, now);
  const retries = new Map((dossier.reminderDelivery?.retries ?? []).map((r) => [r.key, r]));

  const pending = unsentReminders(dossier, school, settings)
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
  const nameOf = (id: string): string =>
    id === dossier.ownerId
      ? dossier.ownerName
      : (school.coordinators.find((c) => c.id === id)?.name ??
        (school.decisionMaker.id === id ? school.decisionMaker.name : id));
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

/**
 * Claim reminders for sending until `until`: saved with the version read, this write is what makes
 * one scheduler instance the only sender. `nextReminderAt` moves to `until`, so that if the sender
 * dies before it records the outcome, the reminders fall due again when the claim runs out.
 */
export function claimReminders(
  dossier: Dossier,
  claim: { token: string; until: Date },
  reminders: readonly PendingReminder[],
): Dossier {
  const until = claim.until.toISOString();
  return {
    ...dossier,
    nextReminderAt: until,
    reminderDelivery: {
      claim: { token: claim.token, until, keys: reminders.map((r) => r.key) },
      retries: dossier.reminderDelivery?.retries ?? [],
    },
  };
}

export type Delivery =
  | { reminder: PendingReminder; outcome: RecordedOutcome }
  | { reminder: PendingReminder; outcome: 'retryLater'; retryAt: Date };

/**
 * Record what became of claimed reminders: one `reminderSent` entry per delivered (or given up)
 * key, never two for the same key; a retry time for the others; the claim released (when it is
 * still this one); `nextReminderAt` recomputed.
 */
export function recordDeliveries(
  dossier: Dossier,
  school: School,
  record: { token: string; deliveries: readonly Delivery[] },
  now: Date,
): Dossier {
  const logged = new Set(dossier.log.flatMap((e) => reminderSentData(e)?.key ?? []));
  const log = [...dossier.log];
  const at = now.toISOString();
  for (const delivery of record.deliveries) {
    if (delivery.outcome === 'retryLater' || logged.has(delivery.reminder.key)) continue;
    const r = delivery.reminder;
    logged.add(r.key);
    const data: ReminderSentData = {
      key: r.key,
      kind: r.kind,
      trigger: r.trigger,
      recipientId: r.recipient.id,
      recipientRole: r.recipient.role,
      step: r.step,
      dueAt: r.dueAt,
      attempt: r.attempt,
      outcome: delivery.outcome,
      ...(r.snoozedFrom ? { snoozedFrom: r.snoozedFrom } : {}),
    };
    log.push({
      seq: (log.at(-1)?.seq ?? 0) + 1,
      at,
      authorId: REMINDER_AUTHOR.id,
      authorName: REMINDER_AUTHOR.name,
      // The bot has no role of its own; the entry carries the role of the person reminded.
      role: r.recipient.role,
      kind: 'reminderSent',
      data: { ...data },
    });
  }
  const retries = new Map(
    (dossier.reminderDelivery?.retries ?? [])
      .filter((r) => !logged.has(r.key))
      .map((r) => [r.key, r] as const),
  );
  for (const delivery of record.deliveries) {
    if (delivery.outcome !== 'retryLater') continue;
    const { key, attempt } = delivery.reminder;
    retries.set(key, { key, attempts: attempt, notBefore: delivery.retryAt.toISOString() });
  }
  const claim = dossier.reminderDelivery?.claim;
  const recorded: Dossier = {
    ...dossier,
    log,
    reminderDelivery: {
      claim: claim && claim.token !== record.token ? claim : null,
      retries: [...retries.values()],
    },
  };
  // Retries of reminders no rule owes any more (the dossier moved on) are dropped.
  const schedule = scheduleOf(recorded, school, now);
  const owed = new Set(schedule.pending.map((r) => r.key));
  const delivery = recorded.reminderDelivery ?? { claim: null, retries: [] };
  return {
    ...recorded,
    nextReminderAt: schedule.nextAt,
    reminderDelivery: { ...delivery, retries: delivery.retries.filter((r) => owed.has(r.key)) },
  };
}

// ---- Snoozing -----------------------------------------------------------------------------------------

export type SnoozeRefusalCode = 'dossierClosed' | 'unknownReminder' | 'notRecipient' | 'reminderResolved';

export type SnoozeDecision =
  | { ok: true; dossier: Dossier; entry: LogEntry | null; duplicate: boolean }
  | { ok: false; refusal: { code: SnoozeRefusalCode } };

/**
 * The recipient of a delivered reminder asks to be reminded again in a day or a week (the moment is
 * moved into working time). Pressing the button twice snoozes once. The repeat is dropped when the
 * rule is satisfied in the meantime (activity, acceptance, an answer, the feedback).
 */
export function snoozeReminder(
  dossier: Dossier,
  school: School,
  request: { key: string; period: SnoozePeriod; actor: Actor },
  now: Date,
): SnoozeDecision {
  if (dossier.status === 'closed') return { ok: false, refusal: { code: 'dossierClosed' } };
  const original = dossier.log.map(reminderSentData).find((d) => d?.key === request.key);
  if (!original || original.outcome !== 'sent') return { ok: false, refusal: { code: 'unknownReminder' } };
  if (original.recipientId !== request.actor.id) return { ok: false, refusal: { code: 'notRecipient' } };
  if (dossier.log.some((e) => snoozedData(e)?.key === request.key)) {
    return { ok: true, dossier, entry: null, duplicate: true };
  }
  const settings = reminderSettingsOf(school);
  const calendar = new WorkingCalendar(settings);
  const rules = [
    ...consultationOccurrences(dossier, school, settings, calendar),
    ...helpFollowUpOccurrences(dossier, school, calendar),
    ...reportFeedbackOccurrences(dossier, settings, calendar),
  ];
  if (!stillOpen(dossier, original.kind, original.trigger, rules)) {
    return { ok: false, refusal: { code: 'reminderResolved' } };
  }
  const later =
    request.period === 'dag'
      ? calendar.addWorkingDays(now, 1)
      : calendar.at(addDays(calendar.dateOf(now), 7), calendar.msIntoDay(now));
  const data: ReminderSnoozedData = {
    key: request.key,
    period: request.period,
    until: calendar.nextWorkingMoment(later).toISOString(),
  };
  const entry: LogEntry = {
    seq: (dossier.log.at(-1)?.seq ?? 0) + 1,
    at: now.toISOString(),
    authorId: request.actor.id,
    authorName: request.actor.name,
    role: request.actor.role,
    kind: 'reminderSnoozed',
    data: { ...data },
  };
  const snoozed = withNextReminder({ ...dossier, log: [...dossier.log, entry] }, school, now);
  return { ok: true, dossier: snoozed, entry, duplicate: false };
}

// ---- The weekly overview ------------------------------------------------------------------------------

export interface OverviewLine {
  dossierNumber: string;
  step: Step;
  /** Working days since someone last worked on the dossier. */
  waitingWorkingDays: number;
}

/** The open dossiers of a school for its zorgcoördinatoren: numbers, steps, waiting times. */
export interface WeeklyOverview {
  schoolId: string;
  /** ISO week, e.g. 2026-W11. */
  week: string;
  total: number;
  byStep: Record<Step, number>;
  /** Longest waiting first. */
  dossiers: OverviewLine[];
}

/** The moment of this week's overview (the first working day from the configured weekday), if any. */
export function weeklyOverviewMoment(school: School, now: Date): { week: string; dueAt: string } | null {
  const settings = reminderSettingsOf(school);
  if (settings.weeklyOverviewWeekday === null) return null;
  const calendar = new WorkingCalendar(settings);
  const today = calendar.dateOf(now);
  const monday = mondayOf(today);
  for (let offset = settings.weeklyOverviewWeekday - 1; offset < 7; offset++) {
    const day = addDays(monday, offset);
    if (calendar.isWorkingDay(day))
      return { week: isoWeekOf(today), dueAt: calendar.opening(day).toISOString() };
  }
  return null; // A week off (a holiday): no overview.
}

/** This week's overview is due now: its moment has come and it is working time. */
export function weeklyOverviewDue(school: School, now: Date): { week: string; dueAt: string } | null {
  const moment = weeklyOverviewMoment(school, now);
  if (!moment || now.toISOString() < moment.dueAt) return null;
  return workingCalendarOf(school).isWorkingTime(now) ? moment : null;
}

/** The overview of the given dossiers; only the open ones of this school count. */
export function weeklyOverview(dossiers: readonly Dossier[], school: School, now: Date): WeeklyOverview {
  const calendar = workingCalendarOf(school);
  const byStep = Object.fromEntries(STEPS.map((step) => [step, 0])) as Record<Step, number>;
  const lines = dossiers
    .filter((d) => d.schoolId === school.id && d.status === 'open')
    .map((d): OverviewLine => {
      const step = currentStep(d);
      byStep[step] += 1;
      return {
        dossierNumber: d.number,
        step,
        waitingWorkingDays: calendar.workingDaysBetween(new Date(lastActivityAt(d)), now),
      };
    })
    .sort(
      (a, b) => b.waitingWorkingDays - a.waitingWorkingDays || a.dossierNumber.localeCompare(b.dossierNumber),
    );
  return {
    schoolId: school.id,
    week: isoWeekOf(calendar.dateOf(now)),
    total: lines.length,
    byStep,
    dossiers: lines,
  };
}
