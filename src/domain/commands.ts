// What a user can ask the bot to record: one zod schema per command, named as an imperative in the
// school's words. The bot parses a card payload with `parseCommand` (or one of `commandSchemas`), and
// decide() parses again, so every rule here holds whoever calls.
//
// Rules that need only the command itself live here (lengths, a reason where one is required, the
// source of second-hand information, known signal ids, no names or BSNs). Rules that need the dossier
// or the clock live in decide.ts. A custom issue carries its refusal code in `params.refusal` (an empty
// required field: `fieldRequired`); every other issue becomes `invalidCommand`; the issue's path
// becomes `field`.
//
// Card payloads arrive as strings: Input.Toggle sends "true"/"false", a multi-select Input.ChoiceSet
// sends "a,c", numbers may come as text and an empty input as "". The small helpers below accept both
// those forms and the typed values, so the same schema serves the card and the tests.

import { z } from 'zod';
import { AFWEGINGSVRAGEN } from './afwegingskader';
import { PUPIL_MAX_AGE, PUPIL_MIN_AGE } from './age';
import { isCalendarDate } from './calendar';
import { CLOSURE_REASONS, REPORT_EXCEPTIONS, SIGNAL_SOURCES, SPECIFIC_FORMS } from './dossier';
import { looksLikeBsn, looksLikeFullName } from './pupil-reference';
import { isRefusalCode, type Refusal, type RefusalCode } from './refusal';
import { isKnownSignal } from './signalenkaart';

// ---- Bounds: one place per rule ---------------------------------------------------------------------

/** Initials or a pupil number; long enough for "J.d.V." or "2024-0153", too short for much more. */
export const PUPIL_REFERENCE_MAX_LENGTH = 20;
/** A group or class, e.g. "groep 7" or "3havo-b". */
export const PUPIL_GROUP_MAX_LENGTH = 20;
/** Any free text: a description, advice, what was said, reasoning. */
export const TEXT_MAX_LENGTH = 2000;
/** Where a signal was observed. */
export const PLACE_MAX_LENGTH = 200;
/** Who: a person, a role or an organisation (a contact, a consultation, a report's addressee). */
export const NAME_MAX_LENGTH = 200;
/** The reference number Veilig Thuis gives to a report. */
export const VEILIG_THUIS_REFERENCE_MAX_LENGTH = 50;
/** Ids the app hands in (school id). */
export const ID_MAX_LENGTH = 100;

// ---- Building blocks ---------------------------------------------------------------------------------

const refusal = (code: RefusalCode) => ({ params: { refusal: code } });
const trimmed = (value: unknown): unknown => (typeof value === 'string' ? value.trim() : value);
const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const given = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** Free text that may stay empty. */
const text = (max: number) => z.preprocess((v) => v ?? '', z.string().trim().max(max));

/** Text that must be filled in; missing, empty or only spaces all count as not filled in. */
function required<T extends z.ZodType>(inner: T, code: RefusalCode = 'fieldRequired') {
  return z.preprocess(
    trimmed,
    z
      .unknown()
      .refine(given, { ...refusal(code), abort: true })
      .pipe(inner),
  );
}
const filled = (max: number, code: RefusalCode = 'fieldRequired') => required(z.string().max(max), code);
/** A written reason: the meldcode wants the why of every skipped step and every decision on record. */
const reason = () => filled(TEXT_MAX_LENGTH, 'reasonRequired');

/** Text that may be left out; an empty input counts as left out. */
const optionalText = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional());

/** A calendar date written YYYY-MM-DD. */
const date = () => required(z.string().refine(isCalendarDate, refusal('invalidDate')));

/** Yes or no; a card toggle sends "true" or "false". */
const flag = () =>
  z.preprocess(
    (v) => (v === 'true' ? true : v === 'false' ? false : v),
    z.boolean({ error: 'expected yes or no' }),
  );

/** Yes or no that may be left out (left out: no); stored only when given. */
const optionalFlag = () => z.preprocess(blankToUndefined, flag().optional());

/** A whole number; a card may send it as text. */
const wholeNumber = (min: number, max: number = Number.MAX_SAFE_INTEGER) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v),
    z.number().int().min(min).max(max),
  );

/** A list; a multi-select card input sends "a,c", an empty one "" or nothing. */
function list<T extends z.ZodType>(item: T) {
  return z.preprocess(
    (v) =>
      v === undefined || v === ''
        ? []
        : typeof v === 'string'
          ? v
              .split(',')
              .map((s) => s.trim())
              .filter((s) => s !== '')
          : v,
    z.array(item),
  );
}

