// One verb of an Action.Execute: the zod schema its data must satisfy and what it does.
// Every card button names a verb; the registry (verbs.ts) is the one list of them.

import type { z } from 'zod';
import type { CardJson } from '../cards/render';
import type { Turn, Actor } from './turn';
import type { FindColleague } from './colleagues';

export type Scope = 'personal' | 'channel' | 'groupChat';

export interface VerbContext {
  turn: Turn & { actor: Actor };
  now: Date;
  /** Looks a colleague up in Teams by work e-mail address (colleagues.ts); absent outside a Teams turn. */
  findColleague?: FindColleague | undefined;
}

export interface Verb<Schema extends z.ZodType = z.ZodType> {
  schema: Schema;
  /** Where the verb may be used. Dossier work is personal only; consultation cards live in channels too. */
  scopes: readonly Scope[];
  run(context: VerbContext, data: z.infer<Schema>): Promise<CardJson>;
  /**
   * A card for data the schema refused. Forms use it to come back with what the user typed and
   * the problem named at the field; without it the user gets the generic error card.
   */
  invalid?(context: VerbContext, raw: Record<string, unknown>, issues: z.core.$ZodIssue[]): Promise<CardJson>;
}

/** Keeps the schema's type attached to run() while the registry stores verbs of any schema. */
export function defineVerb<Schema extends z.ZodType>(verb: Verb<Schema>): Verb {
  return verb;
}
