// What every screen's verbs share: their dependencies, the reference to a dossier that every
// dossier card carries, and one way to turn a card form into a meldcode command.

import { z } from 'zod';
import {
  parseCommand,
  type CommandType,
  type Dossier,
  type Refusal,
  type Role,
  type Step,
} from '../../domain';
import type { DossierService, AccessRefusal } from '../../app/dossier-service';
import type { CardJson, CardRenderer } from '../../cards/render';
import { accessView, refusalMessage, type FormState } from '../../cards/views';
import type { Voice } from '../../i18n';
import type { School } from '../../domain/school';
import type { Courier } from '../../app/courier';
import type { Messenger } from '../../app/messenger';
import type { ReminderScheduler } from '../../app/reminder-scheduler';
import { defineVerb, type Verb, type VerbContext } from '../verb';

export interface VerbDependencies {
  cards: CardRenderer;
  dossiers: DossierService;
  schools: readonly School[];
  /** What follows outside a dossier (cards to the zorgcoördinator and the beslisser). */
  effects: Courier;
  /** Proactive messages, e.g. a dossier sent to someone's personal chat from a channel card. */
  messenger: Messenger;
  /** Snoozing a reminder goes through the scheduler, which owns the reminder bookkeeping. */
  scheduler: ReminderScheduler;
  /** Entra object ids of the administrators who may see the configuration in the chat. */
  adminIds: readonly string[];
}

/** The dossier a card belongs to. Every dossier verb carries it; access is checked on each use. */
export const dossierRef = z.object({
  schoolId: z.string().min(1).max(100),
  dossierId: z.string().min(1).max(100),
});
export type DossierRef = z.infer<typeof dossierRef>;

/** A form on a dossier card: the reference plus whatever the inputs sent (parsed by the domain). */
export const dossierForm = dossierRef.extend({ submissionId: z.string().max(100).optional() }).loose();
export type DossierForm = z.infer<typeof dossierForm>;

/** Renders the card of one step, with a form state to keep what the user typed. */
export type StepCard = (ctx: VerbContext, dossier: Dossier, role: Role, state: FormState) => CardJson;
export type StepCards = Record<Step, StepCard>;

export function accessCard(deps: VerbDependencies, voice: Voice, refusal: AccessRefusal): CardJson {
  return deps.cards.render('error', accessView(voice, refusal), voice);
}

/**
 * Keep what the user typed and put the refusal's message at the field it concerns.
 * `fieldOf` maps the command's field path (e.g. "pupil.reference") to the card input id.
 */
export function formWithRefusal(
  voice: Voice,
  values: Record<string, unknown>,
  refusal: Refusal,
  fieldOf: Record<string, string> = {},
): FormState {
  const errors: Record<string, string> = {};
  for (const problem of [refusal, ...(refusal.also ?? [])]) {
    const path = problem.field ?? '';
    const field = fieldOf[path] ?? (path.split('.')[0] || 'form');
    errors[field] ??= refusalMessage(voice, { ...refusal, ...problem });
  }
  return { values, errors };
}

/** A verb that opens a card of one dossier for someone involved (access checked and audited). */
export function showCardVerb(deps: VerbDependencies, card: StepCard): Verb {
  return defineVerb({
    schema: dossierRef,
    scopes: ['personal'],
    run: async (ctx, { schoolId, dossierId }) => {
      const viewed = await deps.dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
      if (!viewed.ok) return accessCard(deps, ctx.turn.voice, viewed.access);
      return card(ctx, viewed.dossier, viewed.role, { values: {}, errors: {} });
    },
  });
}

export interface CommandVerbSpec {
  type: CommandType;
  /** The card that holds the form, shown again with the user's input when something is refused. */
  form: StepCard;
  /** Turn the flat card inputs into the command's shape (nesting, renaming). Default: as sent. */
  toCommand?: (form: DossierForm) => Record<string, unknown>;
  /** Where a refusal's field path lands on the card. */
  fieldOf?: Record<string, string>;
  /** The card after the command was recorded. */
  after: StepCard;
}

/**
 * A verb that records one meldcode command from a card form: parse by the domain's schema, act
 * (access check, decide, save), and answer with the next card — or with the same form, the user's
 * input kept and the problem named at its field.
 */
export function commandVerb(deps: VerbDependencies, spec: CommandVerbSpec): Verb {
  const { dossiers } = deps;
  return defineVerb({
    schema: dossierForm,
    scopes: ['personal'],
    run: async (ctx, form) => {
      const voice = ctx.turn.voice;
      const { schoolId, dossierId } = form;
      const values: Record<string, unknown> = { ...form };
      const parsed = parseCommand({ ...(spec.toCommand ? spec.toCommand(form) : form), type: spec.type });
      if (!parsed.ok) {
        const viewed = await dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, voice, viewed.access);
        return spec.form(
          ctx,
          viewed.dossier,
          viewed.role,
          formWithRefusal(voice, values, parsed.refusal, spec.fieldOf),
        );
      }
      const outcome = await dossiers.act(ctx.turn.actor, schoolId, dossierId, parsed.command, ctx.now);
      if ('access' in outcome) return accessCard(deps, voice, outcome.access);
      if (!outcome.ok) {
        return spec.form(
          ctx,
          outcome.dossier,
          outcome.role,
          formWithRefusal(voice, values, outcome.refusal, spec.fieldOf),
        );
      }
      return spec.after(ctx, outcome.dossier, outcome.role, { values: {}, errors: {} });
    },
  });
}
