// When a dossier next needs the bot's attention: its next reminder, or an outbox item to (re)send.
// Both stores index `nextReminderAt`, and the sweep finds due dossiers by it; the write path sets it
// after every change, here, so it is computed in one place.

import type { Dossier } from './dossier';
import { outboxNextAt } from './outbox';
import { scheduleOf } from './reminders/schedule';
import type { School } from './school';

export function withNextDue(dossier: Dossier, school: School, now: Date): Dossier {
  const reminder = scheduleOf(dossier, school, now).nextAt;
  const outbox = outboxNextAt(dossier);
  const next = [reminder, outbox].filter((at): at is string => at !== null).sort()[0] ?? null;
  return next === dossier.nextReminderAt ? dossier : { ...dossier, nextReminderAt: next };
}
