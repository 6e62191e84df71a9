// The consultation with the zorgcoördinator and the beslisser's confirmation: asking, the card's
// user-specific views (refresh), the zorgcoördinator's answers, their list of consultations, and
// confirming or sending back a step-5 outcome.

import { z } from 'zod';
import {
  consultationById,
  consultations,
  isCoordinatorOf,
  parseCommand,
  type Consultation,
  type Dossier,
  type Refusal,
} from '../../domain';
import { coordinatorNameOf, type School } from '../../domain/school';
import type { CardJson } from '../../cards/render';
import {
  consultationRequestView,
  consultationView,
  decisionConfirmationView,
  myConsultationsView,
  refusalMessage,
  type ConsultationLine,
  type FormState,
} from '../../cards/views';
import { t, type Voice } from '../../i18n';
import type { ConsultationSent } from '../../app/courier';
import { defineVerb, type Verb, type VerbContext } from '../verb';
import { hubCard } from './step-hub';
import {
  accessCard,
  dossierForm,
  dossierRef,
  formWithRefusal,
  showCardVerb,
  type VerbDependencies,
} from './common';

const consultationRef = dossierRef.extend({ consultationId: z.coerce.number().int().min(1) });
const consultationForm = dossierForm.extend({ consultationId: z.coerce.number().int().min(1) });

/** Consultation cards live in personal chats and in the care team's channel threads. */
const ANYWHERE = ['personal', 'channel', 'groupChat'] as const;

