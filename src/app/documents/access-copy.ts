// The copy of a dossier for the parents or the pupil, who ask to see it under the AVG (art. 15).
// They have a right to what the school recorded about the child, but not to what would harm the
// rights of others (meldcode-background.md §4.4): who told the school something, other pupils,
// staff members' opinions, and exchanges between professionals that may hold others' information.
// Those parts are left out and their place is marked, so the reader sees that something exists and
// why it is not shown.
//
// Most of it follows from the kind of entry (the rules below). Other pupils and other harm can only
// be seen by reading: the zorgcoördinator who makes the copy chooses those entries.

import type { Dossier, LogEntry } from '../../domain';

export type WithheldReason =
  /** The identity of someone who told the school something (a signal's source, a contact). */
  | 'informant'
  /** A staff member's opinion or deliberation. */
  | 'opinion'
  /** What professionals said to each other in a consultation (may hold others' information). */
  | 'consultation'
  /** Showing it could endanger the pupil or someone else (why a conversation or a discussion was skipped). */
  | 'harm'
  /** Chosen by the zorgcoördinator: it is about other pupils or would harm someone else. */
  | 'chosen';

export const COPY_RECIPIENTS = ['ouders', 'leerling'] as const;
export type CopyRecipient = (typeof COPY_RECIPIENTS)[number];

export interface AccessCopyRequest {
  recipient: CopyRecipient;
  /** Sequence numbers of entries the zorgcoördinator chose to leave out. */
  chosen: readonly number[];
}

export interface Withholding {
  /** Entries left out entirely (their date and kind stay), with the reason. */
  whole: ReadonlyMap<number, WithheldReason>;
  /** Entries of which some parts are left out, with the reasons. */
  partly: ReadonlyMap<number, readonly WithheldReason[]>;
}

/** The full dossier: nothing left out. */
export const NOTHING_WITHHELD: Withholding = { whole: new Map(), partly: new Map() };

function wholeReason(entry: LogEntry): WithheldReason | undefined {
  switch (entry.kind) {
    case 'noteRecorded':
      return entry.data.isOpinion ? 'opinion' : undefined;
    case 'decisionConfirmed':
    case 'decisionSentBack':
      return 'opinion';
    case 'consultationRecorded':
    case 'veiligThuisAdviceRecorded':
    case 'consultationRequested':
    case 'consultationDeclined':
    case 'consultationAdviceRecorded':
      return 'consultation';
    // A skipped conversation's reason may endanger someone; why a dossier changed hands is about
    // staff (leaving, illness, a new group), not the family.
    case 'conversationSkipped':
    case 'ownershipHandedOver':
      return 'harm';
    default:
      return undefined;
  }
}

function partReasons(entry: LogEntry): WithheldReason[] {
  switch (entry.kind) {
    case 'signalRecorded':
      return entry.data.sourceName !== undefined ? ['informant'] : [];
    case 'contactRecorded':
      return ['informant'];
    case 'reportRecorded': {
      const reasons: WithheldReason[] = [];
      if (entry.data.informationFromOthers !== '') reasons.push('informant');
      if (entry.data.pupilExceptionReason !== undefined || entry.data.parentsExceptionReason !== undefined)
        reasons.push('harm');
      return reasons;
    }
    default:
      return [];
  }
}

/** What the copy leaves out of this dossier. */
export function withholdingFor(dossier: Dossier, request: AccessCopyRequest): Withholding {
  const chosen = new Set(request.chosen);
  const whole = new Map<number, WithheldReason>();
  const partly = new Map<number, readonly WithheldReason[]>();
  for (const entry of dossier.log) {
    const reason = chosen.has(entry.seq) ? 'chosen' : wholeReason(entry);
    if (reason) {
      whole.set(entry.seq, reason);
      continue;
    }
    // A correction may repeat what it corrects: it goes wherever anything of its entry goes.
    const corrected = entry.corrects;
    if (corrected !== undefined) {
      const of = whole.get(corrected) ?? partly.get(corrected)?.[0];
      if (of) {
        whole.set(entry.seq, of);
        continue;
      }
    }
    const parts = partReasons(entry);
    if (parts.length > 0) partly.set(entry.seq, parts);
  }
  return { whole, partly };
}
