// Finding a colleague by their work e-mail address (UPN). There is no staff directory of our own and
// Teams offers a bot no people picker in a personal chat, so the person types the address and the bot
// asks Teams who that is: the Entra object id and display name come from Teams, never from what was
// typed. Only someone in the same tenant as the person asking counts; anyone else is "not found" or
// "another organisation", and the form says so.

import { TeamsInfo, type TurnContext } from 'botbuilder';

export type ColleagueLookup =
  { found: true; id: string; name: string } | { found: false; reason: 'notFound' | 'otherTenant' };

/** Looks one address up for the person acting; bound to their turn (Teams answers per conversation). */
export type FindColleague = (address: string) => Promise<ColleagueLookup>;

/** The answers of the Bot Connector that mean "no such member here" rather than "try again later". */
const NOT_A_MEMBER = new Set([400, 403, 404]);

export function colleaguesInTeams(context: TurnContext, tenantId: string): FindColleague {
  return async (address) => {
    try {
      const member = await TeamsInfo.getMember(context, address);
      if (!member.aadObjectId) return { found: false, reason: 'notFound' };
      // Teams names the member's tenant; when it leaves it out, the member was found in the asker's
      // own conversation and so in the asker's tenant.
      if (member.tenantId && member.tenantId !== tenantId) return { found: false, reason: 'otherTenant' };
      return { found: true, id: member.aadObjectId, name: member.name || address };
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      if (typeof status === 'number' && NOT_A_MEMBER.has(status)) return { found: false, reason: 'notFound' };
      throw error;
    }
  };
}
