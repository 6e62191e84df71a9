// What follows outside the dossier when entries are recorded, as data: a card to the zorgcoördinator,
// the consultation card updated for everyone, a notice to the owner, the decision to the beslisser.
// decide() names them; the app queues them in the dossier's outbox with the write and delivers them
// after answering the person who acted. Pure: nothing here sends anything.

import { ownerIdsOf } from './co-owners';
import { confirmerOf, decisionConfirmation } from './consultation';
import type { Dossier, LogEntry } from './dossier';
import type { School } from './school';

/** What the owner is told about, in a short notice. */
export type NoticeSubject =
  | 'consultationAccepted'
  | 'consultationAdvised'
  | 'consultationDeclined'
  | 'decisionConfirmed'
  | 'decisionSentBack'
  /** Told to the colleague the owner added. */
  | 'coOwnerAdded'
  /** Told to the new owner. */
  | 'ownershipHandedOver';

/** Every effect names the entry (`seq`) that set it off: its outbox item is named after it. */
export type Effect =
  /** The consultation card to the zorgcoördinator asked: in the care-team channel or a personal chat. */
  | { type: 'deliverConsultation'; consultationId: number; seq: number }
  /** Everyone's copy of the consultation card shows the new status. */
  | { type: 'updateConsultationCard'; consultationId: number; seq: number }
  /**
   * A short notice to an owner (the owner and each co-owner, one effect each) about what someone
   * else did (entry `seq`). Items queued before co-owners existed have no recipient: the owner.
   */
  | { type: 'tellOwner'; subject: NoticeSubject; seq: number; recipientId?: string }
  /**
   * The step-5 outcome waits for confirmation: the card to confirm or send back goes to `recipientId`,
   * the beslisser, or the deputy beslisser when the beslisser took the decision (consultation.ts).
   */
  | { type: 'askForConfirmation'; seq: number; recipientId: string };

export type EffectType = Effect['type'];

/** The effects of newly recorded entries, on the dossier as it is after them. */
export function effectsOf(
  dossier: Dossier,
  entries: readonly LogEntry[],
  actorId: string,
  school: School | undefined,
): Effect[] {
  const effects: Effect[] = [];
  const tell = (recipientId: string, subject: NoticeSubject, seq: number): void => {
    // Nobody is told what they did themselves.
    if (recipientId !== actorId) effects.push({ type: 'tellOwner', subject, seq, recipientId });
  };
  const tellOwner = (subject: NoticeSubject, seq: number): void => {
    for (const ownerId of ownerIdsOf(dossier)) tell(ownerId, subject, seq);
  };
  /** An answer to a consultation: everyone's copy of its card shows it, and the owners are told. */
  const answered = (consultationId: number, subject: NoticeSubject, seq: number): void => {
    effects.push({ type: 'updateConsultationCard', consultationId, seq });
    tellOwner(subject, seq);
  };
  for (const entry of entries) {
    switch (entry.kind) {
      case 'consultationRequested':
        effects.push({ type: 'deliverConsultation', consultationId: entry.seq, seq: entry.seq });
        break;
      case 'consultationAccepted':
        answered(entry.data.consultationId, 'consultationAccepted', entry.seq);
        break;
      case 'consultationAdviceRecorded':
        answered(entry.data.consultationId, 'consultationAdvised', entry.seq);
        break;
      case 'consultationDeclined':
        answered(entry.data.consultationId, 'consultationDeclined', entry.seq);
        break;
      case 'consultationWithdrawn':
        // Everyone's copy of the card says it was taken back; there is nothing left to answer.
        effects.push({
          type: 'updateConsultationCard',
          consultationId: entry.data.consultationId,
          seq: entry.seq,
        });
        break;
      case 'afwegingsvraagAnswered': {
        // Nobody confirms their own decision: the card goes to whoever may (see confirmerOf).
        const confirmer = school && confirmerOf(dossier, school);
        if (decisionConfirmation(dossier).state === 'waiting' && confirmer && confirmer.id !== actorId)
          effects.push({ type: 'askForConfirmation', seq: entry.seq, recipientId: confirmer.id });
        break;
      }
      case 'decisionConfirmed':
        tellOwner('decisionConfirmed', entry.seq);
        break;
      case 'decisionSentBack':
        tellOwner('decisionSentBack', entry.seq);
        break;
      case 'coOwnerAdded':
        tell(entry.data.coOwnerId, 'coOwnerAdded', entry.seq);
        break;
      case 'ownershipHandedOver':
        tell(entry.data.newOwnerId, 'ownershipHandedOver', entry.seq);
        break;
      default:
        break;
    }
  }
  return effects;
}
