// Verbs around the dossiers: home, about, the "not this route" check, opening a dossier, my list.

import { mayConfirm } from '../../app/dossier-service';
import { z } from 'zod';
import { isCoordinatorOf, parseCommand, type CommandOf, type Refusal } from '../../domain';
import type { CardJson } from '../../cards/render';
import {
  CLOSED_DOSSIERS_LISTED,
  HOME_DOSSIERS_LISTED,
  MY_DOSSIERS_LISTED,
  WAITING_LISTED,
  aboutView,
  emptyForm,
  homeView,
  myDossiersView,
  newDossierView,
  otherRouteView,
  routeCheckView,
  type FormState,
} from '../../cards/views';
import { defineVerb, type Verb, type VerbContext } from '../verb';
import { accessCard, formWithRefusal, type VerbDependencies } from './common';
import { hubCard } from './step-hub';

const nothing = z.object({}).loose();

/** The fields of the new-dossier card, as Teams sends them (inputs arrive as text). */
const newDossierForm = z
  .object({
    submissionId: z.string().max(100).optional(),
    schoolId: z.string().max(100).optional(),
    pupilReference: z.unknown().optional(),
    group: z.unknown().optional(),
    age: z.unknown().optional(),
    birthYear: z.unknown().optional(),
    firstDescription: z.unknown().optional(),
  })
  .loose();

/** Where a refusal of the domain points on the new-dossier card. */
const NEW_DOSSIER_FIELD_OF: Record<string, string> = {
  'pupil.reference': 'pupilReference',
  'pupil.group': 'group',
  'pupil.age': 'age',
  'pupil.birthYear': 'birthYear',
};

export function homeVerbs(deps: VerbDependencies): Record<string, Verb> {
  const { cards, dossiers } = deps;

  /** The home of this person: their dossiers, and by role what waits for them. */
  const home = async (ctx: VerbContext): Promise<CardJson> => {
    const actor = ctx.turn.actor;
    const schools = dossiers.schoolsOf(actor);
    const coordinates = schools.some((school) => isCoordinatorOf(school, actor.id));
    const decides = schools.some((school) => mayConfirm(school, actor.id));
    const [mine, consultations, decisions] = await Promise.all([
      dossiers.openDossiersOf(actor, ctx.now, HOME_DOSSIERS_LISTED),
      // Only what the card lists, and how many wait: never every waiting dossier.
      coordinates ? dossiers.consultationsWaiting(actor, ctx.now, WAITING_LISTED) : undefined,
      decides ? dossiers.decisionsFor(actor, ctx.now) : undefined,
    ]);
    return cards.render(
      'welcome',
      homeView(ctx.turn.voice, mine, {
        ...(consultations
          ? { consultations: consultations.lines, consultationsWaiting: consultations.items }
          : {}),
        ...(decisions ? { decisions } : {}),
      }),
      ctx.turn.voice,
    );
  };

  const newDossierCard = (ctx: VerbContext, state: FormState): CardJson =>
    cards.render(
      'new-dossier',
      newDossierView(ctx.turn.voice, dossiers.schoolsOf(ctx.turn.actor), state),
      ctx.turn.voice,
    );

  return {
    showHome: defineVerb({ schema: nothing, scopes: ['personal'], run: home }),

    showAbout: defineVerb({
      schema: nothing,
      scopes: ['personal'],
      run: (ctx) => Promise.resolve(cards.render('about', aboutView(ctx.turn.voice), ctx.turn.voice)),
    }),

    /** Before a dossier opens: is this the meldcode's route at all? */
    startNewDossier: defineVerb({
      schema: nothing,
      scopes: ['personal'],
      run: (ctx) =>
        Promise.resolve(cards.render('route-check', routeCheckView(ctx.turn.voice), ctx.turn.voice)),
    }),

    chooseRoute: defineVerb({
      schema: z.object({ route: z.enum(['meldcode', 'medewerker', 'radicalisering']) }),
      scopes: ['personal'],
      run: (ctx, { route }) =>
        Promise.resolve(
          route === 'meldcode'
            ? newDossierCard(ctx, emptyForm)
            : cards.render('other-route', otherRouteView(ctx.turn.voice, route), ctx.turn.voice),
        ),
    }),

    showMyDossiers: defineVerb({
      schema: nothing,
      scopes: ['personal'],
      run: async (ctx) => {
        const [open, closed] = await Promise.all([
          dossiers.openDossiersOf(ctx.turn.actor, ctx.now, MY_DOSSIERS_LISTED),
          dossiers.closedDossiersOf(ctx.turn.actor, CLOSED_DOSSIERS_LISTED),
        ]);
        return cards.render('my-dossiers', myDossiersView(ctx.turn.voice, open, closed), ctx.turn.voice);
      },
    }),

    openDossier: defineVerb({
      schema: newDossierForm,
      scopes: ['personal'],
      run: async (ctx, form) => {
        const voice = ctx.turn.voice;
        const schools = dossiers.schoolsOf(ctx.turn.actor);
        const schoolId = form.schoolId || (schools.length === 1 ? schools[0]?.id : undefined) || '';
        const values = { ...form, schoolId };
        const refuse = (refusal: Refusal): CardJson =>
          newDossierCard(ctx, formWithRefusal(voice, values, refusal, NEW_DOSSIER_FIELD_OF));
        const parsed = parseCommand({
          type: 'openDossier',
          submissionId: form.submissionId,
          schoolId,
          pupil: {
            reference: form.pupilReference,
            group: form.group,
            age: form.age,
            birthYear: form.birthYear,
          },
          firstDescription: form.firstDescription,
        });
        if (!parsed.ok) return refuse(parsed.refusal);
        const command = parsed.command as CommandOf<'openDossier'>;
        const outcome = await dossiers.open(ctx.turn.actor, schoolId, command, ctx.now);
        if (!outcome.ok)
          return 'refusal' in outcome ? refuse(outcome.refusal) : accessCard(deps, voice, outcome.access);
        return hubCard(deps, ctx, outcome.dossier, 'opened');
      },
      invalid: (ctx, raw) => Promise.resolve(newDossierCard(ctx, { values: raw, errors: {} })),
    }),
  };
}