/** The card instance a command came from: pressing the same button twice records once. */
const submissionId = z.preprocess(blankToUndefined, z.uuid().optional());

// ---- The commands ------------------------------------------------------------------------------------

const pupilReference = required(z.string().max(PUPIL_REFERENCE_MAX_LENGTH))
  .refine((r) => !looksLikeBsn(r), refusal('looksLikeBsn'))
  .refine((r) => !looksLikeFullName(r), refusal('looksLikeFullName'));

const pupil = z
  .object({
    reference: pupilReference,
    group: filled(PUPIL_GROUP_MAX_LENGTH),
    /** Age in years today; the dossier stores it with today's date so it can grow. */
    age: z.preprocess(blankToUndefined, wholeNumber(PUPIL_MIN_AGE, PUPIL_MAX_AGE).optional()),
    /** Year of birth, when the age is not known exactly; decide checks it against today. */
    birthYear: z.preprocess(blankToUndefined, wholeNumber(1000, 9999).optional()),
  })
  .refine((p) => (p.age === undefined) !== (p.birthYear === undefined), {
    path: ['age'],
    message: 'give either the age or the year of birth, not both and not neither',
    ...refusal('ageOrBirthYear'),
  });

const openDossier = z.object({
  type: z.literal('openDossier'),
  submissionId,
  schoolId: filled(ID_MAX_LENGTH),
  pupil,
  firstDescription: text(TEXT_MAX_LENGTH),
});

const recordSignal = z
  .object({
    type: z.literal('recordSignal'),
    submissionId,
    /**
     * The signal ids chosen on the signalenkaart: at least one, so that every signal can be read and
     * counted by its kind; only a signal that points the other way may have none.
     */
    categories: list(z.string()).check((ctx) => {
      ctx.value.forEach((id, index) => {
        if (!isKnownSignal(id)) {
          ctx.issues.push({
            code: 'custom',
            input: id,
            path: [index],
            message: `unknown signal ${id}`,
            ...refusal('unknownSignal'),
          });
        }
      });
    }),
    specificForms: list(z.enum(SPECIFIC_FORMS)),
    observedOn: date(),
    place: text(PLACE_MAX_LENGTH),
    /** What was seen or heard, as facts; opinions go in a note marked as opinion. */
    description: filled(TEXT_MAX_LENGTH),
    source: z.enum(SIGNAL_SOURCES),
    /** Who told, when the signal came from someone else than the pupil: always name the source. */
    sourceName: optionalText(NAME_MAX_LENGTH),
    /** A signal that contradicts the suspicion is recorded too, and marked as such. */
    pointsOtherWay: flag(),
  })
  .refine((s) => s.categories.length > 0 || s.pointsOtherWay, {
    path: ['categories'],
    ...refusal('categoryRequired'),
  })
  .refine((s) => s.source !== 'verteld-door-ander' || s.sourceName !== undefined, {
    path: ['sourceName'],
    ...refusal('sourceRequired'),
  });

const recordContact = z.object({
  type: z.literal('recordContact'),
  submissionId,
  with: filled(NAME_MAX_LENGTH),
  on: date(),
  outcome: filled(TEXT_MAX_LENGTH),
});

const recordNote = z.object({
  type: z.literal('recordNote'),
  submissionId,
  text: filled(TEXT_MAX_LENGTH),
  /** Opinions and hypotheses are labelled as such; the log entry names their author. */
  isOpinion: flag(),
});

const recordConsultation = z.object({
  type: z.literal('recordConsultation'),
  submissionId,
  with: filled(NAME_MAX_LENGTH),
  on: date(),
  advice: filled(TEXT_MAX_LENGTH),
});

const recordVeiligThuisAdvice = z.object({
  type: z.literal('recordVeiligThuisAdvice'),
  submissionId,
  on: date(),
  advice: filled(TEXT_MAX_LENGTH),
  /** Asked without pupil data: nothing that identifies the pupil left the school. */
  anonymous: flag(),
});

