// The one registry of card verbs: each names its payload schema and what it does. A verb parses,
// calls a use case, renders; the meldcode's rules live in src/domain, not here.

import { z } from 'zod';
import { parseCommand, type Command, type Refusal } from '../domain';
import type { DossierService, AccessRefusal } from '../app/dossier-service';
import type { CardJson, CardRenderer } from '../cards/render';
import {
  accessView,
  dossierView,
  emptyForm,
  myDossiersView,
  newDossierView,
  refusalMessage,
  welcomeView,
  type DossierNotice,
  type FormState,
} from '../cards/views';
import type { Language } from '../i18n';
import type { School } from '../domain/school';
import { defineVerb, type Verb, type VerbContext } from './verb';
import { TextCommands } from './text-commands';
import type { Actor, Turn } from './turn';

export interface VerbDependencies {
  cards: CardRenderer;
  dossiers: DossierService;
  schools: readonly School[];
}

const nothing = z.object({}).loose();
const dossierRef = z.object({ schoolId: z.string().min(1).max(100), dossierId: z.string().min(1).max(100) });

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
  age: 'age',
  firstDescription: 'firstDescription',
  schoolId: 'schoolId',
};

export function createVerbs(deps: VerbDependencies): Record<string, Verb> {
  const { cards, dossiers } = deps;
  type Ctx = VerbContext;

  const home = (ctx: Ctx): CardJson =>
    cards.render('welcome', welcomeView(ctx.turn.language), ctx.turn.language);

  const newDossierCard = (ctx: Ctx, state: FormState): CardJson =>
    cards.render(
      'new-dossier',
      newDossierView(ctx.turn.language, dossiers.schoolsOf(ctx.turn.actor), state),
      ctx.turn.language,
    );

  const accessCard = (language: Language, refusal: AccessRefusal): CardJson =>
    cards.render('error', accessView(language, refusal), language);

  const showDossierCard = (
    ctx: Ctx,
    outcome: Awaited<ReturnType<DossierService['view']>>,
    notice?: DossierNotice,
  ): CardJson =>
    outcome.ok
      ? cards.render('dossier', dossierView(ctx.turn.language, outcome.dossier, notice), ctx.turn.language)
      : accessCard(ctx.turn.language, outcome.access);

  return {
    showHome: defineVerb({ schema: nothing, scopes: ['personal'], run: (ctx) => Promise.resolve(home(ctx)) }),

    startNewDossier: defineVerb({
      schema: nothing,
      scopes: ['personal'],
      run: (ctx) => Promise.resolve(newDossierCard(ctx, emptyForm)),
    }),

    showMyDossiers: defineVerb({
      schema: nothing,
      scopes: ['personal'],
      run: async (ctx) => {
        const list = await dossiers.openDossiersOf(ctx.turn.actor);
        return cards.render('my-dossiers', myDossiersView(ctx.turn.language, list), ctx.turn.language);
      },
    }),

    showDossier: defineVerb({
      schema: dossierRef,
      scopes: ['personal'],
      run: async (ctx, data) =>
        showDossierCard(ctx, await dossiers.view(ctx.turn.actor, data.schoolId, data.dossierId, ctx.now)),
    }),

    openDossier: defineVerb({
      schema: newDossierForm,
      scopes: ['personal'],
      run: async (ctx, form) => {
        const schools = dossiers.schoolsOf(ctx.turn.actor);
        const schoolId = form.schoolId || (schools.length === 1 ? schools[0]?.id : undefined) || '';
        const values = { ...form, schoolId };
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
        const refuse = (refusal: Refusal): CardJson =>
          newDossierCard(ctx, formWithRefusal(ctx.turn.language, values, refusal, NEW_DOSSIER_FIELD_OF));
        if (!parsed.ok) return refuse(parsed.refusal);
        const outcome = await dossiers.open(
          ctx.turn.actor,
          schoolId,
          parsed.command as Command & { type: 'openDossier' },
          ctx.now,
        );
        if (!outcome.ok)
          return 'refusal' in outcome
            ? refuse(outcome.refusal)
            : accessCard(ctx.turn.language, outcome.access);
        return cards.render(
          'dossier',
          dossierView(ctx.turn.language, outcome.dossier, 'opened'),
          ctx.turn.language,
        );
      },
      invalid: (ctx, raw) => Promise.resolve(newDossierCard(ctx, { values: raw, errors: {} })),
    }),
  };
}

/** Keep what the user typed and put the refusal's message at the field it concerns. */
function formWithRefusal(
  language: Language,
  values: Record<string, unknown>,
  refusal: Refusal,
  fieldOf: Record<string, string>,
): FormState {
  const field = (refusal.field && fieldOf[refusal.field]) ?? refusal.field ?? 'form';
  return { values, errors: { [field]: refusalMessage(language, refusal) } };
}

export function createTextCommands(deps: VerbDependencies): TextCommands {
  const verbs = createVerbs(deps);
  const run = (name: string) => (turn: Turn & { actor: Actor }, now: Date) => {
    const verb = verbs[name];
    if (!verb) throw new Error(`Text command needs the verb ${name}, which is not registered.`);
    return verb.run({ turn, now }, {});
  };
  return new TextCommands({
    home: run('showHome'),
    newDossier: run('startNewDossier'),
    myDossiers: run('showMyDossiers'),
  });
}
