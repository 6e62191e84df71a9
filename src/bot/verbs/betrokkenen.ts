// Who takes part in a dossier: the owner adds or removes a co-owner, the zorgcoördinator hands the
// dossier over. The colleague is named by work e-mail address and looked up in Teams here, in the bot
// layer; the command carries the id and name Teams gave, never anything typed as an id.

import { z } from 'zod';
import type { Command, Dossier, Refusal } from '../../domain';
import { coOwnersOf } from '../../domain/co-owners';
import { coOwnerView, emptyForm, handoverView, type FormState } from '../../cards/views';
import { t, type Voice, type MessageKey } from '../../i18n';
import { defineVerb, type Verb, type VerbContext } from '../verb';
import {
  accessCard,
  dossierForm,
  dossierRef,
  formWithRefusal,
  type DossierForm,
  type StepCard,
  type VerbDependencies,
} from './common';
import { hubCard } from './step-hub';

/** Enough to tell an address from a name typed by mistake; Teams decides whether it exists. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Where a refusal of these commands lands on the form. */
const FIELD_OF: Record<string, string> = {
  coOwnerId: 'colleagueEmail',
  coOwnerName: 'colleagueEmail',
  newOwnerId: 'colleagueEmail',
  newOwnerName: 'colleagueEmail',
};

type Form = 'coOwner' | 'handover';