const recordConversation = z
  .object({
    type: z.literal('recordConversation'),
    submissionId,
    on: date(),
    participants: z
      .object({ pupil: flag(), parents: flag(), coordinator: flag() })
      .refine((p) => p.pupil || p.parents, {
        message: 'a conversation is with the pupil, the parents or both',
        ...refusal('participantsRequired'),
      }),
    /** What was said, in the pupil's own words where possible. */
    said: filled(TEXT_MAX_LENGTH),
    reaction: text(TEXT_MAX_LENGTH),
    outcome: filled(TEXT_MAX_LENGTH),
    /** The user heard the warning against confronting the parents and goes ahead anyway (see decide). */
    parentsDespiteWarning: z.preprocess((v) => v ?? false, flag()),
    parentsDespiteWarningReason: optionalText(TEXT_MAX_LENGTH),
  })
  .refine((c) => !c.parentsDespiteWarning || c.parentsDespiteWarningReason !== undefined, {
    path: ['parentsDespiteWarningReason'],
    ...refusal('reasonRequired'),
  });

const skipConversation = z.object({
  type: z.literal('skipConversation'),
  submissionId,
  /** The concrete indication that the conversation would endanger someone. */
  reason: reason(),
});

const recordWeighing = z.object({
  type: z.literal('recordWeighing'),
  submissionId,
  suspicion: flag(),
  acuteUnsafety: flag(),
  structuralUnsafety: flag(),
  reasoning: reason(),
});

const answerAfwegingsvraag = z.object({
  type: z.literal('answerAfwegingsvraag'),
  submissionId,
  question: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v),
    z.literal(AFWEGINGSVRAGEN),
  ),
  answer: flag(),
  reasoning: reason(),
  /**
   * Why the answer departs from what the dossier says (question 2 "no" after a weighing of acute or
   * structural unsafety, or after the pupil's own disclosure). decide() asks for it when it applies;
   * the answer is then marked as a deviation and shown to the beslisser.
   */
  deviationReason: optionalText(TEXT_MAX_LENGTH),
});

/**
 * Whether the report was discussed beforehand: discussed ('ja'); only informed beforehand
 * ('geinformeerd'); not discussed on one of the two exceptional grounds ('uitzondering', ground and
 * reason); or not discussed without such a ground ('niet-besproken', reason required). The last is
 * still a valid report (the professional's right to report) but a deviation from the meldcode.
 */
export const REPORT_DISCUSSIONS = ['ja', 'geinformeerd', 'uitzondering', 'niet-besproken'] as const;
export type ReportDiscussion = (typeof REPORT_DISCUSSIONS)[number];
const discussed = z.preprocess(blankToUndefined, z.enum(REPORT_DISCUSSIONS).optional());
const exception = z.preprocess(blankToUndefined, z.enum(REPORT_EXCEPTIONS).optional());

const recordReport = z
  .object({
    type: z.literal('recordReport'),
    submissionId,
    /**
     * Acute danger: Veilig Thuis or 112 was called at once. Such a report may be recorded before
     * steps 1 to 4; the dossier then shows the steps still to complete afterwards.
     */
    acute: optionalFlag(),
    on: date(),
    to: filled(NAME_MAX_LENGTH),
    reference: optionalText(VEILIG_THUIS_REFERENCE_MAX_LENGTH),
    discussedWithPupil: discussed,
    pupilException: exception,
    pupilExceptionReason: optionalText(TEXT_MAX_LENGTH),
    discussedWithParents: discussed,
    parentsException: exception,
    parentsExceptionReason: optionalText(TEXT_MAX_LENGTH),
    /** How the pupil and the parents reacted when the report was discussed or announced. */
    pupilReaction: optionalText(TEXT_MAX_LENGTH),
    parentsReaction: optionalText(TEXT_MAX_LENGTH),
    /**
     * In honour-based violence, forced marriage and being left behind the parents are not involved;
     * the user who discussed it with them all the same says so, with a reason (see decide).
     */
    parentsDespiteWarning: optionalFlag(),
    parentsDespiteWarningReason: optionalText(TEXT_MAX_LENGTH),
    /** Which information in the report comes from others: Veilig Thuis must be able to tell. */
    informationFromOthers: text(TEXT_MAX_LENGTH),
    /** What the school itself can still do after the report to protect the pupil and the family. */
    schoolActionsAfterReport: text(TEXT_MAX_LENGTH),
  })
  .check((ctx) => {
    const r = ctx.value;
    const sides = [
      ['discussedWithPupil', 'pupilException', 'pupilExceptionReason'],
      ['discussedWithParents', 'parentsException', 'parentsExceptionReason'],
    ] as const;
    for (const [answer, kind, why] of sides) {
      // An exception names its ground and its reason; not discussing without a ground needs a reason.
      const needed = r[answer] === 'uitzondering' ? [kind, why] : r[answer] === 'niet-besproken' ? [why] : [];
      for (const field of needed) {
        if (r[field] === undefined) {
          ctx.issues.push({
            code: 'custom',
            input: r,
            path: [field],
            message: `${field} is required`,
            ...refusal('reasonRequired'),
          });
        }
      }
    }
    if (r.parentsDespiteWarning && r.parentsDespiteWarningReason === undefined) {
      ctx.issues.push({
        code: 'custom',
        input: r,
        path: ['parentsDespiteWarningReason'],
        message: 'parentsDespiteWarningReason is required',
        ...refusal('reasonRequired'),
      });
    }
  });

