// The consultation with the zorgcoördinator (step 2) and the beslisser's confirmation of the
// decision (step 5), read from the log. A consultation is named by the sequence number of the entry
// that requested it.

import { afwegingskaderState, type Outcome } from './afwegingskader';
import type { Dossier, LogEntry } from './dossier';

export type ConsultationStatus = 'requested' | 'accepted' | 'declined' | 'advised';

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

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : Number(value));

/** Every consultation of the dossier, oldest first, with its current status. */
export function consultations(dossier: Dossier): Consultation[] {
  const byId = new Map<number, Consultation>();
  for (const entry of dossier.log) applyEntry(byId, entry);
  return [...byId.values()];
}

function applyEntry(byId: Map<number, Consultation>, entry: LogEntry): void {
  if (entry.kind === 'consultationRequested') {
    byId.set(entry.seq, {
      id: entry.seq,
      requestedAt: entry.at,
      requestedById: entry.authorId,
      requestedByName: entry.authorName,
      coordinatorId: str(entry.data.coordinatorId),
      question: str(entry.data.question),
      status: 'requested',
    });
    return;
  }
  const consultation = byId.get(num(entry.data.consultationId));
  if (!consultation) return;
  const answered = { answeredById: entry.authorId, answeredByName: entry.authorName };
  switch (entry.kind) {
    case 'consultationDelivered': {
      const delivered = str(entry.data.delivered);
      consultation.delivery =
        delivered === 'unreachable'
          ? { delivered: 'unreachable' }
          : {
              delivered: delivered === 'channel' ? 'channel' : 'personal',
              conversationId: str(entry.data.conversationId) || undefined,
              activityId: str(entry.data.activityId) || undefined,
            };
      break;
    }
    case 'consultationAccepted':
      Object.assign(consultation, { status: 'accepted', ...answered });
      break;
    case 'consultationDeclined':
      Object.assign(consultation, { status: 'declined', declineReason: str(entry.data.reason), ...answered });
      break;
    case 'consultationAdviceRecorded':
      Object.assign(consultation, { status: 'advised', advice: str(entry.data.advice), ...answered });
      break;
    default:
      break;
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
  | { state: 'confirmed'; outcome: Outcome; byName: string; at: string }
  | { state: 'sentBack'; outcome: Outcome; byName: string; at: string; reason: string };

/**
 * The second pair of eyes on step 5: the outcome the staff member reached waits for the beslisser.
 * A confirmation or a sending back counts for the outcome as it stood then; a later answer to the
 * afwegingskader makes the (new) outcome wait again.
 */
export function decisionConfirmation(dossier: Dossier): Confirmation {
  const state = afwegingskaderState(dossier);
  if (state.outcome === null) return { state: 'none' };
  const lastAnswer = dossier.log.filter((e) => e.kind === 'afwegingsvraagAnswered').at(-1);
  const verdict = dossier.log
    .filter(
      (e) =>
        (e.kind === 'decisionConfirmed' || e.kind === 'decisionSentBack') && e.seq > (lastAnswer?.seq ?? 0),
    )
    .at(-1);
  if (!verdict) return { state: 'waiting', outcome: state.outcome };
  return verdict.kind === 'decisionConfirmed'
    ? { state: 'confirmed', outcome: state.outcome, byName: verdict.authorName, at: verdict.at }
    : {
        state: 'sentBack',
        outcome: state.outcome,
        byName: verdict.authorName,
        at: verdict.at,
        reason: str(verdict.data.reason),
      };
}
