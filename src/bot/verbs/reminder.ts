// Snoozing a reminder from its card: a day or a week, for the person who got it.

import { z } from 'zod';
import { SNOOZE_PERIODS, entriesOf } from '../../domain';
import { formatDate } from '../../cards/views';
import { t } from '../../i18n';
import { defineVerb, type Verb } from '../verb';
import { accessCard, dossierRef, type VerbDependencies } from './common';

export function reminderVerbs(deps: VerbDependencies): Record<string, Verb> {
  return {
    snoozeReminder: defineVerb({
      schema: dossierRef.extend({ key: z.string().min(1).max(400), period: z.enum(SNOOZE_PERIODS) }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId, key, period }) => {
        const voice = ctx.turn.voice;
        const outcome = await deps.scheduler.snooze(
          ctx.turn.actor,
          schoolId,
          dossierId,
          { key, period },
          ctx.now,
        );
        if (!outcome.ok && (outcome.code === 'notFound' || outcome.code === 'notInvolved')) {
          return accessCard(deps, voice, { code: outcome.code });
        }
        const snoozed = outcome.ok
          ? entriesOf(outcome.dossier, 'reminderSnoozed')
              .filter((e) => e.data.key === key)
              .at(-1)
          : undefined;
        const until = snoozed?.data.until;
        const number = outcome.ok ? outcome.dossier.number : '';
        return deps.cards.render(
          'notice-plain',
          {
            title: t(voice, 'reminder.title', { number }),
            text: until
              ? t(voice, 'reminder.snoozed', { date: formatDate(voice, until) })
              : t(voice, 'reminder.snoozeRefused'),
          },
          voice,
        );
      },
    }),
  };
}
