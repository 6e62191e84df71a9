// The chronology: every log entry in order, with when, who (and in which role), what kind, which step,
// and a readable summary of what was recorded. The card pages and shortens; the export (app/export.ts)
// uses the same summaries in full.
//
// Size budget (28 KB per card, CARD_SIZE_BUDGET_BYTES): a page holds CHRONOLOGY_PAGE_SIZE entries; on
// the card every summary is cut to CARD_SUMMARY_LENGTH and every author name to CARD_NAME_LENGTH UTF-16
// code units, after control characters and lone surrogates were replaced (cardText), so no code unit
// costs more than 3 bytes of JSON (a BMP character in UTF-8; an escaped quote or backslash takes 2).
// Per entry: summary 300 × 3 = 900 B, header and kind line at most about 450 B, the correction form
// with its ids and texts about 1 KB: under 2.4 KB, so 8 entries stay under 19.2 KB. A refused
// correction brings back at most TEXT_MAX_LENGTH code units of what was typed (6 KB), and the page's
// own texts and the acute-danger block stay under 2 KB: at most about 27 KB. The end-to-end test
// renders the worst page of a worst-case dossier and measures.

import { formatDateTime, section, t, type Voice } from '../../i18n';
import { signalLabel } from '../../i18n/signalenkaart';
import {
  REMINDER_AUTHOR,
  TEXT_MAX_LENGTH,
  specificFormsOfSignal,
  entriesOf,
  type Dossier,
  type EntryData,
  type EntryOf,
  type LogEntry,
  type ReportDiscussion,
  type ReportException,
} from '../../domain';
import {
  formatDate,
  head,
  newSubmissionId,
  problemsText,
  shorten,
  type FormState,
  type ViewData,
} from './common';

/** Entries per page: see the size budget at the top. */
export const CHRONOLOGY_PAGE_SIZE = 8;
/** Longest summary and author name on the card; the export has them in full. */
export const CARD_SUMMARY_LENGTH = 300;
export const CARD_NAME_LENGTH = 60;
/** How many "corrected in #n" references an entry lists on the card before "…". */
const CORRECTIONS_LISTED = 3;

/** Card input id of the correction form of entry `seq` (ids are unique on a card). */
export const CORRECTION_INPUT_PREFIX = 'correction_';
export const correctionInputId = (seq: number): string => `${CORRECTION_INPUT_PREFIX}${seq}`;

/** Entries the bot writes for its own bookkeeping: shown, but there is nothing to correct. */
const BOOKKEEPING: ReadonlySet<string> = new Set([
  'reminderSent',
  'reminderSnoozed',
  'consultationDelivered',
]);

// ---- Text helpers ------------------------------------------------------------------------------------

const CONTROL = /\p{Cc}/gu;
/** Control characters except line breaks and tabs, which a multi-line input keeps. */
const CONTROL_BUT_LINES = /(?![\n\t])\p{Cc}/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** One line for a card: whitespace runs become one space, invisible troublemakers go. */
export function cardText(text: string): string {
  return text.replace(CONTROL, ' ').replace(LONE_SURROGATE, '').replace(/\s+/g, ' ').trim();
}

/** What a user typed, fit to be shown again in an input: bounded, line breaks kept, nothing invisible. */
export function keptText(value: unknown, length: number = TEXT_MAX_LENGTH): string | null {
  if (typeof value !== 'string') return null;
  return head(value.replace(CONTROL_BUT_LINES, '').replace(LONE_SURROGATE, ''), length);
}

/** Date and time as the school lives it (Europe/Amsterdam): one formatter per voice (i18n). */
export { formatDateTime };

const joined = (...parts: (string | false | undefined)[]): string =>
  parts.filter((p): p is string => typeof p === 'string' && p !== '').join(' ');

// ---- Labels shared with the export --------------------------------------------------------------------

export function roleLabel(voice: Voice, role: LogEntry['role']): string {
  return t(voice, `chronology.role.${role}`);
}

export function kindLabel(voice: Voice, kind: LogEntry['kind']): string {
  return t(voice, `chronology.kind.${kind}`);
}

export function yesNo(voice: Voice, value: boolean): string {
  return t(voice, value ? 'chronology.yes' : 'chronology.no');
}

