// What a dossier waits for from someone other than its owner, as marks the stores index: an open
// consultation waits for a zorgcoördinator, an outcome of step 5 for the beslisser. The role homes
// and "mijn consultaties" find their dossiers by these marks, so the lists grow with what waits,
// not with the number of dossiers of the school. The write path sets them after every change.

import { consultations, decisionConfirmation } from './consultation';
import type { Dossier } from './dossier';

export const ATTENTION = ['consultation', 'decision'] as const;
export type Attention = (typeof ATTENTION)[number];

/** The marks a dossier carries now. A closed dossier waits for nobody. */
export function attentionOf(dossier: Dossier): Attention[] {
  if (dossier.status === 'closed') return [];
  const marks: Attention[] = [];
  if (consultations(dossier).some((c) => c.status === 'requested' || c.status === 'accepted'))
    marks.push('consultation');
  if (decisionConfirmation(dossier).state === 'waiting') marks.push('decision');
  return marks;
}

/** The dossier with its marks as they are now (the same object when they did not change). */
export function withAttention(dossier: Dossier): Dossier {
  const marks = attentionOf(dossier);
  const current = dossier.attention ?? [];
  if (marks.length === current.length && marks.every((m, i) => current[i] === m)) return dossier;
  const { attention: _old, ...rest } = dossier;
  return marks.length > 0 ? { ...rest, attention: marks } : rest;
}