const recordReportFeedback = z.object({
  type: z.literal('recordReportFeedback'),
  submissionId,
  on: date(),
  feedback: filled(TEXT_MAX_LENGTH),
});

const recordHelpPlan = z.object({
  type: z.literal('recordHelpPlan'),
  submissionId,
  what: filled(TEXT_MAX_LENGTH),
  who: filled(NAME_MAX_LENGTH),
  deadline: date(),
  /** When to look at the effect of the help again (question 5 of the afwegingskader). */
  followUpOn: date(),
});

const recordFollowUp = z.object({
  type: z.literal('recordFollowUp'),
  submissionId,
  on: date(),
  text: filled(TEXT_MAX_LENGTH),
});

const correctEntry = z.object({
  type: z.literal('correctEntry'),
  submissionId,
  /** The entry this one corrects; the old entry stays in the log unchanged. */
  seq: wholeNumber(1),
  text: filled(TEXT_MAX_LENGTH),
});

const closeDossier = z.object({
  type: z.literal('closeDossier'),
  submissionId,
  reason: required(z.enum(CLOSURE_REASONS), 'reasonRequired'),
  note: text(TEXT_MAX_LENGTH),
  /**
   * Why the dossier closes with a reason its outcome and entries do not bear out (closing.ts names
   * the mismatch; decide asks for this reason then).
   */
  overrideReason: optionalText(TEXT_MAX_LENGTH),
});

const reopenDossier = z.object({
  type: z.literal('reopenDossier'),
  submissionId,
  reason: reason(),
});

// ---- The consultation with the zorgcoördinator, and the beslisser's confirmation ----------------------

/** A consultation is named by the sequence number of the log entry that requested it. */
const consultationId = wholeNumber(1);

const requestConsultation = z.object({
  type: z.literal('requestConsultation'),
  submissionId,
  /** The zorgcoördinator asked (Entra object id); must be one of the school's. */
  coordinatorId: filled(ID_MAX_LENGTH),
  question: filled(TEXT_MAX_LENGTH),
});

/** Where the consultation card went (written by the app after posting it), or why it could not. */
const recordConsultationDelivery = z.object({
  type: z.literal('recordConsultationDelivery'),
  submissionId,
  consultationId,
  delivered: z.enum(['channel', 'personal', 'unreachable']),
  conversationId: optionalText(ID_MAX_LENGTH * 4),
  activityId: optionalText(ID_MAX_LENGTH * 4),
});

const acceptConsultation = z.object({
  type: z.literal('acceptConsultation'),
  submissionId,
  consultationId,
});

const declineConsultation = z.object({
  type: z.literal('declineConsultation'),
  submissionId,
  consultationId,
  reason: reason(),
});

/**
 * The owner takes back a request nobody took up yet (not accepted, declined or answered): asked
 * elsewhere, or no longer needed. Once accepted, the zorgcoördinator answers or declines it.
 */
const withdrawConsultation = z.object({
  type: z.literal('withdrawConsultation'),
  submissionId,
  consultationId,
});

const recordConsultationAdvice = z.object({
  type: z.literal('recordConsultationAdvice'),
  submissionId,
  consultationId,
  advice: filled(TEXT_MAX_LENGTH),
});

/**
 * The outcome the beslisser read (the seq of the answer that set it), as the card named it: a card
 * shown before a later answer changed the outcome must not confirm the new one. 0: a card that named
 * none (sent before cards named it).
 */
const outcomeSeq = wholeNumber(0).optional();

const confirmDecision = z.object({
  type: z.literal('confirmDecision'),
  submissionId,
  outcomeSeq,
  note: text(TEXT_MAX_LENGTH),
});

const sendBackDecision = z.object({
  type: z.literal('sendBackDecision'),
  submissionId,
  outcomeSeq,
  reason: reason(),
});

// ---- Who takes part: co-owners and a handover of ownership -------------------------------------------

