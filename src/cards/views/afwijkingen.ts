// What the second pair of eyes must see, on every card that shows the decision: whether it is
// confirmed yet and by whom it can be (never by the person who took it), and the deviations from the
// meldcode in the dossier, each with its written reason.

import { t, type Voice } from '../../i18n';
import type { Dossier } from '../../domain';
import { confirmerOf, decisionConfirmation } from '../../domain/consultation';
import { deviationsOf, type Deviation } from '../../domain/deviations';
import type { School } from '../../domain/school';
import { shorten } from './beslissen-common';

/** A card lists the latest deviations with their reasons shortened; the chronology has them in full. */
const DEVIATIONS_SHOWN = 5;
const REASON_LENGTH = 200;

/** The decision's confirmation in one plain sentence; empty while there is no outcome. */
export function confirmationLine(voice: Voice, dossier: Dossier, school: School | undefined): string {
  const confirmation = decisionConfirmation(dossier);
  switch (confirmation.state) {
    case 'none':
      return '';
    case 'confirmed':
      // What the beslisser said goes with it, where the owners look.
      return confirmation.note
        ? t(voice, 'afwijkingen.confirmedNote', {
            name: confirmation.byName,
            note: shorten(confirmation.note, REASON_LENGTH),
          })
        : t(voice, 'afwijkingen.confirmed', { name: confirmation.byName });
    case 'sentBack':
      return t(voice, 'afwijkingen.sentBack', { name: confirmation.byName, reason: confirmation.reason });
    case 'waiting': {
      if (!school) return t(voice, 'afwijkingen.waiting', { name: '' });
      const confirmer = confirmerOf(dossier, school);
      if (!confirmer) return t(voice, 'afwijkingen.noConfirmer');
      return confirmer.id === school.decisionMaker.id
        ? t(voice, 'afwijkingen.waiting', { name: confirmer.name })
        : t(voice, 'afwijkingen.waitingDeputy', { name: confirmer.name });
    }
  }
}

/** One line per deviation, in the words the beslisser reads. */
export function deviationLine(voice: Voice, deviation: Deviation): string {
  const reason = shorten(deviation.reason, REASON_LENGTH);
  switch (deviation.kind) {
    case 'reportNotDiscussed':
      return t(voice, `afwijkingen.reportNotDiscussed.${deviation.with}`, { reason });
    default:
      return t(voice, `afwijkingen.${deviation.kind}`, { reason });
  }
}

/** The latest deviations in the dossier, as lines for a card's list, and how many more there are. */
export function deviationLines(voice: Voice, dossier: Dossier): { line: string }[] {
  const all = deviationsOf(dossier);
  const lines = all.slice(-DEVIATIONS_SHOWN).map((deviation) => ({ line: deviationLine(voice, deviation) }));
  const more = all.length - lines.length;
  return more > 0 ? [...lines, { line: t(voice, 'afwijkingen.more', { count: more }) }] : lines;
}
