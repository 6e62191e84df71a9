// The consultation with the zorgcoördinator and the beslisser's confirmation, as rows of
// {given, command, expect}. Dossiers are made through decide(), never by hand.

import {
  afwegingskaderState,
  attentionOf,
  consultations,
  decide,
  decisionConfirmation,
  stepStatuses,
  type Command,
  type Dossier,
  type School,
} from '../../src/domain';
import { answers, cmd, context, coordinator, deepFreeze, dossierAfter, owner, stepsOneToFour } from './given';

const school: School = {
  id: 'school-1',
  name: 'OBS De Linde',
  tenantId: 'tenant-1',
  coordinators: [{ id: coordinator.id, name: coordinator.name }],
  decisionMaker: { id: 'user-director', name: 'Directeur Visser' },
};
const decisionMaker = { id: 'user-director', name: 'Directeur Visser', role: 'beslisser' as const };
const asCoordinator = { actor: coordinator, school };
const asOwner = { actor: owner, school };
const asDecisionMaker = { actor: decisionMaker, school };

/** Opened (seq 1), then a consultation requested (seq 2). */
function requested(extra: Command[] = []): Dossier {
  return dossierAfter([cmd.requestConsultation(), ...extra], { ctx: asOwner });
}

function withAs(dossier: Dossier, command: Command, who: typeof asOwner): Dossier {
  const decision = decide(dossier, command, context(who));
  if (!decision.ok) throw new Error(`refused: ${JSON.stringify(decision.refusal)}`);
  return decision.dossier;
}

describe('asking the zorgcoördinator for consultation', () => {
  it('records the request as a consultation waiting for an answer', () => {
    const [only] = consultations(requested());
    expect(only).toMatchObject({
      id: 2,
      coordinatorId: coordinator.id,
      status: 'requested',
      requestedById: owner.id,
    });
  });

  it.each([
    [
      'someone who is not a zorgcoördinator of the school',
      { coordinatorId: 'user-stranger' },
      'unknownCoordinator',
    ],
  ])('refuses a request to %s', (_name, fields, code) => {
    const decision = decide(
      dossierAfter([], { ctx: asOwner }),
      cmd.requestConsultation(fields),
      context(asOwner),
    );
    expect(decision).toEqual({ ok: false, refusal: { code, field: 'coordinatorId' } });
  });

  it('refuses a request without a question', () => {
    const decision = decide(
      dossierAfter([], { ctx: asOwner }),
      cmd.requestConsultation({ question: ' ' }),
      context(asOwner),
    );
    expect(decision).toMatchObject({ ok: false, refusal: { field: 'question' } });
  });
});

describe('the owner withdraws a request', () => {
  it('takes back a request nobody answered: nothing waits any more, and everyone’s card says so', () => {
    const decision = decide(requested(), cmd.withdrawConsultation(), context(asOwner));
    expect(decision.ok).toBe(true);
    if (!decision.ok) return;
    expect(decision.entries.map((e) => e.kind)).toEqual(['consultationWithdrawn']);
    expect(consultations(decision.dossier).map((c) => c.status)).toEqual(['withdrawn']);
    expect(decision.effects).toEqual([{ type: 'updateConsultationCard', consultationId: 2, seq: 3 }]);
    expect(attentionOf(requested())).toContain('consultation');
    expect(attentionOf(decision.dossier)).not.toContain('consultation');
    // The zorgcoördinator has nothing left to accept or answer.
    expect(decide(decision.dossier, cmd.acceptConsultation(), context(asCoordinator))).toMatchObject({
      ok: false,
      refusal: { code: 'consultationNotOpen' },
    });
  });

  it('is the owner’s: the zorgcoördinator declines instead', () => {
    expect(decide(requested(), cmd.withdrawConsultation(), context(asCoordinator))).toMatchObject({
      ok: false,
      refusal: { code: 'onlyOwner' },
    });
  });

  it('cannot take back a request the zorgcoördinator took up: she answers or declines it', () => {
    const accepted = withAs(requested(), cmd.acceptConsultation(), asCoordinator);
    expect(decide(accepted, cmd.withdrawConsultation(), context(asOwner))).toMatchObject({
      ok: false,
      refusal: { code: 'consultationNotOpen' },
    });
  });

  it('cannot take back what was answered already', () => {
    const advised = withAs(requested(), cmd.recordConsultationAdvice(), asCoordinator);
    expect(decide(advised, cmd.withdrawConsultation(), context(asOwner))).toMatchObject({
      ok: false,
      refusal: { code: 'consultationNotOpen' },
    });
    const frozen = deepFreeze(requested());
    const snapshot = structuredClone(frozen);
    expect(decide(frozen, cmd.withdrawConsultation(), context(asOwner)).ok).toBe(true);
    expect(frozen).toEqual(snapshot);
  });
});

