// What follows outside the dossier when entries are recorded, as data: a card to the zorgcoördinator,
// the consultation card updated for everyone, a notice to the owner, the decision to the beslisser.
// decide() names them; the app queues them in the dossier's outbox with the write and delivers them
// after answering the person who acted. Pure: nothing here sends anything.

import { confirmerOf, decisionConfirmation } from './consultation';
import type { Dossier, LogEntry } from './dossier';
import type { School } from './school';

/** What the owner is told about, in a short notice. */
export type NoticeSubject =
  | 'consultationAccepted'
  | 'consultationAdvised'
  | 'consultationDeclined'
  | 'decisionConfirmed'
  | 'decisionSentBack';

/** Every effect names the entry (`seq`) that set it off: its outbox item is named after it. */
export type Effect =
  /** The consultation card to the zorgcoördinator asked: in the care-team channel or a personal chat. */
  | { type: 'deliverConsultation'; consultationId: number; seq: number }
  /** Everyone's copy of the consultation card shows the new status. */
  | { type: 'updateConsultationCard'; consultationId: number; seq: number }
  /** A short notice to the owner about what someone else did (entry `seq`). */
  | { type: 'tellOwner'; subject: NoticeSubject; seq: number }
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
  const tellOwner = (subject: NoticeSubject, seq: number): void => {
    // The owner is not told what they did themselves.
    if (dossier.ownerId !== actorId) effects.push({ type: 'tellOwner', subject, seq });
  };
  for (const entry of entries) {
    switch (entry.kind) {
      case 'consultationRequested':
        effects.push({ type: 'deliverConsultation', consultationId: entry.seq, seq: entry.seq });
        break;
      case 'consultationAccepted':
        effects.push({
          type: 'updateConsultationCard',
          consultationId: entry.data.consultationId,
          seq: entry.seq,
        });
        tellOwner('consultationAccepted', entry.seq);
        break;
      case 'consultationAdviceRecorded':
        effects.push({
          type: 'updateConsultationCard',
          consultationId: entry.data.consultationId,
          seq: entry.seq,
        });
        tellOwner('consultationAdvised', entry.seq);
        break;
      case 'consultationDeclined':
        effects.push({
          type: 'updateConsultationCard',
          consultationId: entry.data.consultationId,
          seq: entry.seq,
        });
        tellOwner('consultationDeclined', entry.seq);
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
      default:
        break;
    }
  }
  return effects;
}