export function betrokkenenVerbs(deps: VerbDependencies): Record<string, Verb> {
  const { cards, dossiers } = deps;

  const form =
    (which: Form): StepCard =>
    (ctx, dossier, _role, state) =>
      which === 'coOwner'
        ? cards.render(
            'co-owner',
            coOwnerView(ctx.turn.voice, dossier, dossiers.school(dossier.schoolId), state),
            ctx.turn.voice,
          )
        : cards.render(
            'handover',
            handoverView(ctx.turn.voice, dossier, dossiers.school(dossier.schoolId), state),
            ctx.turn.voice,
          );

  const hub = (ctx: VerbContext, dossier: Dossier, notice: string) =>
    hubCard(deps, ctx, dossier, { text: notice });

  /** The form, for an open dossier; a closed one shows its hub, which offers to reopen. */
  const show = (which: Form): Verb =>
    defineVerb({
      schema: dossierRef,
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId }) => {
        const viewed = await dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, ctx.turn.voice, viewed.access);
        if (viewed.dossier.status === 'closed') return hub(ctx, viewed.dossier, '');
        return form(which)(ctx, viewed.dossier, viewed.role, emptyForm);
      },
    });

  /**
   * Look the typed address up (after the access check, so nobody outside the dossier can probe the
   * directory through it), build the command from what Teams answered, and record it. Whatever is
   * refused comes back on the form, the address and reason as typed, the problem at its field.
   */
  const record = (
    which: Form,
    command: (dossier: Dossier, colleague: { id: string; name: string }, f: DossierForm) => Command,
    done: (voice: Voice, dossier: Dossier, colleague: { name: string }) => string,
  ): Verb =>
    defineVerb({
      schema: dossierForm,
      scopes: ['personal'],
      run: async (ctx, f) => {
        const voice = ctx.turn.voice;
        const values: Record<string, unknown> = { ...f };
        const viewed = await dossiers.view(ctx.turn.actor, f.schoolId, f.dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, voice, viewed.access);
        const again = (state: FormState) => form(which)(ctx, viewed.dossier, viewed.role, state);

        const problems = formProblems(voice, which, f);
        if (Object.keys(problems).length > 0) return again({ values, errors: problems });

        const address = String(f['colleagueEmail']).trim();
        // Also among the care team's members: a personal chat only knows the person in it.
        const careTeam = dossiers.school(f.schoolId)?.careTeamChannelId;
        const found = ctx.findColleague
          ? await ctx.findColleague(address, careTeam ? [careTeam] : [])
          : ({ found: false, reason: 'notFound' } as const);
        if (!found.found) {
          const message: MessageKey =
            found.reason === 'otherTenant' ? 'betrokkenen.otherTenant' : 'betrokkenen.notFound';
          return again({ values, errors: { colleagueEmail: t(voice, message) } });
        }

        const outcome = await dossiers.act(
          ctx.turn.actor,
          f.schoolId,
          f.dossierId,
          command(viewed.dossier, found, f),
          ctx.now,
        );
        if ('access' in outcome) return accessCard(deps, voice, outcome.access);
        if (!outcome.ok) return refused(ctx, which, outcome.dossier, outcome.role, values, outcome.refusal);
        return hub(ctx, outcome.dossier, done(voice, outcome.dossier, found));
      },
    });

  const refused = (
    ctx: VerbContext,
    which: Form,
    dossier: Dossier,
    role: Parameters<StepCard>[2],
    values: Record<string, unknown>,
    refusal: Refusal,
  ) => form(which)(ctx, dossier, role, formWithRefusal(ctx.turn.voice, values, refusal, FIELD_OF));

  return {
    showCoOwnerForm: show('coOwner'),
    showHandoverForm: show('handover'),

    addCoOwner: record(
      'coOwner',
      (_dossier, colleague, f) => ({
        type: 'addCoOwner',
        submissionId: f.submissionId,
        coOwnerId: colleague.id,
        coOwnerName: colleague.name,
      }),
      (voice, _dossier, colleague) => t(voice, 'betrokkenen.added', { name: colleague.name }),
    ),

    handOverOwnership: record(
      'handover',
      (dossier, colleague, f) => ({
        type: 'handOverOwnership',
        submissionId: f.submissionId,
        previousOwnerId: dossier.ownerId,
        previousOwnerName: dossier.ownerName,
        newOwnerId: colleague.id,
        newOwnerName: colleague.name,
        reason: typeof f['reason'] === 'string' ? f['reason'] : '',
      }),
      (voice, _dossier, colleague) => t(voice, 'betrokkenen.handedOver', { name: colleague.name }),
    ),

    removeCoOwner: defineVerb({
      schema: dossierRef.extend({
        coOwnerId: z.string().min(1).max(100),
        submissionId: z.string().max(100).optional(),
      }),
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId, coOwnerId, submissionId }) => {
        const voice = ctx.turn.voice;
        const viewed = await dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, voice, viewed.access);
        const person = coOwnersOf(viewed.dossier).find((p) => p.id === coOwnerId);
        const outcome = await dossiers.act(
          ctx.turn.actor,
          schoolId,
          dossierId,
          {
            type: 'removeCoOwner',
            submissionId,
            coOwnerId,
            // Someone no longer listed is refused by the domain (notCoOwner); the name is then unused.
            coOwnerName: person?.name || coOwnerId,
          },
          ctx.now,
        );
        if ('access' in outcome) return accessCard(deps, voice, outcome.access);
        if (!outcome.ok) return refused(ctx, 'coOwner', outcome.dossier, outcome.role, {}, outcome.refusal);
        // A co-owner who removed themselves no longer takes part: they get the notice without the dossier.
        const notice = t(voice, 'betrokkenen.removed', { name: person?.name || coOwnerId });
        const stillInvolved =
          outcome.dossier.ownerId === ctx.turn.actor.id || coOwnerId !== ctx.turn.actor.id;
        return stillInvolved
          ? hub(ctx, outcome.dossier, notice)
          : cards.render(
              'notice-plain',
              { title: t(voice, 'betrokkenen.coOwner.title'), text: notice },
              voice,
            );
      },
    }),
  };
}

/** Every problem of the form at once, at its field, before anyone is looked up. */
function formProblems(voice: Voice, which: Form, f: DossierForm): Record<string, string> {
  const problems: Record<string, string> = {};
  const address = typeof f['colleagueEmail'] === 'string' ? f['colleagueEmail'].trim() : '';
  if (address === '') problems['colleagueEmail'] = t(voice, 'betrokkenen.required');
  else if (!EMAIL_SHAPE.test(address) || address.length > 200)
    problems['colleagueEmail'] = t(voice, 'betrokkenen.notAnEmail');
  if (which === 'handover') {
    const reason = typeof f['reason'] === 'string' ? f['reason'].trim() : '';
    if (reason === '') problems['reason'] = t(voice, 'refusal.reasonRequired');
  }
  return problems;
}