describe('the zorgcoördinator answers', () => {
  const rows: {
    name: string;
    given: () => Dossier;
    command: Command;
    who: typeof asOwner;
    expect: unknown;
  }[] = [
    {
      name: 'the owner cannot accept a consultation',
      given: () => requested(),
      command: cmd.acceptConsultation(),
      who: asOwner,
      expect: { ok: false, refusal: { code: 'onlyCoordinator' } },
    },
    {
      name: 'the beslisser cannot record the advice of the consultation',
      given: () => requested(),
      command: cmd.recordConsultationAdvice(),
      who: asDecisionMaker,
      expect: { ok: false, refusal: { code: 'onlyCoordinator' } },
    },
    {
      name: 'an unknown consultation cannot be accepted',
      given: () => requested(),
      command: cmd.acceptConsultation({ consultationId: 99 }),
      who: asCoordinator,
      expect: { ok: false, refusal: { code: 'unknownConsultation', field: 'consultationId' } },
    },
    {
      name: 'a consultation is accepted once',
      given: () => withAs(requested(), cmd.acceptConsultation(), asCoordinator),
      command: cmd.acceptConsultation(),
      who: asCoordinator,
      expect: { ok: false, refusal: { code: 'consultationNotOpen' } },
    },
    {
      name: 'a declined consultation takes no advice',
      given: () => withAs(requested(), cmd.declineConsultation(), asCoordinator),
      command: cmd.recordConsultationAdvice(),
      who: asCoordinator,
      expect: { ok: false, refusal: { code: 'consultationNotOpen' } },
    },
    {
      name: 'declining needs a reason',
      given: () => requested(),
      command: cmd.declineConsultation({ reason: '' }),
      who: asCoordinator,
      expect: { ok: false, refusal: { code: 'reasonRequired', field: 'reason' } },
    },
  ];
  test.each(rows)('$name', ({ given, command, who, expect: expected }) => {
    expect(decide(given(), command, context(who))).toMatchObject(expected as object);
  });

  it('accepting makes the zorgcoördinator part of the dossier', () => {
    const accepted = withAs(requested(), cmd.acceptConsultation(), asCoordinator);
    expect(accepted.coordinatorIds).toEqual([coordinator.id]);
    expect(consultations(accepted)[0]).toMatchObject({
      status: 'accepted',
      answeredByName: coordinator.name,
    });
  });

  it('the advice completes step 2, like a consultation recorded by hand', () => {
    const accepted = withAs(requested(), cmd.acceptConsultation(), asCoordinator);
    const advised = withAs(accepted, cmd.recordConsultationAdvice(), asCoordinator);
    expect(consultations(advised)[0]).toMatchObject({
      status: 'advised',
      advice: 'Voer het gesprek samen met mij, deze week nog.',
    });
    expect(stepStatuses(advised).consultatie).toBe('gedaan');
  });

  it('the advice does not complete step 2 while Veilig Thuis advice is still required', () => {
    const dossier = dossierAfter(
      [cmd.recordSignal({ specificForms: ['huwelijksdwang'] }), cmd.requestConsultation()],
      {
        ctx: asOwner,
      },
    );
    const advised = withAs(dossier, cmd.recordConsultationAdvice({ consultationId: 3 }), asCoordinator);
    expect(stepStatuses(advised).consultatie).toBe('bezig');
  });

  it('remembers where the card went so it can be updated for everyone', () => {
    const delivered = withAs(requested(), cmd.recordConsultationDelivery(), asOwner);
    expect(consultations(delivered)[0]?.delivery).toEqual({
      delivered: 'personal',
      conversationId: 'a:chat-ib',
      activityId: 'activity-1',
    });
  });
});