export function consultationVerbs(deps: VerbDependencies): Record<string, Verb> {
  const { cards, dossiers, effects, messenger } = deps;

  const schoolOf = (dossier: Dossier): School => {
    const school = dossiers.school(dossier.schoolId);
    if (!school) throw new Error(`Dossier ${dossier.id} names a school that is not configured.`);
    return school;
  };

  const isCoordinator = (ctx: VerbContext, school: School): boolean =>
    isCoordinatorOf(school, ctx.turn.actor.id);

  /** The card as this user should see it: the zorgcoördinator's view, or the status. */
  const cardFor = async (
    ctx: VerbContext,
    dossier: Dossier,
    consultation: Consultation,
    notice?: string,
  ): Promise<CardJson> => {
    const school = schoolOf(dossier);
    return cards.render(
      'consultation',
      consultationView(ctx.turn.voice, dossier, school, consultation, {
        isCoordinator: isCoordinator(ctx, school),
        refreshUserIds: await effects.refreshUserIds(school),
        ...(notice !== undefined ? { notice } : {}),
      }),
      ctx.turn.voice,
    );
  };

  const requestCard = (ctx: VerbContext, dossier: Dossier, state: FormState): CardJson =>
    cards.render(
      'consultation-request',
      consultationRequestView(ctx.turn.voice, dossier, schoolOf(dossier), state),
      ctx.turn.voice,
    );

  const confirmationCard = (ctx: VerbContext, dossier: Dossier, state: FormState): CardJson =>
    cards.render(
      'decision-confirmation',
      decisionConfirmationView(ctx.turn.voice, dossier, schoolOf(dossier), state),
      ctx.turn.voice,
    );

  /**
   * Someone in the care-team channel who is not involved may still see the status of the card in
   * front of them — nothing more, and only in the conversation the card was posted to.
   */
  const statusForBystander = async (
    ctx: VerbContext,
    schoolId: string,
    dossierId: string,
    consultationId: number,
  ): Promise<CardJson | undefined> => {
    const where = { schoolId, dossierId, consultationId, conversationId: ctx.turn.conversationId };
    const dossier = await dossiers.channelStatus(ctx.turn.actor, where, ctx.now);
    const consultation = dossier && consultationById(dossier, consultationId);
    if (!dossier || !consultation) return undefined;
    return effects.statusCard(dossier, schoolOf(dossier), consultation, ctx.turn.voice);
  };

  /** A zorgcoördinator's answer: act, then show their own view; effects update everyone's card. */
  const answerVerb = (
    type: 'acceptConsultation' | 'declineConsultation' | 'recordConsultationAdvice',
  ): Verb =>
    defineVerb({
      schema: consultationForm,
      scopes: ANYWHERE,
      run: async (ctx, form) => {
        const voice = ctx.turn.voice;
        const parsed = parseCommand({ ...form, type });
        const outcome = parsed.ok
          ? await dossiers.act(ctx.turn.actor, form.schoolId, form.dossierId, parsed.command, ctx.now)
          : await dossiers.view(ctx.turn.actor, form.schoolId, form.dossierId, ctx.now);
        if ('access' in outcome) return accessCard(deps, voice, outcome.access);
        const refusal: Refusal | undefined = !parsed.ok
          ? parsed.refusal
          : 'refusal' in outcome
            ? outcome.refusal
            : undefined;
        const consultation = consultationById(outcome.dossier, form.consultationId);
        if (!consultation) return accessCard(deps, voice, { code: 'notFound' });
        return cardFor(
          ctx,
          outcome.dossier,
          consultation,
          refusal ? refusalMessage(voice, refusal) : t(voice, 'dossier.recorded'),
        );
      },
    });

  return {
    showConsultationRequest: showCardVerb(deps, (ctx, dossier, _role, state) =>
      requestCard(ctx, dossier, state),
    ),

    requestConsultation: defineVerb({
      schema: dossierForm,
      scopes: ['personal'],
      run: async (ctx, form) => {
        const voice = ctx.turn.voice;
        const values: Record<string, unknown> = { ...form };
        const parsed = parseCommand({ ...form, type: 'requestConsultation' });
        if (!parsed.ok) {
          const viewed = await dossiers.view(ctx.turn.actor, form.schoolId, form.dossierId, ctx.now);
          if (!viewed.ok) return accessCard(deps, voice, viewed.access);
          return requestCard(ctx, viewed.dossier, formWithRefusal(voice, values, parsed.refusal));
        }
        const outcome = await dossiers.act(
          ctx.turn.actor,
          form.schoolId,
          form.dossierId,
          parsed.command,
          ctx.now,
        );
        if ('access' in outcome) return accessCard(deps, voice, outcome.access);
        if (!outcome.ok)
          return requestCard(ctx, outcome.dossier, formWithRefusal(voice, values, outcome.refusal));
        const school = schoolOf(outcome.dossier);
        const requested = consultations(outcome.dossier).at(-1);
        const coordinator = coordinatorNameOf(school, requested?.coordinatorId) ?? '';
        const notice = sentNotice(
          voice,
          outcome.effects.consultationSent ?? 'notNeeded',
          coordinator,
          school.careTeamChannelId !== undefined,
        );
        return hubCard(deps, ctx, outcome.dossier, { text: notice });
      },
    }),

    resendConsultation: defineVerb({
      schema: consultationRef,
      scopes: ['personal'],
      run: async (ctx, { schoolId, dossierId, consultationId }) => {
        const voice = ctx.turn.voice;
        const outcome = await dossiers.resendConsultation(
          ctx.turn.actor,
          schoolId,
          dossierId,
          consultationId,
          ctx.now,
        );
        if (!outcome.ok) return accessCard(deps, voice, outcome.access);
        const school = schoolOf(outcome.dossier);
        const consultation = consultationById(outcome.dossier, consultationId);
        const coordinator = coordinatorNameOf(school, consultation?.coordinatorId) ?? '';
        return hubCard(deps, ctx, outcome.dossier, {
          text: sentNotice(voice, outcome.sent, coordinator, school.careTeamChannelId !== undefined),
        });
      },
    }),

    refreshConsultation: defineVerb({
      schema: consultationRef,
      scopes: ANYWHERE,
      run: async (ctx, { schoolId, dossierId, consultationId }) => {
        const viewed = await dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) {
          return (
            (await statusForBystander(ctx, schoolId, dossierId, consultationId)) ??
            accessCard(deps, ctx.turn.voice, viewed.access)
          );
        }
        const consultation = consultationById(viewed.dossier, consultationId);
        if (!consultation) return accessCard(deps, ctx.turn.voice, { code: 'notFound' });
        return cardFor(ctx, viewed.dossier, consultation);
      },
    }),

    acceptConsultation: answerVerb('acceptConsultation'),
    declineConsultation: answerVerb('declineConsultation'),
    recordConsultationAdvice: answerVerb('recordConsultationAdvice'),

    /**
     * The dossier itself never opens in a channel: it goes to the zorgcoördinator's personal chat,
     * where only they see it.
     */
    openConsultationDossier: defineVerb({
      schema: consultationRef,
      scopes: ANYWHERE,
      run: async (ctx, { schoolId, dossierId, consultationId }) => {
        const voice = ctx.turn.voice;
        const viewed = await dossiers.view(ctx.turn.actor, schoolId, dossierId, ctx.now);
        if (!viewed.ok) return accessCard(deps, voice, viewed.access);
        const hub = hubCard(deps, ctx, viewed.dossier, 'none');
        if (ctx.turn.conversationKind === 'personal') return hub;
        await messenger.toPerson(ctx.turn.actor.id, ctx.turn.actor.tenantId, hub, ctx.turn.actor.id);
        const consultation = consultationById(viewed.dossier, consultationId);
        if (!consultation) return accessCard(deps, voice, { code: 'notFound' });
        return cardFor(ctx, viewed.dossier, consultation, t(voice, 'consultation.sentToYourChat'));
      },
    }),

    showMyConsultations: defineVerb({
      schema: z.object({}).loose(),
      scopes: ['personal'],
      run: async (ctx) => {
        const lines: ConsultationLine[] = await dossiers.consultationsFor(ctx.turn.actor, ctx.now);
        return cards.render('my-consultations', myConsultationsView(ctx.turn.voice, lines), ctx.turn.voice);
      },
    }),

    showDecisionConfirmation: showCardVerb(deps, (ctx, dossier, _role, state) =>
      confirmationCard(ctx, dossier, state),
    ),

    confirmDecision: decisionVerb('confirmDecision'),
    sendBackDecision: decisionVerb('sendBackDecision'),
  };

  function decisionVerb(type: 'confirmDecision' | 'sendBackDecision'): Verb {
    return defineVerb({
      schema: dossierForm,
      scopes: ['personal'],
      run: async (ctx, form) => {
        const voice: Voice = ctx.turn.voice;
        const values: Record<string, unknown> = { ...form };
        // A card that names no outcome (made before cards named it) confirms none: outcome 0.
        const parsed = parseCommand({ ...form, outcomeSeq: form['outcomeSeq'] ?? 0, type });
        const outcome = parsed.ok
          ? await dossiers.act(ctx.turn.actor, form.schoolId, form.dossierId, parsed.command, ctx.now)
          : await dossiers.view(ctx.turn.actor, form.schoolId, form.dossierId, ctx.now);
        if ('access' in outcome) return accessCard(deps, voice, outcome.access);
        const refusal = !parsed.ok ? parsed.refusal : 'refusal' in outcome ? outcome.refusal : undefined;
        const state: FormState = refusal
          ? formWithRefusal(voice, values, refusal)
          : { values: { done: true }, errors: {} };
        return confirmationCard(ctx, outcome.dossier, state);
      },
    });
  }
}

/**
 * What the staff member reads at once after asking: the card is on its way (to the care-team
 * channel or to the zorgcoördinator). It goes out right after this answer; step 2 shows whether it
 * arrived, and a notice follows when it could not be delivered.
 */
function sentNotice(
  voice: Voice,
  sent: ConsultationSent | 'notNeeded',
  coordinator: string,
  toChannel: boolean,
): string {
  if (sent === 'notNeeded') return t(voice, 'dossier.recorded');
  return toChannel
    ? t(voice, 'consultation.sentToChannel', { coordinator })
    : t(voice, 'consultation.onItsWay', { coordinator });
}
