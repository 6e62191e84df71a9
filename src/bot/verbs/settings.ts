// `instellingen`: the configuration in the chat, for the administrators named in ADMIN_IDS only.

import { z } from 'zod';
import { errorView, settingsView } from '../../cards/views';
import { t } from '../../i18n';
import { defineVerb, type Verb } from '../verb';
import type { VerbDependencies } from './common';

export function settingsVerbs(deps: VerbDependencies): Record<string, Verb> {
  return {
    showSettings: defineVerb({
      schema: z.object({}).loose(),
      scopes: ['personal'],
      run: (ctx) => {
        const voice = ctx.turn.voice;
        if (!deps.adminIds.includes(ctx.turn.actor.id)) {
          return Promise.resolve(
            deps.cards.render(
              'error',
              { ...errorView(voice, 'error.unknownVerb'), message: t(voice, 'settings.onlyAdmins') },
              voice,
            ),
          );
        }
        // Only the schools of the administrator's own tenant.
        const schools = deps.schools.filter((s) => s.tenantId === ctx.turn.actor.tenantId);
        return Promise.resolve(deps.cards.render('settings', settingsView(voice, schools), voice));
      },
    }),
  };
}