/** The source of a signal, with who told it when that was someone else. */
export function sourceText(voice: Voice, data: EntryData['signalRecorded']): string {
  const source = t(voice, `signalen.source.${data.source}`);
  return data.sourceName
    ? t(voice, 'chronology.summary.sourceNamed', { source, name: data.sourceName })
    : source;
}

export function signalNames(voice: Voice, categories: readonly string[]): string {
  return categories.map((id) => signalLabel(voice, id)).join(', ');
}

export function specificFormNames(voice: Voice, forms: readonly string[]): string {
  return forms
    .map((form) =>
      t(voice, `form.specificForm.${form as EntryData['signalRecorded']['specificForms'][number]}`),
    )
    .join(', ');
}

export function participantNames(
  voice: Voice,
  participants: EntryData['conversationRecorded']['participants'],
): string {
  return (['pupil', 'parents', 'coordinator'] as const)
    .filter((who) => participants[who])
    .map((who) => t(voice, `chronology.participant.${who}`))
    .join(', ');
}

/**
 * Whether a report was discussed beforehand: yes, the exception with its ground and reason, or not
 * given — "not required" when the caller knows the pupil's age did not ask for it.
 */
export function discussedText(
  voice: Voice,
  answer: ReportDiscussion | undefined,
  ground: ReportException | undefined,
  reason: string | undefined,
  required = true,
): string {
  if (answer === 'ja') return t(voice, 'chronology.yes');
  if (answer === 'geinformeerd') return t(voice, 'chronology.summary.informedOnly');
  if (answer === 'niet-besproken')
    return t(voice, 'chronology.summary.notDiscussed', { reason: reason ?? '' });
  if (answer === 'uitzondering')
    return t(voice, 'chronology.summary.exception', {
      ground: ground ? t(voice, `chronology.exception.${ground}`) : '',
      reason: reason ?? '',
    });
  return t(voice, required ? 'chronology.notGiven' : 'chronology.notRequired');
}

export function closureReasonLabel(voice: Voice, reason: EntryData['dossierClosed']['reason']): string {
  return t(voice, `close.reason.${reason}`);
}

// ---- The summary of one entry -------------------------------------------------------------------------

