// The consultation with the zorgcoördinator (step 2) and the beslisser's confirmation of the
// decision (step 5), read from the log. A consultation is named by the sequence number of the entry
// that requested it.

import { ownerIdsOf } from './co-owners';
import { afwegingskaderState, type Outcome } from './afwegingskader';
import type { Dossier, EntryOf, LogEntry } from './dossier';
import type { Person, School } from './school';

export type ConsultationStatus = 'requested' | 'accepted' | 'declined' | 'advised' | 'withdrawn';

export interface Consultation {
  id: number;
  requestedAt: string;
  requestedById: string;
  requestedByName: string;
  coordinatorId: string;
  question: string;
  status: ConsultationStatus;
  /** Who accepted, declined or advised last. */
  answeredById?: string | undefined;
  answeredByName?: string | undefined;
  advice?: string | undefined;
  declineReason?: string | undefined;
  /** Where the card went: a channel thread or a personal chat, with the ids to update it. */
  delivery?:
    | {
        delivered: 'channel' | 'personal';
        conversationId?: string | undefined;
        activityId?: string | undefined;
      }
    | { delivered: 'unreachable' }
    | undefined;
}

/** Every consultation of the dossier, oldest first, with its current status. */
export function consultations(dossier: Dossier): Consultation[] {
  const byId = new Map<number, Consultation>();
  for (const entry of dossier.log) applyEntry(byId, entry);
  return [...byId.values()];
}

function applyEntry(byId: Map<number, Consultation>, entry: LogEntry): void {
  const answered = { answeredById: entry.authorId, answeredByName: entry.authorName };
  switch (entry.kind) {
    case 'consultationRequested':
      byId.set(entry.seq, {
        id: entry.seq,
        requestedAt: entry.at,
        requestedById: entry.authorId,
        requestedByName: entry.authorName,
        coordinatorId: entry.data.coordinatorId,
        question: entry.data.question,
        status: 'requested',
      });
      return;
    case 'consultationDelivered': {
      const consultation = byId.get(entry.data.consultationId);
      if (!consultation) return;
      const { delivered, conversationId, activityId } = entry.data;
      consultation.delivery =
        delivered === 'unreachable' ? { delivered } : { delivered, conversationId, activityId };
      return;
    }
    case 'consultationAccepted': {
      const consultation = byId.get(entry.data.consultationId);
      if (consultation) Object.assign(consultation, { status: 'accepted', ...answered });
      return;
    }
    case 'consultationDeclined': {
      const consultation = byId.get(entry.data.consultationId);
      if (consultation)
        Object.assign(consultation, { status: 'declined', declineReason: entry.data.reason, ...answered });
      return;
    }
    case 'consultationWithdrawn': {
      // Taken back by an owner: no longer anyone's to answer (the answerer fields stay whose they were).
      const consultation = byId.get(entry.data.consultationId);
      if (consultation) consultation.status = 'withdrawn';
      return;
    }
    case 'consultationAdviceRecorded': {
      const consultation = byId.get(entry.data.consultationId);
      if (consultation)
        Object.assign(consultation, { status: 'advised', advice: entry.data.advice, ...answered });
      return;
    }
    default:
      return;
  }
}

export function consultationById(dossier: Dossier, id: number): Consultation | undefined {
  return consultations(dossier).find((c) => c.id === id);
}

/** Accepting is possible while the request waits; advice and declining also after acceptance. */
export function consultationOpenFor(consultation: Consultation, action: 'accept' | 'answer'): boolean {
  return action === 'accept'
    ? consultation.status === 'requested'
    : consultation.status === 'requested' || consultation.status === 'accepted';
}

/**
 * Someone in the care-team channel who is not involved may see the status of the consultation card
 * in front of them — only in the conversation the card was posted to, and only its status.
 */
export function statusVisibleIn(dossier: Dossier, consultationId: number, conversationId: string): boolean {
  const delivery = consultationById(dossier, consultationId)?.delivery;
  return delivery?.delivered === 'channel' && delivery.conversationId === conversationId;
}

export type Confirmation =
  | { state: 'none' }
  | { state: 'waiting'; outcome: Outcome }
  | { state: 'confirmed'; outcome: Outcome; byName: string; at: string; note: string }
  | { state: 'sentBack'; outcome: Outcome; byName: string; at: string; reason: string };

/**
 * The second pair of eyes on step 5: the outcome the staff member reached waits for the beslisser.
 * A confirmation or a sending back counts for the outcome as it stood then; an answer that leads to
 * another outcome (or to the same one again, after it was answered anew) makes it wait again.
 */
export function decisionConfirmation(dossier: Dossier): Confirmation {
  const state = afwegingskaderState(dossier);
  if (state.outcome === null) return { state: 'none' };
  const since = state.outcomeSeq ?? 0;
  const verdict = dossier.log
    .filter(
      (e): e is EntryOf<'decisionConfirmed' | 'decisionSentBack'> =>
        (e.kind === 'decisionConfirmed' || e.kind === 'decisionSentBack') && e.seq > since,
    )
    .at(-1);
  if (!verdict) return { state: 'waiting', outcome: state.outcome };
  return verdict.kind === 'decisionConfirmed'
    ? {
        state: 'confirmed',
        outcome: state.outcome,
        byName: verdict.authorName,
        at: verdict.at,
        note: verdict.kind === 'decisionConfirmed' ? verdict.data.note : '',
      }
    : {
        state: 'sentBack',
        outcome: state.outcome,
        byName: verdict.authorName,
        at: verdict.at,
        reason: verdict.data.reason,
      };
}

/**
 * Who took the decision now waiting: the owner, and whoever answered the afwegingsvragen on its
 * path. None of them may be the second pair of eyes.
 */
export function decidedBy(dossier: Dossier): Set<string> {
  const answerSeqs = new Set(afwegingskaderState(dossier).answers.map((a) => a.seq));
  // Every owner took the decision with the dossier: a beslisser who is a co-owner does not confirm it.
  const people = new Set(ownerIdsOf(dossier));
  for (const entry of dossier.log) if (answerSeqs.has(entry.seq)) people.add(entry.authorId);
  return people;
}

/**
 * Who confirms the decision: the school's beslisser, unless they took it themselves; then the deputy
 * beslisser (configuration), unless they took part too. Undefined: nobody may, the decision stays
 * unconfirmed, and the cards say so.
 */
export function confirmerOf(
  dossier: Dossier,
  school: Pick<School, 'decisionMaker' | 'deputyDecisionMaker'>,
): Person | undefined {
  const took = decidedBy(dossier);
  if (!took.has(school.decisionMaker.id)) return school.decisionMaker;
  const deputy = school.deputyDecisionMaker;
  return deputy && !took.has(deputy.id) ? deputy : undefined;
}