/**
 * A colleague as the bot found them in Teams (Entra object id and display name): the bot resolves the
 * work e-mail address typed on the form and builds these commands itself, never from typed ids.
 */
const colleagueId = filled(ID_MAX_LENGTH);
const colleagueName = filled(NAME_MAX_LENGTH);

/** The owner (or a co-owner) shares the dossier with a colleague, e.g. the duo-leerkracht. */
const addCoOwner = z.object({
  type: z.literal('addCoOwner'),
  submissionId,
  coOwnerId: colleagueId,
  coOwnerName: colleagueName,
});

/** A co-owner no longer takes part (left the group, the duo ended). */
const removeCoOwner = z.object({
  type: z.literal('removeCoOwner'),
  submissionId,
  coOwnerId: colleagueId,
  /** As the dossier names them (filled in by the bot), so the chronology can say who left. */
  coOwnerName: colleagueName,
});

/**
 * The zorgcoördinator makes someone else the owner (a teacher leaves, the pupil changes group); the
 * reason is on record, the reminders follow the new owner.
 */
const handOverOwnership = z.object({
  type: z.literal('handOverOwnership'),
  submissionId,
  /**
   * The owner the zorgcoördinator saw on the dossier (the bot fills it in from the dossier it showed):
   * the chronology names who handed over, and a handover after someone else's is refused.
   */
  previousOwnerId: colleagueId,
  previousOwnerName: colleagueName,
  newOwnerId: colleagueId,
  newOwnerName: colleagueName,
  reason: reason(),
});

/** Each command's schema, by its type: the bot parses `{ type: verb, ...payload }` with these. */
export const commandSchemas = {
  openDossier,
  recordSignal,
  recordContact,
  recordNote,
  recordConsultation,
  recordVeiligThuisAdvice,
  recordConversation,
  skipConversation,
  recordWeighing,
  answerAfwegingsvraag,
  recordReport,
  recordReportFeedback,
  recordHelpPlan,
  recordFollowUp,
  correctEntry,
  closeDossier,
  reopenDossier,
  requestConsultation,
  recordConsultationDelivery,
  acceptConsultation,
  declineConsultation,
  withdrawConsultation,
  recordConsultationAdvice,
  confirmDecision,
  sendBackDecision,
  addCoOwner,
  removeCoOwner,
  handOverOwnership,
} as const;

type CommandSchema = (typeof commandSchemas)[keyof typeof commandSchemas];

/** All commands as one union on `type`; the list is the object above, so a new command goes in once. */
export const commandSchema = z.discriminatedUnion(
  'type',
  Object.values(commandSchemas) as [CommandSchema, ...CommandSchema[]],
);

export type Command = z.output<typeof commandSchema>;
export type CommandType = Command['type'];
export type CommandOf<T extends CommandType> = Extract<Command, { type: T }>;
export const COMMAND_TYPES = Object.keys(commandSchemas) as CommandType[];

/** Parse anything (a card payload with its `type`, or a typed command) into a command or a refusal. */
export function parseCommand(
  input: unknown,
): { ok: true; command: Command } | { ok: false; refusal: Refusal } {
  const result = commandSchema.safeParse(input);
  if (result.success) return { ok: true, command: result.data };
  return { ok: false, refusal: refusalOf(result.error.issues) };
}

/** The first issue decides: its own refusal code when it carries one, else `invalidCommand`. */
function refusalOf(issues: readonly z.core.$ZodIssue[]): Refusal {
  const [first, ...others] = issues.map(problemOf);
  if (!first) return { code: 'invalidCommand' };
  // Every other field with a problem too, once each, so a form can name them all at once.
  const seen = new Set([first.field ?? '']);
  const also = others.filter((p) => !seen.has(p.field ?? '') && seen.add(p.field ?? ''));
  return also.length > 0 ? { ...first, also } : first;
}

/** One issue as a refusal: its own code when it carries one, else `invalidCommand`, at its field. */
function problemOf(issue: z.core.$ZodIssue): { code: RefusalCode; field?: string } {
  const params = issue.code === 'custom' ? (issue.params as Record<string, unknown> | undefined) : undefined;
  const carried = params?.['refusal'];
  // Text past its bound (a card's maxLength keeps most of it out; a pasted text may not be).
  const tooLong = issue.code === 'too_big' && issue.origin === 'string';
  const code = isRefusalCode(carried) ? carried : tooLong ? 'textTooLong' : 'invalidCommand';
  const field = issue.path.join('.');
  return field === '' ? { code } : { code, field };
}
