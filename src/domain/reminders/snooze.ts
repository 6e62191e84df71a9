// Snoozing: the recipient of a reminder asks for it again in a day or a week.

import { unchanged, type Change } from '../change';
import type { Dossier } from '../dossier';
import type { Participant } from '../people';
import { append } from '../log';
import type { School } from '../school';
import { addDays } from '../working-time';
import type { SnoozePeriod } from './entries';
import { reminderSentData, ruleOccurrences, snoozedData, stillOpen } from './schedule';
import { reminderSettingsOf, workingCalendarOf } from './settings';

/** Why a snooze is refused. */
export type SnoozeRefusalCode = 'dossierClosed' | 'unknownReminder' | 'notRecipient' | 'reminderResolved';

/**
 * The recipient of a delivered reminder asks to be reminded again in a day or a week (the moment is
 * moved into working time). Pressing the button twice snoozes once. The repeat is dropped when the
 * rule is satisfied in the meantime (activity, acceptance, an answer, the feedback). A change like a
 * command's: the app's write path saves it.
 */
export function snoozeReminder(
  dossier: Dossier,
  school: School,
  request: { key: string; period: SnoozePeriod; actor: Participant },
  now: Date,
): Change {
  if (dossier.status === 'closed') return { ok: false, refusal: { code: 'dossierClosed' } };
  const original = dossier.log.map(reminderSentData).find((d) => d?.key === request.key);
  if (!original || original.outcome !== 'sent') return { ok: false, refusal: { code: 'unknownReminder' } };
  if (original.recipientId !== request.actor.id) return { ok: false, refusal: { code: 'notRecipient' } };
  if (dossier.log.some((e) => snoozedData(e)?.key === request.key)) return unchanged(dossier, true);
  const settings = reminderSettingsOf(school);
  const calendar = workingCalendarOf(school);
  if (
    !stillOpen(dossier, original.kind, original.trigger, ruleOccurrences(dossier, school, settings, calendar))
  ) {
    return { ok: false, refusal: { code: 'reminderResolved' } };
  }
  const later =
    request.period === 'dag'
      ? calendar.addWorkingDays(now, 1)
      : calendar.at(addDays(calendar.dateOf(now), 7), calendar.msIntoDay(now));
  const { dossier: snoozed, entry } = append(dossier, {
    at: now.toISOString(),
    authorId: request.actor.id,
    authorName: request.actor.name,
    role: request.actor.role,
    kind: 'reminderSnoozed',
    data: {
      key: request.key,
      period: request.period,
      until: calendar.nextWorkingMoment(later).toISOString(),
    },
  });
  return { ok: true, dossier: snoozed, entries: [entry], effects: [], duplicate: false };
}
