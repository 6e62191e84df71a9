// The Bot Framework adapter. With an empty MicrosoftAppId authentication is off (local mode:
// no inbound token checked, no outbound token sent); with an id set, every inbound request
// must carry a valid token or gets 401.

import { CloudAdapter, type TurnContext } from 'botbuilder';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { t } from '../i18n';
import { KeptClientsAuthentication } from './kept-clients';

export function createAdapter(config: Config, logger: Logger): CloudAdapter {
  // botbuilder insists on an app id for SingleTenant; local mode has none, so it runs as the
  // SDK's anonymous MultiTenant default, which checks and sends no tokens.
  // The connector clients are made once and kept (kept-clients.ts); the checks are botbuilder's own.
  const authentication = new KeptClientsAuthentication(
    config.bot.authenticationEnabled
      ? {
          MicrosoftAppId: config.bot.appId,
          MicrosoftAppPassword: config.bot.appPassword,
          MicrosoftAppType: config.bot.appType,
          MicrosoftAppTenantId: config.bot.appTenantId,
        }
      : { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' },
  );
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    // Ids only: the activity's text may hold pupil data.
    logger.error(
      {
        activityId: context.activity.id,
        conversationId: context.activity.conversation?.id,
        activityType: context.activity.type,
        error:
          error instanceof Error
            ? { name: error.name, message: error.message, stack: error.stack }
            : 'unknown',
      },
      'turn failed',
    );
    if (context.activity.type === 'message') {
      await context.sendActivity({ type: 'message', text: t(config.defaultLanguage, 'error.unexpected') });
    }
  };
  return adapter;
}