/** What an entry recorded, in one readable paragraph and in full. */
export function entrySummary(voice: Voice, entry: LogEntry): string {
  const say = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}): string =>
    t(voice, key, params);
  const date = (d: string): string => formatDate(voice, d);
  switch (entry.kind) {
    case 'dossierOpened': {
      const d = entry.data;
      return joined(
        say('chronology.summary.opened', { reference: d.pupil.reference, group: d.pupil.group }),
        d.firstDescription && say('chronology.summary.firstDescription', { text: d.firstDescription }),
      );
    }
    case 'signalRecorded': {
      const d = entry.data;
      const where = [
        date(d.observedOn),
        d.place,
        say('chronology.summary.source', { source: sourceText(voice, d) }),
      ]
        .filter((p) => p !== '')
        .join(', ');
      return joined(
        `${say('chronology.summary.observed', { on: where })}.`,
        d.pointsOtherWay && say('chronology.summary.otherWay'),
        d.categories.length > 0 &&
          say('chronology.summary.signals', { list: signalNames(voice, d.categories) }),
        specificFormsOfSignal(d).length > 0 &&
          say('chronology.summary.forms', { list: specificFormNames(voice, specificFormsOfSignal(d)) }),
        d.description,
      );
    }
    case 'contactRecorded': {
      const d = entry.data;
      return say('chronology.summary.contact', { with: d.with, on: date(d.on), outcome: d.outcome });
    }
    case 'noteRecorded': {
      const d = entry.data;
      return d.isOpinion
        ? say('chronology.summary.opinion', { author: entry.authorName, text: d.text })
        : d.text;
    }
    case 'consultationRecorded': {
      const d = entry.data;
      return say('chronology.summary.consultation', { with: d.with, on: date(d.on), advice: d.advice });
    }
    case 'veiligThuisAdviceRecorded': {
      const d = entry.data;
      return say('chronology.summary.veiligThuisAdvice', {
        on: date(d.on),
        anonymous: say(d.anonymous ? 'chronology.summary.anonymous' : 'chronology.summary.notAnonymous'),
        advice: d.advice,
      });
    }
    case 'conversationRecorded': {
      const d = entry.data;
      return joined(
        say('chronology.summary.conversation', {
          on: date(d.on),
          participants: participantNames(voice, d.participants),
        }),
        say('chronology.summary.said', { text: d.said }),
        d.reaction && say('chronology.summary.reaction', { text: d.reaction }),
        say('chronology.summary.outcome', { text: d.outcome }),
        d.parentsDespiteWarning &&
          say('chronology.summary.despiteWarning', { text: d.parentsDespiteWarningReason ?? '' }),
      );
    }
    case 'conversationSkipped':
      return say('chronology.summary.reason', { text: entry.data.reason });
    case 'weighingRecorded': {
      const d = entry.data;
      return joined(
        say('chronology.summary.weighing', {
          suspicion: yesNo(voice, d.suspicion),
          acute: yesNo(voice, d.acuteUnsafety),
          structural: yesNo(voice, d.structuralUnsafety),
        }),
        say('chronology.summary.reasoning', { text: d.reasoning }),
      );
    }
    case 'afwegingsvraagAnswered': {
      const d = entry.data;
      return joined(
        say('chronology.summary.answer', { question: d.question, answer: yesNo(voice, d.answer) }),
        say('chronology.summary.reasoning', { text: d.reasoning }),
      );
    }
    case 'reportRecorded': {
      const d = entry.data;
      return joined(
        say('chronology.summary.report', { on: date(d.on), to: d.to }),
        d.reference && say('chronology.summary.reference', { reference: d.reference }),
        say('chronology.summary.discussedWithPupil', {
          answer: discussedText(voice, d.discussedWithPupil, d.pupilException, d.pupilExceptionReason),
        }),
        say('chronology.summary.discussedWithParents', {
          answer: discussedText(voice, d.discussedWithParents, d.parentsException, d.parentsExceptionReason),
        }),
        d.informationFromOthers &&
          say('chronology.summary.informationFromOthers', { text: d.informationFromOthers }),
        d.schoolActionsAfterReport &&
          say('chronology.summary.schoolActions', { text: d.schoolActionsAfterReport }),
      );
    }
    case 'reportFeedbackRecorded': {
      const d = entry.data;
      return say('chronology.summary.dated', { on: date(d.on), text: d.feedback });
    }
    case 'helpPlanRecorded': {
      const d = entry.data;
      return say('chronology.summary.helpPlan', {
        what: d.what,
        who: d.who,
        deadline: date(d.deadline),
        followUpOn: date(d.followUpOn),
      });
    }
    case 'followUpRecorded': {
      const d = entry.data;
      return say('chronology.summary.dated', { on: date(d.on), text: d.text });
    }
    case 'entryCorrected':
      return entry.data.text;
    case 'dossierClosed': {
      const d = entry.data;
      return joined(
        say('chronology.summary.closed', { reason: closureReasonLabel(voice, d.reason) }),
        d.note && say('chronology.summary.note', { text: d.note }),
      );
    }
    case 'dossierReopened':
      return say('chronology.summary.reason', { text: entry.data.reason });
    case 'reminderSent': {
      const d = entry.data;
      return say('chronology.summary.reminder', {
        reminder: say(`chronology.reminder.${d.kind}`),
        role: roleLabel(voice, d.recipientRole),
        outcome: say(`chronology.reminderOutcome.${d.outcome}`),
      });
    }
    case 'reminderSnoozed':
      return say('chronology.summary.snoozed', { until: formatDateTime(voice, entry.data.until) });
    case 'consultationRequested':
      return say('chronology.summary.question', { text: entry.data.question });
    case 'consultationAdviceRecorded':
      return say('chronology.summary.advice', { text: entry.data.advice });
    case 'consultationDeclined':
    case 'decisionSentBack':
      return say('chronology.summary.reason', { text: entry.data.reason });
    case 'decisionConfirmed':
      return entry.data.note ? say('chronology.summary.note', { text: entry.data.note }) : '';
    case 'consultationDelivered':
    case 'consultationAccepted':
    case 'consultationWithdrawn':
      return '';
    case 'coOwnerAdded':
      return say('chronology.summary.coOwnerAdded', { name: entry.data.coOwnerName });
    case 'coOwnerRemoved':
      return say('chronology.summary.coOwnerRemoved', { name: entry.data.coOwnerName });
    case 'ownershipHandedOver': {
      const d = entry.data;
      return say('chronology.summary.handedOver', {
        from: d.previousOwnerName,
        to: d.newOwnerName,
        reason: d.reason,
      });
    }
  }
}

