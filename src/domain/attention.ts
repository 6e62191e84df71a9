// What a dossier waits for from someone other than its owner, as marks the stores index: an open
// consultation waits for a zorgcoördinator, an outcome of step 5 for the beslisser. The role homes
// and "mijn consultaties" find their dossiers by these marks, so the lists grow with what waits,
// not with the number of dossiers of the school. The write path sets them after every change.
//
// With each mark go its details (since when it waits, how many items): the stores index them, so a
// home card can count what waits and read only the few that waited longest (Store.waitingList).

import { afwegingskaderState } from './afwegingskader';
import { consultations, decisionConfirmation } from './consultation';
import type { Dossier } from './dossier';

export const ATTENTION = ['consultation', 'decision'] as const;
export type Attention = (typeof ATTENTION)[number];

/** Of one mark: since when the dossier waits for it, and how many items wait (open consultations). */
export interface AttentionDetail {
  since: string;
  items: number;
}

export type AttentionDetails = Partial<Record<Attention, AttentionDetail>>;

/** The marks a dossier carries now. A closed dossier waits for nobody. */
export function attentionOf(dossier: Dossier): Attention[] {
  return Object.keys(attentionDetailsOf(dossier)) as Attention[];
}

/**
 * The marks with their details: a consultation waits since the oldest open request (requested or
 * accepted), and counts each; a decision waits since its outcome was recorded.
 */
export function attentionDetailsOf(dossier: Dossier): AttentionDetails {
  if (dossier.status === 'closed') return {};
  const details: AttentionDetails = {};
  const open = consultations(dossier).filter((c) => c.status === 'requested' || c.status === 'accepted');
  const oldest = open.map((c) => c.requestedAt).sort()[0];
  if (oldest !== undefined) details.consultation = { since: oldest, items: open.length };
  if (decisionConfirmation(dossier).state === 'waiting') {
    const outcomeSeq = afwegingskaderState(dossier).outcomeSeq;
    const recorded = dossier.log.find((entry) => entry.seq === outcomeSeq)?.at ?? dossier.updatedAt;
    details.decision = { since: recorded, items: 1 };
  }
  return details;
}

/** The dossier with its marks and their details as they are now (the same object when unchanged). */
export function withAttention(dossier: Dossier): Dossier {
  const details = attentionDetailsOf(dossier);
  const marks = Object.keys(details) as Attention[];
  const current = dossier.attention ?? [];
  const sameMarks = marks.length === current.length && marks.every((m, i) => current[i] === m);
  if (sameMarks && sameDetails(details, dossier.attentionDetails ?? {})) return dossier;
  const { attention: _old, attentionDetails: _oldDetails, ...rest } = dossier;
  return marks.length > 0 ? { ...rest, attention: marks, attentionDetails: details } : rest;
}

function sameDetails(a: AttentionDetails, b: AttentionDetails): boolean {
  return ATTENTION.every((mark) => a[mark]?.since === b[mark]?.since && a[mark]?.items === b[mark]?.items);
}
