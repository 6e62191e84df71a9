// Who takes part in a dossier: the form on which the owner adds a colleague as co-owner (and sees and
// removes the co-owners), and the form on which the zorgcoördinator hands the dossier over. Both take
// the colleague's work e-mail address; the bot looks it up in Teams (src/bot/colleagues.ts).

import { section, t, type Voice } from '../../i18n';
import { TEXT_MAX_LENGTH, type Dossier } from '../../domain';
import { coOwnersOf } from '../../domain/co-owners';
import type { School } from '../../domain/school';
import { cardText, keptText } from './chronology';
import { newSubmissionId, problemsText, shorten, type FormState, type ViewData } from './common';

/** A work e-mail address (UPN): longer ones do not exist in Entra (113 characters at most). */
export const EMAIL_MAX_LENGTH = 200;
/** How long a name is on these cards; the chronology keeps it whole. */
const NAME_LENGTH = 60;

export const CO_OWNER_FIELDS = ['colleagueEmail'] as const;
export const HANDOVER_FIELDS = ['colleagueEmail', 'reason'] as const;

/** Every field the template binds, a typed value kept (bounded) and a message where one is due. */
function fields(
  voice: Voice,
  names: readonly string[],
  state: FormState,
): { values: ViewData; errors: ViewData } {
  const values: ViewData = {};
  const errors: ViewData = {};
  for (const name of names) {
    values[name] = keptText(state.values[name], name === 'reason' ? TEXT_MAX_LENGTH : EMAIL_MAX_LENGTH);
    // Teams checks a required input itself and then shows this message under it.
    errors[name] = state.errors[name] ?? t(voice, 'betrokkenen.required');
  }
  return { values, errors };
}

const labels = (voice: Voice): Record<string, string> => ({
  colleagueEmail: t(voice, 'betrokkenen.email'),
  reason: t(voice, 'betrokkenen.handover.reason'),
});

export function coOwnerView(
  voice: Voice,
  dossier: Dossier,
  school: School | undefined,
  state: FormState,
): ViewData {
  const coOwners = coOwnersOf(dossier).map((person) => ({
    coOwnerId: person.id,
    name: shorten(cardText(person.name), NAME_LENGTH),
    remove: t(voice, 'betrokkenen.coOwner.remove', { name: shorten(cardText(person.name), NAME_LENGTH) }),
    // Each button its own: two removals from one card are two changes, not one pressed twice.
    removeSubmissionId: newSubmissionId(),
  }));
  return {
    t: section(voice, 'betrokkenen'),
    co: section(voice, 'betrokkenen.coOwner'),
    title: t(voice, 'betrokkenen.coOwner.title'),
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    coOwnersText: t(voice, coOwners.length > 0 ? 'betrokkenen.coOwner.current' : 'betrokkenen.coOwner.none'),
    coOwners,
    ...fields(voice, CO_OWNER_FIELDS, state),
    problemsText: problemsText(voice, state, labels(voice)),
    submissionId: newSubmissionId(),
    emailMaxLength: EMAIL_MAX_LENGTH,
  };
}

export function handoverView(
  voice: Voice,
  dossier: Dossier,
  school: School | undefined,
  state: FormState,
): ViewData {
  const owner = shorten(cardText(dossier.ownerName), NAME_LENGTH);
  return {
    t: section(voice, 'betrokkenen'),
    ho: section(voice, 'betrokkenen.handover'),
    title: t(voice, 'betrokkenen.handover.title'),
    number: dossier.number,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    intro: t(voice, 'betrokkenen.handover.intro', { owner }),
    ownerText: t(voice, 'betrokkenen.handover.owner', { owner }),
    ...fields(voice, HANDOVER_FIELDS, state),
    problemsText: problemsText(voice, state, labels(voice)),
    submissionId: newSubmissionId(),
    emailMaxLength: EMAIL_MAX_LENGTH,
    reasonMaxLength: TEXT_MAX_LENGTH,
  };
}

/** The co-owners and the aandachtsfunctionaris, for the people line of the dossier card. */
export function involvedLines(voice: Voice, dossier: Dossier, school: School | undefined): string {
  const coOwners = coOwnersOf(dossier);
  return [
    coOwners.length > 0 &&
      t(voice, 'dossier.coOwners', {
        names: coOwners.map((p) => shorten(cardText(p.name), NAME_LENGTH)).join(', '),
      }),
    school?.aandachtsfunctionaris &&
      t(voice, 'dossier.aandachtsfunctionaris', { name: school.aandachtsfunctionaris.name }),
  ]
    .filter((line): line is string => typeof line === 'string')
    .join(' ');
}