describe('the beslisser confirms the decision', () => {
  const decided = (): Dossier =>
    dossierAfter([...stepsOneToFour(), ...answers(true, true)], { ctx: asOwner });

  it('an outcome waits for confirmation', () => {
    expect(decisionConfirmation(decided())).toEqual({ state: 'waiting', outcome: 'melden' });
  });

  it('there is nothing to confirm before an outcome', () => {
    const decision = decide(
      dossierAfter(stepsOneToFour(), { ctx: asOwner }),
      cmd.confirmDecision(),
      context(asDecisionMaker),
    );
    expect(decision).toEqual({ ok: false, refusal: { code: 'noDecisionToConfirm' } });
  });

  it('only the beslisser confirms', () => {
    expect(decide(decided(), cmd.confirmDecision(), context(asCoordinator))).toEqual({
      ok: false,
      refusal: { code: 'onlyConfirmer' },
    });
  });

  it('confirms or sends back only the outcome the card showed', () => {
    const dossier = decided();
    const seen = afwegingskaderState(dossier).outcomeSeq ?? -1;
    for (const command of [cmd.confirmDecision, cmd.sendBackDecision]) {
      // Another outcome's entry, or a card that named none (0): nothing is decided.
      for (const outcomeSeq of [seen - 1, 0])
        expect(decide(dossier, command({ outcomeSeq }), context(asDecisionMaker))).toEqual({
          ok: false,
          refusal: { code: 'decisionChanged' },
        });
      expect(decide(dossier, command({ outcomeSeq: seen }), context(asDecisionMaker)).ok).toBe(true);
    }
  });

  it('a confirmed decision is confirmed once', () => {
    const confirmed = withAs(decided(), cmd.confirmDecision(), asDecisionMaker);
    expect(decisionConfirmation(confirmed)).toMatchObject({
      state: 'confirmed',
      outcome: 'melden',
      byName: 'Directeur Visser',
    });
    expect(decide(confirmed, cmd.sendBackDecision(), context(asDecisionMaker))).toEqual({
      ok: false,
      refusal: { code: 'decisionAlreadyConfirmed' },
    });
  });

  it('sending back needs a reason, and a new answer makes the decision wait again', () => {
    expect(decide(decided(), cmd.sendBackDecision({ reason: '' }), context(asDecisionMaker))).toMatchObject({
      ok: false,
      refusal: { code: 'reasonRequired' },
    });
    const sentBack = withAs(decided(), cmd.sendBackDecision(), asDecisionMaker);
    const confirmation = decisionConfirmation(sentBack);
    expect(confirmation.state).toBe('sentBack');
    expect(confirmation.state === 'sentBack' && confirmation.reason).toContain('Veilig Thuis');
    const reanswered = withAs(sentBack, cmd.answerAfwegingsvraag({ question: 2, answer: true }), asOwner);
    expect(decisionConfirmation(reanswered)).toEqual({ state: 'waiting', outcome: 'melden' });
  });
});

describe('decide never changes what it is given, here too', () => {
  it.each([
    ['acceptConsultation', () => requested(), cmd.acceptConsultation(), asCoordinator],
    ['recordConsultationAdvice', () => requested(), cmd.recordConsultationAdvice(), asCoordinator],
    ['declineConsultation', () => requested(), cmd.declineConsultation(), asCoordinator],
    ['recordConsultationDelivery', () => requested(), cmd.recordConsultationDelivery(), asOwner],
    ['requestConsultation', () => requested(), cmd.requestConsultation(), asOwner],
    [
      'confirmDecision',
      () => dossierAfter([...stepsOneToFour(), ...answers(false)], { ctx: asOwner }),
      cmd.confirmDecision(),
      asDecisionMaker,
    ],
    [
      'sendBackDecision',
      () => dossierAfter([...stepsOneToFour(), ...answers(false)], { ctx: asOwner }),
      cmd.sendBackDecision(),
      asDecisionMaker,
    ],
  ] as const)('%s on a frozen dossier leaves it as it was', (_name, given, command, who) => {
    const dossier = deepFreeze(given());
    const snapshot = structuredClone(dossier);
    const decision = decide(dossier, deepFreeze(command), context(who));
    expect(decision.ok).toBe(true);
    expect(decision.ok && decision.dossier.log).toHaveLength(dossier.log.length + 1);
    expect(dossier).toEqual(snapshot);
  });
});