/** "#12 · 16 nov. 2026 10:00 · Sanne de Vries (eigenaar)", with the name as given. */
export function entryHeader(voice: Voice, entry: LogEntry, authorName: string = entry.authorName): string {
  const who = { seq: entry.seq, at: formatDateTime(voice, entry.at), author: authorName };
  // The bot's own bookkeeping (a reminder sent, a card delivered) is in nobody's role.
  return entry.authorId === REMINDER_AUTHOR.id
    ? t(voice, 'chronology.headerBot', who)
    : t(voice, 'chronology.header', { ...who, role: roleLabel(voice, entry.role) });
}

/** "Signaal vastgelegd · 1. Signalen in kaart brengen". */
export function entryKindLine(voice: Voice, entry: LogEntry): string {
  const kind = kindLabel(voice, entry.kind);
  return entry.step ? `${kind} · ${t(voice, `step.${entry.step}`)}` : kind;
}

/** The entries that correct `seq`, in log order. */
export function correctionsOf(dossier: Dossier, seq: number): EntryOf<'entryCorrected'>[] {
  return entriesOf(dossier, 'entryCorrected').filter((entry) => entry.corrects === seq);
}

// ---- Paging ---------------------------------------------------------------------------------------------

export function chronologyPages(dossier: Dossier): number {
  return Math.max(1, Math.ceil(dossier.log.length / CHRONOLOGY_PAGE_SIZE));
}

/** The page that holds entry `seq`; the last page when there is no such entry. */
export function pageOfEntry(dossier: Dossier, seq: number): number {
  const index = dossier.log.findIndex((entry) => entry.seq === seq);
  return index < 0 ? chronologyPages(dossier) : Math.floor(index / CHRONOLOGY_PAGE_SIZE) + 1;
}

export type ChronologyNotice = 'none' | 'recorded';

export function chronologyView(
  voice: Voice,
  dossier: Dossier,
  requestedPage: number,
  state: FormState,
  notice: ChronologyNotice = 'none',
): ViewData {
  const pages = chronologyPages(dossier);
  const page = Math.min(Math.max(1, Math.trunc(requestedPage) || 1), pages);
  const open = dossier.status === 'open';
  const labels: Record<string, string> = {};
  const entries = dossier.log
    .slice((page - 1) * CHRONOLOGY_PAGE_SIZE, page * CHRONOLOGY_PAGE_SIZE)
    .map((entry) => {
      const inputId = correctionInputId(entry.seq);
      labels[inputId] = `${t(voice, 'chronology.correction')} #${entry.seq}`;
      const corrections = correctionsOf(dossier, entry.seq).map((c) => `#${c.seq}`);
      const listed =
        corrections.length > CORRECTIONS_LISTED
          ? [...corrections.slice(0, CORRECTIONS_LISTED), '…']
          : corrections;
      return {
        seq: entry.seq,
        header: entryHeader(voice, entry, shorten(cardText(entry.authorName), CARD_NAME_LENGTH)),
        kindLine: entryKindLine(voice, entry),
        correctsText: entry.corrects ? t(voice, 'chronology.corrects', { seq: entry.corrects }) : '',
        correctedText:
          listed.length > 0 ? t(voice, 'chronology.correctedIn', { seqs: listed.join(', ') }) : '',
        summary: shorten(cardText(entrySummary(voice, entry)), CARD_SUMMARY_LENGTH),
        canCorrect: open && !BOOKKEEPING.has(entry.kind),
        inputId,
        submissionId: newSubmissionId(),
        value: keptText(state.values[inputId]),
        // Teams checks the required correction itself and then shows this message.
        error: state.errors[inputId] ?? t(voice, 'chronology.required'),
      };
    });
  return {
    t: section(voice, 'chronology'),
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    pageText: t(voice, 'chronology.page', { page, pages, count: dossier.log.length }),
    notice: notice === 'recorded' ? t(voice, 'chronology.recorded') : '',
    problemsText: problemsText(voice, state, labels),
    entries,
    hasPrevious: page > 1,
    previousPage: page - 1,
    hasNext: page < pages,
    nextPage: page + 1,
    showNewest: page < pages - 1,
    lastPage: pages,
  };
}
