// The dossier: one pupil concern, from the first signal to its closing.
// Pure data; nothing here does I/O. A dossier changes by commands (decide.ts) and by the reminder
// bookkeeping (reminders/), and every change of either kind is written by the app's one write path.

import type { EntryData } from './log';
import type { Attention, AttentionDetails } from './attention';
import type { OutboxItem } from './outbox';

/** The five steps of the meldcode, in the school's own words. The order is not binding. */
export const STEPS = ['signalen', 'consultatie', 'gesprek', 'wegen', 'beslissen'] as const;
export type Step = (typeof STEPS)[number];

export type StepStatus = 'niet-gestart' | 'bezig' | 'gedaan' | 'overgeslagen';

/** Age bands of the signalenkaart. 0–4 is shown for context only (a school rarely has such pupils). */
export type AgeBand = '0-4' | '4-12' | '12-18';

/**
 * The specific forms of violence for which the step plan requires Veilig Thuis advice in step 2.
 * `achterlating` (being left behind abroad) goes with forced marriage in the national guidance.
 */
export const SPECIFIC_FORMS = [
  'vrouwelijke-genitale-verminking',
  'huwelijksdwang',
  'achterlating',
  'eergerelateerd-geweld',
  'seksueel-misbruik',
  // Sexual exploitation (loverboys, trafficking): the step plan's list says "zoals", and it needs the
  // same advice.
  'seksuele-uitbuiting',
] as const;
export type SpecificForm = (typeof SPECIFIC_FORMS)[number];

/** In these forms the parents must not be confronted: step 3 warns against a conversation with them. */
export const FORMS_WITHOUT_PARENT_CONVERSATION: readonly SpecificForm[] = [
  'eergerelateerd-geweld',
  'huwelijksdwang',
  'achterlating',
];

/** Where a signal comes from: documentation must always name the source of second-hand information. */
export const SIGNAL_SOURCES = ['eigen-waarneming', 'verteld-door-leerling', 'verteld-door-ander'] as const;
export type SignalSource = (typeof SIGNAL_SOURCES)[number];

/** The four ways a dossier ends (meldcode.md, "Closing"). */
export const CLOSURE_REASONS = [
  'ongegrond',
  'hulp-georganiseerd',
  'gemeld-overgedragen',
  'leerling-vertrokken',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

/**
 * Who acts on a dossier. Derived per action from the dossier's owners and the school configuration;
 * never stored as a grant. A co-owner acts as 'eigenaar'; the aandachtsfunctionaris (optional, one per
 * school) reads every dossier of the school and may add notes, nothing else (decide.ts).
 */
export type Role = 'eigenaar' | 'zorgcoordinator' | 'beslisser' | 'aandachtsfunctionaris';

/**
 * The two grounds on which a report may be made without discussing it beforehand (step 5, melden):
 * concrete indications that someone's safety is at risk, or good reason to believe the pupil would
 * break off contact and could then no longer be protected.
 */
export const REPORT_EXCEPTIONS = ['veiligheid-in-het-geding', 'leerling-verbreekt-contact'] as const;
export type ReportException = (typeof REPORT_EXCEPTIONS)[number];

/**
 * The pupil, identified minimally: initials or the school's pupil number, the group or class, and
 * either the age (on the day it was recorded) or the year of birth. Never a name, never a BSN.
 */
export interface PupilReference {
  reference: string;
  group: string;
  age?: { years: number; recordedOn: string } | undefined;
  birthYear?: number | undefined;
}

/**
 * One line of the chronology. Append-only: nothing is removed or changed; a correction is a new
 * entry whose `corrects` points at the sequence number of the entry it corrects. Entries are added
 * by `append` (log.ts) only, which numbers them.
 */
export interface EntryHeader {
  seq: number;
  at: string; // ISO timestamp
  authorId: string; // Entra object id
  authorName: string;
  role: Role;
  step?: Step | undefined;
  corrects?: number | undefined;
}

/** Past-tense names of what happened: one per command, plus the reminder bookkeeping (log.ts). */
export type LogKind = keyof EntryData;

/** An entry with its data typed by its kind: `switch (entry.kind)` narrows `entry.data`. */
export type LogEntry = { [K in LogKind]: EntryHeader & { kind: K; data: EntryData[K] } }[LogKind];

/** Where a dossier stands, as lists show it without its log (reminders/schedule.ts computes it). */
export interface DossierProgress {
  step: Step;
  lastActivityAt: string;
}

/** The entry of one kind. */
export type EntryOf<K extends LogKind> = Extract<LogEntry, { kind: K }>;

/**
 * The reminder scheduler's bookkeeping on a dossier (see reminders.ts). Absent until the first
 * reminder falls due; never shown to users.
 */
export interface ReminderDelivery {
  /**
   * A scheduler instance claimed these reminders and is sending them until `until`. Until then no
   * other instance sends anything for this dossier; after it, an unfinished claim counts as a crash
   * and the reminders are due again (with the same keys).
   */
  claim: { token: string; until: string; keys: string[] } | null;
  /** Reminders whose delivery failed for now, with the attempts so far and when to try again. */
  retries: { key: string; attempts: number; notBefore: string }[];
}

/**
 * The stored dossier. The header fields (ids, owner, status, nextReminderAt) are what the stores
 * index; everything about the steps is derived from `log` by the functions in steps.ts.
 */
export interface Dossier {
  id: string;
  schoolId: string;
  tenantId: string;
  /** Readable and unique per school, e.g. MC-2026-0042. */
  number: string;
  pupil: PupilReference;
  ownerId: string;
  ownerName: string;
  /**
   * Colleagues who share the owner's rights, e.g. the duo-leerkracht (Entra object ids; their names
   * are on the coOwnerAdded entries). Indexed by both stores; absent on dossiers without any.
   */
  coOwnerIds?: string[] | undefined;
  /** Zorgcoördinatoren involved in this dossier (Entra object ids). */
  coordinatorIds: string[];
  status: 'open' | 'closed';
  openedAt: string;
  updatedAt: string;
  /** When the next reminder falls due (ISO), or null. Indexed by both stores. */
  nextReminderAt: string | null;
  log: LogEntry[];
  /** Reminder claims and retries (reminders.ts); absent on dossiers no reminder has touched. */
  reminderDelivery?: ReminderDelivery | undefined;
  /** Cards and notices still to deliver (outbox.ts); absent when there are none. */
  outbox?: OutboxItem[] | undefined;
  /** The people an outbox item waits for (they cannot be reached yet); indexed by both stores. */
  waitingFor?: string[] | undefined;
  /** What the dossier waits for from others (attention.ts); indexed by both stores. */
  attention?: Attention[] | undefined;
  /** Since when and how much it waits, per mark (attention.ts); indexed by both stores. */
  attentionDetails?: AttentionDetails | undefined;
  /**
   * Where the dossier stands, for lists that must not read the log (the weekly overview): the step
   * to work on and the last work on the case. Set by the write path; absent on older dossiers.
   */
  progress?: DossierProgress | undefined;
}
