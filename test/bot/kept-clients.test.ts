// The Bot Framework's clients are made once and kept: turns and proactive sends to one service URL
// share one connector client and one user-token client, and what they send still reaches the
// (fake) Bot Connector. The real CloudAdapter runs every turn; next to it, botbuilder's own
// authentication shows what is kept here is not kept by the framework (a new client per turn).

import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TurnContext,
  type Activity,
} from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import { KeptClientsAuthentication } from '../../src/bot/kept-clients';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { colleague, message, teacher } from '../support/teams';

const LOCAL = { MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppType: 'MultiTenant' };

let connector: FakeConnector;
let other: FakeConnector;
beforeAll(async () => {
  connector = await startFakeConnector();
  other = await startFakeConnector();
});
afterAll(async () => {
  await connector.stop();
  await other.stop();
});

/** Runs turns on the real adapter; each turn sends a message and notes the clients it was given. */
function adapterWith(authentication: BotFrameworkAuthentication) {
  const adapter = new CloudAdapter(authentication);
  const seen: { connector: unknown; userToken: unknown }[] = [];
  const logic = async (context: TurnContext): Promise<void> => {
    seen.push({
      connector: context.turnState.get(adapter.ConnectorClientKey),
      userToken: context.turnState.get(adapter.UserTokenClientKey),
    });
    await context.sendActivity('ontvangen');
  };
  return {
    seen,
    turn: (activity: Record<string, unknown>) =>
      adapter.processActivityDirect('', activity as unknown as Activity, logic),
    proactive: (activity: Record<string, unknown>) =>
      adapter.continueConversationAsync('', TurnContext.getConversationReference(activity), logic),
  };
}

describe('the connector clients, made once and kept', () => {
  it('gives every turn to one service URL the same clients, every proactive send too, and they send', async () => {
    const bot = adapterWith(new KeptClientsAuthentication(LOCAL));
    const before = connector.calls.length;
    await bot.turn(message(teacher, connector.url, 'hallo'));
    await bot.turn(message(colleague, connector.url, 'hallo'));
    await bot.proactive(message(teacher, connector.url, 'hallo'));
    await bot.proactive(message(colleague, connector.url, 'hallo'));

    expect(bot.seen).toHaveLength(4);
    const [turn, nextTurn, send, nextSend] = bot.seen;
    expect(turn?.connector).toBeDefined();
    expect(turn?.userToken).toBeDefined();
    expect(nextTurn?.connector).toBe(turn?.connector);
    // A proactive send names no audience, so it has a kept client of its own (kept-clients.ts).
    expect(nextSend?.connector).toBe(send?.connector);
    for (const other of [nextTurn, send, nextSend]) expect(other?.userToken).toBe(turn?.userToken);
    // Each of the four messages reached the connector, in the conversation it was for.
    const sent = connector.calls.slice(before).filter((call) => /\/activities/.test(call.path));
    expect(sent.map((call) => decodeURIComponent(call.path.split('/')[3] ?? ''))).toEqual([
      `a:personal-${teacher.teamsId}`,
      `a:personal-${colleague.teamsId}`,
      `a:personal-${teacher.teamsId}`,
      `a:personal-${colleague.teamsId}`,
    ]);
  });

  it('keeps a client per service URL: another address gets its own, and its messages go there', async () => {
    const bot = adapterWith(new KeptClientsAuthentication(LOCAL));
    const before = other.calls.length;
    await bot.turn(message(teacher, connector.url, 'hallo'));
    await bot.turn(message(teacher, other.url, 'hallo'));
    await bot.turn(message(colleague, other.url, 'hallo'));

    const [atFirst, atOther, againAtOther] = bot.seen;
    expect(atOther?.connector).not.toBe(atFirst?.connector);
    expect(againAtOther?.connector).toBe(atOther?.connector);
    expect(other.calls.slice(before).filter((call) => /\/activities/.test(call.path))).toHaveLength(2);
  });

  it('is not what botbuilder does by itself: its own authentication makes new clients every turn', async () => {
    const bot = adapterWith(new ConfigurationBotFrameworkAuthentication(LOCAL));
    await bot.turn(message(teacher, connector.url, 'hallo'));
    await bot.turn(message(teacher, connector.url, 'hallo'));
    expect(bot.seen[1]?.connector).not.toBe(bot.seen[0]?.connector);
    expect(bot.seen[1]?.userToken).not.toBe(bot.seen[0]?.userToken);
  });

  it('makes a client again when making it failed, instead of keeping the failure', async () => {
    const authentication = new KeptClientsAuthentication(LOCAL);
    const made = jest
      .spyOn(ConfigurationBotFrameworkAuthentication.prototype, 'createUserTokenClient')
      .mockRejectedValueOnce(new Error('credentials unavailable'));
    try {
      const bot = adapterWith(authentication);
      await expect(bot.turn(message(teacher, connector.url, 'hallo'))).rejects.toThrow(
        'credentials unavailable',
      );
      await bot.turn(message(teacher, connector.url, 'hallo'));
      await bot.turn(message(teacher, connector.url, 'hallo'));
      expect(made).toHaveBeenCalledTimes(2);
      expect(bot.seen).toHaveLength(2);
      expect(bot.seen[1]?.userToken).toBe(bot.seen[0]?.userToken);
    } finally {
      made.mockRestore();
    }
  });
});
