// Finding a colleague by their work e-mail address (UPN). There is no staff directory of our own and
// Teams offers a bot no people picker in a personal chat, so the person types the address and the bot
// asks Teams who that is: the Entra object id and display name come from Teams, never from what was
// typed. Only someone in the same tenant as the person asking counts; anyone else is "not found" or
// "another organisation", and the form says so.

import { TeamsInfo, type TurnContext } from 'botbuilder';

export type ColleagueLookup =
  { found: true; id: string; name: string } | { found: false; reason: 'notFound' | 'otherTenant' };

/**
 * Looks one address up for the person acting; bound to their turn. Teams answers per conversation:
 * first the conversation the person is in, then the teams given (the school's care-team channel),
 * whose members Teams knows even when the colleague never talked to the bot.
 */
export type FindColleague = (address: string, teams?: readonly string[]) => Promise<ColleagueLookup>;

/** The answers of the Bot Connector that mean "no such member here" rather than "try again later". */
const NOT_A_MEMBER = new Set([400, 403, 404]);

export function colleaguesInTeams(context: TurnContext, tenantId: string): FindColleague {
  const lookups = (address: string, teams: readonly string[]) => [
    () => TeamsInfo.getMember(context, address),
    ...teams.map((team) => () => TeamsInfo.getTeamMember(context, team, address)),
  ];
  return async (address, teams = []) => {
    for (const lookup of lookups(address, teams)) {
      const member = await notFoundAsUndefined(lookup);
      if (!member?.aadObjectId) continue;
      // Teams names the member's tenant; when it leaves it out, the member was found in one of the
      // asker's own conversations and so in the asker's tenant.
      if (member.tenantId && member.tenantId !== tenantId) return { found: false, reason: 'otherTenant' };
      return { found: true, id: member.aadObjectId, name: member.name || address };
    }
    return { found: false, reason: 'notFound' };
  };
}

/** A "no such member" answer becomes undefined; any other failure (Teams down) goes to the caller. */
async function notFoundAsUndefined<T>(lookup: () => Promise<T>): Promise<T | undefined> {
  try {
    return await lookup();
  } catch (error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && NOT_A_MEMBER.has(status)) return undefined;
    throw error;
  }
}
