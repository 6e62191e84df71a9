// Step 5 over HTTP: the afwegingskader one question at a time, refused while steps 1–4 are not done,
// and each outcome with its form: the report (with the age rules on discussing it beforehand), the
// help plan with its follow-up and question 5, and closing as unfounded.
//
// Step 1 goes through its card; steps 2–4 are seeded through the app layer (DossierService.act), so
// this test depends only on the step-5 cards.

import { randomUUID } from 'node:crypto';
import type { Command } from '../../src/domain';
import { serviceOn } from '../support/dossier-service';
import {
  startHarness,
  cardObjects,
  cardText,
  cardVerbs,
  invokeCard,
  type Harness,
} from '../support/bot-harness';
import { invoke, teacher, SCHOOL } from '../support/teams';

type Ref = { schoolId: string; dossierId: string };

async function send(
  h: Harness,
  verb: string,
  data: Record<string, unknown>,
  locale?: string,
): Promise<Record<string, unknown>> {
  return invokeCard((await h.post(invoke(teacher, h.connector.url, verb, data, locale))).body);
}

async function openDossier(h: Harness, age: string): Promise<Ref> {
  await send(h, 'openDossier', { pupilReference: 'KB', group: '2a', age, firstDescription: '' });
  const [summary] = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
  if (!summary) throw new Error('no dossier was opened');
  return { schoolId: summary.schoolId, dossierId: summary.id };
}

/** Apply a command as the teacher through the app layer, as a card of another step would. */
async function act(h: Harness, ref: Ref, command: Command): Promise<void> {
  const service = serviceOn(h.store, [SCHOOL]);
  const actor = { id: teacher.aadObjectId, name: teacher.name, tenantId: teacher.tenantId };
  const outcome = await service.act(
    actor,
    ref.schoolId,
    ref.dossierId,
    command,
    new Date('2026-11-16T09:00:00Z'),
  );
  if (!outcome.ok) throw new Error(`seeding ${command.type} was refused: ${JSON.stringify(outcome)}`);
}

async function recordSignal(h: Harness, ref: Ref): Promise<void> {
  await send(h, 'recordSignal', {
    ...ref,
    signals_lichamelijk: 'letsel-onlogische-plek',
    observedOn: '2026-11-10',
    place: 'gymzaal',
    description: 'Blauwe plekken op beide bovenarmen.',
    source: 'eigen-waarneming',
    pointsOtherWay: 'false',
  });
}

async function takeStepsTwoToFour(h: Harness, ref: Ref): Promise<void> {
  await act(h, ref, {
    type: 'recordConsultation',
    with: 'zorgcoördinator',
    on: '2026-11-11',
    advice: 'Gesprek met de leerling voeren.',
  });
  await act(h, ref, {
    type: 'recordConversation',
    on: '2026-11-12',
    participants: { pupil: true, parents: false, coordinator: true },
    said: '"Ik ben van de trap gevallen."',
    reaction: '',
    outcome: 'Zorgen blijven.',
    parentsDespiteWarning: false,
  });
  await act(h, ref, {
    type: 'recordWeighing',
    suspicion: true,
    acuteUnsafety: false,
    structuralUnsafety: true,
    reasoning: 'Herhaalde verwondingen zonder passende uitleg.',
  });
}

async function dossierReadyToDecide(h: Harness, age: string): Promise<Ref> {
  const ref = await openDossier(h, age);
  await recordSignal(h, ref);
  await takeStepsTwoToFour(h, ref);
  return ref;
}

async function logKinds(h: Harness, ref: Ref): Promise<string[]> {
  const dossier = await h.store.getDossier(ref.schoolId, ref.dossierId);
  return dossier?.value.log.map((e) => e.kind) ?? [];
}

async function entries(h: Harness, ref: Ref, kind: string): Promise<Record<string, unknown>[]> {
  const dossier = await h.store.getDossier(ref.schoolId, ref.dossierId);
  return dossier?.value.log.filter((e) => e.kind === kind).map((e) => ({ ...e.data })) ?? [];
}

/** The input with this id on a card, or undefined when the card has none. */
function input(card: unknown, id: string): Record<string, unknown> | undefined {
  for (const record of cardObjects(card))
    if (typeof record.type === 'string' && record.type.startsWith('Input.') && record.id === id)
      return record;
  return undefined;
}

const answer = (
  ref: Ref,
  question: number,
  yes: boolean,
  reasoning: string,
  submissionId = randomUUID(),
) => ({
  ...ref,
  submissionId,
  question,
  answer: String(yes),
  reasoning,
});

describe('step 5: deciding with the afwegingskader', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: new Date('2026-11-16T10:00:00+01:00') });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('offers no question while steps 2–4 are missing, and refuses an answer sent anyway', async () => {
    const ref = await openDossier(h, '13');
    await recordSignal(h, ref);

    const step = await send(h, 'showStep', { ...ref, step: 'beslissen' });
    expect(cardText(step)).toContain(
      'Beslissen kan pas als stap 1 tot en met 4 gezet zijn. Nog nodig: 2. Collegiale consultatie, 3. Gesprek met de ouders en/of de leerling, 4. Wegen.',
    );
    expect(cardVerbs(step)).not.toContain('answerAfwegingsvraag');
    expect(input(step, 'reasoning')).toBeUndefined();

    const refused = await send(h, 'answerAfwegingsvraag', answer(ref, 1, true, 'Er zijn zorgen.'));
    expect(cardText(refused)).toContain(
      'Eerst moeten stap 1 tot en met 4 gezet zijn. Nog nodig: 2. Collegiale consultatie, 3. Gesprek met de ouders en/of de leerling, 4. Wegen.',
    );
    expect(await logKinds(h, ref)).not.toContain('afwegingsvraagAnswered');
  });

  it('walks to a report for a 13-year-old: discussed with pupil and parents, or an exception with its reason', async () => {
    const ref = await dossierReadyToDecide(h, '13');

    const first = await send(h, 'showStep', { ...ref, step: 'beslissen' });
    expect(cardText(first)).toContain('Vraag 1 van 5');
    expect(cardText(first)).toContain(
      'Is er op basis van stap 1 tot en met 3 (nog steeds) een vermoeden van huiselijk geweld of kindermishandeling?',
    );
    expect(cardVerbs(first)).toContain('answerAfwegingsvraag');

    // An answer without its reasoning comes back with the choice kept and the field named.
    const noReason = await send(h, 'answerAfwegingsvraag', answer(ref, 1, true, ''));
    expect(cardText(noReason)).toContain(
      'Waarom? Onderbouw je antwoord: Schrijf de reden op; de meldcode vraagt om het waarom.',
    );
    expect(input(noReason, 'answer')?.value).toBe('true');
    expect(cardText(noReason)).toContain('Vraag 1 van 5');

    // Out of order: question 3 cannot be answered before question 2.
    const outOfOrder = await send(h, 'answerAfwegingsvraag', answer(ref, 3, true, 'Hulp lijkt mogelijk.'));
    expect(cardText(outOfOrder)).toContain('Beantwoord de afwegingsvragen in volgorde.');

    // Pressed twice, recorded once; then question 2 with its explanation about a disclosure.
    const q1 = answer(ref, 1, true, 'De verwondingen blijven terugkomen.');
    const second = await send(h, 'answerAfwegingsvraag', q1);
    await send(h, 'answerAfwegingsvraag', q1);
    expect(await entries(h, ref, 'afwegingsvraagAnswered')).toHaveLength(1);
    const secondText = cardText(second);
    expect(secondText).toContain('Vastgelegd.');
    expect(secondText).toContain('Vraag 1 · Nog een vermoeden? **Ja**\nDe verwondingen blijven terugkomen.');
    expect(secondText).toContain('Vraag 2 van 5');
    expect(secondText).toContain(
      'Vertelt de leerling zelf over geweld of misbruik, dan telt dat als acute onveiligheid.',
    );
    expect(cardVerbs(second)).toContain('showAfwegingsvraag');

    const outcome = await send(
      h,
      'answerAfwegingsvraag',
      answer(ref, 2, true, 'De leerling vertelde over klappen.'),
    );
    const outcomeText = cardText(outcome);
    expect(outcomeText).toContain('Uitkomst: melden bij Veilig Thuis');
    expect(outcomeText).toContain('Vraag 3 tot en met 5 loop je samen met Veilig Thuis door.');
    expect(outcomeText).toContain('Nog geen melding vastgelegd.');
    expect(cardVerbs(outcome)).toEqual(expect.arrayContaining(['showReportForm']));
    expect(cardVerbs(outcome)).not.toContain('answerAfwegingsvraag');
    expect(cardVerbs(outcome)).not.toContain('showCloseForm');
    expect(cardText(await send(h, 'showDossier', ref))).toMatch(/5\. Beslissen\ngedaan/);

    // The report form: guidance, the meldrecht, and both conversations beforehand (13: pupil and parents).
    const form = await send(h, 'showReportForm', ref);
    const formText = cardText(form);
    expect(formText).toContain('Geef duidelijk aan welke informatie (ook) van anderen komt.');
    expect(formText).toContain('Meldrecht: je mag Veilig Thuis de informatie geven die nodig is');
    expect(formText).toContain(
      'De leerling is 12 jaar of ouder: bespreek de melding vooraf met de leerling.',
    );
    expect(formText).toContain(
      'De leerling is jonger dan 16 jaar: bespreek de melding vooraf met de ouders of verzorgers.',
    );
    expect(input(form, 'to')?.value).toBe('Veilig Thuis');
    expect(cardVerbs(form)).toContain('recordReport');

    const report = {
      ...ref,
      submissionId: randomUUID(),
      on: '2026-11-16',
      to: 'Veilig Thuis',
      reference: 'VT-2026-1234',
      discussedWithPupil: 'ja',
      informationFromOthers: 'De blauwe plekken zag de gymdocent.',
      schoolActionsAfterReport: 'Mentor houdt dagelijks contact.',
    };
    const noParents = await send(h, 'recordReport', report);
    expect(cardText(noParents)).toContain(
      'Besproken met de ouders of verzorgers?: Bespreek de melding vooraf, of kies de uitzondering en schrijf de reden op.',
    );
    expect(input(noParents, 'informationFromOthers')?.value).toBe('De blauwe plekken zag de gymdocent.');

    const exceptionWithoutReason = {
      ...report,
      discussedWithParents: 'uitzondering',
      parentsException: 'veiligheid-in-het-geding',
    };
    const noReasonGiven = await send(h, 'recordReport', exceptionWithoutReason);
    expect(cardText(noReasonGiven)).toContain(
      'Reden om het niet met de ouders te bespreken: Schrijf de reden op; de meldcode vraagt om het waarom.',
    );
    expect(input(noReasonGiven, 'parentsException')?.value).toBe('veiligheid-in-het-geding');
    expect(input(noReasonGiven, 'discussedWithParents')?.value).toBe('uitzondering');

    const future = await send(h, 'recordReport', {
      ...exceptionWithoutReason,
      parentsExceptionReason: 'Vader dreigde de leerling te straffen als school iets doorgeeft.',
      on: '2026-11-17',
    });
    expect(cardText(future)).toContain(
      'Datum van de melding: Deze datum ligt in de toekomst. Vul de datum in waarop het gebeurde.',
    );
    expect(await entries(h, ref, 'reportRecorded')).toEqual([]);

    const good = {
      ...exceptionWithoutReason,
      parentsExceptionReason: 'Vader dreigde de leerling te straffen als school iets doorgeeft.',
      // With 'ja' for the pupil an exception chosen by mistake is not recorded.
      pupilException: 'leerling-verbreekt-contact',
    };
    const reported = await send(h, 'recordReport', good);
    await send(h, 'recordReport', good);
    const recorded = await entries(h, ref, 'reportRecorded');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toEqual({
      submissionId: good.submissionId,
      on: '2026-11-16',
      to: 'Veilig Thuis',
      reference: 'VT-2026-1234',
      discussedWithPupil: 'ja',
      discussedWithParents: 'uitzondering',
      parentsException: 'veiligheid-in-het-geding',
      parentsExceptionReason: 'Vader dreigde de leerling te straffen als school iets doorgeeft.',
      informationFromOthers: 'De blauwe plekken zag de gymdocent.',
      schoolActionsAfterReport: 'Mentor houdt dagelijks contact.',
    });
    expect(cardText(reported)).toContain('Gemeld op 16 nov 2026 bij Veilig Thuis, kenmerk VT-2026-1234.');
    expect(cardText(reported)).toContain(
      'Nog geen terugkoppeling van Veilig Thuis. Zij beoordelen binnen 5 werkdagen de veiligheid van de leerling.',
    );

    // Later: Veilig Thuis's feedback, on the same card where the report form was.
    const feedbackCard = await send(h, 'showReportForm', ref);
    expect(cardVerbs(feedbackCard)).toContain('recordReportFeedback');
    expect(cardVerbs(feedbackCard)).not.toContain('recordReport');
    const feedback = { ...ref, submissionId: randomUUID(), feedbackOn: '2026-11-16', feedback: '' };
    const noFeedback = await send(h, 'recordReportFeedback', feedback);
    expect(cardText(noFeedback)).toContain('Wat liet Veilig Thuis weten?: Vul dit in.');
    expect(input(noFeedback, 'feedbackOn')?.value).toBe('2026-11-16');
    const withFeedback = await send(h, 'recordReportFeedback', {
      ...feedback,
      feedback: 'Veilig Thuis start een onderzoek.',
    });
    expect(cardText(withFeedback)).toContain('Terugkoppeling van Veilig Thuis vastgelegd op 16 nov 2026.');
    expect(await entries(h, ref, 'reportFeedbackRecorded')).toEqual([
      {
        submissionId: feedback.submissionId,
        on: '2026-11-16',
        feedback: 'Veilig Thuis start een onderzoek.',
      },
    ]);
  });

  it('walks to help with a help plan and a follow-up date, and question 5 at the follow-up', async () => {
    const ref = await dossierReadyToDecide(h, '9');
    await send(h, 'answerAfwegingsvraag', answer(ref, 1, true, 'Zorgen blijven.'));
    // The weighing found structural unsafety: "no" is a deviation and needs its reason (issue 10).
    await send(h, 'answerAfwegingsvraag', {
      ...answer(ref, 2, false, 'Geen acuut gevaar, wel zorgen.'),
      deviationReason: 'Vader is vertrokken; de situatie is sinds de weging veranderd.',
    });
    await send(h, 'answerAfwegingsvraag', answer(ref, 3, true, 'Schoolmaatschappelijk werk kan helpen.'));
    const help = await send(h, 'answerAfwegingsvraag', answer(ref, 4, true, 'Moeder wil meewerken.'));
    expect(cardText(help)).toContain('Uitkomst: hulp organiseren');
    expect(cardText(help)).toContain('Nog geen hulpplan vastgelegd.');
    expect(cardVerbs(help)).toContain('showHelpPlanForm');
    expect(cardVerbs(help)).not.toContain('answerAfwegingsvraag');

    const planForm = await send(h, 'showHelpPlanForm', ref);
    expect(cardVerbs(planForm)).toContain('recordHelpPlan');
    const plan = {
      ...ref,
      submissionId: randomUUID(),
      what: 'Gezinsbegeleiding via schoolmaatschappelijk werk.',
      who: 'Schoolmaatschappelijk werk',
      deadline: '2026-12-04',
      followUpOn: '2026-11-16',
    };
    const refused = await send(h, 'recordHelpPlan', plan);
    expect(cardText(refused)).toContain(
      'Datum evaluatie (dan kijk je of de hulp werkt): Deze datum moet in de toekomst liggen.',
    );
    expect(input(refused, 'what')?.value).toBe('Gezinsbegeleiding via schoolmaatschappelijk werk.');

    const good = { ...plan, followUpOn: '2026-12-07' };
    const planned = await send(h, 'recordHelpPlan', good);
    await send(h, 'recordHelpPlan', good);
    expect(await entries(h, ref, 'helpPlanRecorded')).toHaveLength(1);
    expect(cardText(planned)).toContain(
      'Schoolmaatschappelijk werk · uiterlijk 4 dec 2026 · evaluatie 7 dec 2026',
    );
    expect(cardText(planned)).toContain('Vraag 5 beantwoord je bij de evaluatie op 7 dec 2026.');
    expect(cardVerbs(planned)).not.toContain('answerAfwegingsvraag');

    // The follow-up date has come.
    h.setNow(new Date('2026-12-07T10:00:00+01:00'));
    const followUpCard = await send(h, 'showHelpPlanForm', ref);
    expect(cardVerbs(followUpCard)).toContain('recordFollowUp');
    const followUp = {
      ...ref,
      submissionId: randomUUID(),
      followUpHeldOn: '2026-12-08',
      followUpText: 'Geen nieuwe verwondingen; moeder komt op gesprekken.',
    };
    const tooEarly = await send(h, 'recordFollowUp', followUp);
    expect(cardText(tooEarly)).toContain('Datum van de evaluatie: Deze datum ligt in de toekomst.');
    expect(input(tooEarly, 'followUpText')?.value).toBe(
      'Geen nieuwe verwondingen; moeder komt op gesprekken.',
    );
    const followedUp = await send(h, 'recordFollowUp', { ...followUp, followUpHeldOn: '2026-12-07' });
    expect(await entries(h, ref, 'followUpRecorded')).toEqual([
      {
        submissionId: followUp.submissionId,
        on: '2026-12-07',
        text: 'Geen nieuwe verwondingen; moeder komt op gesprekken.',
      },
    ]);
    expect(cardText(followedUp)).toContain('Vraag 5 van 5');
    expect(cardText(followedUp)).toContain(
      'Leidt de hulp binnen de afgesproken tijd tot de nodige, duurzame veiligheid?',
    );

    const closing = await send(h, 'answerAfwegingsvraag', answer(ref, 5, true, 'Het gaat al weken goed.'));
    expect(cardText(closing)).toContain('Uitkomst: dossier sluiten met afspraken over monitoring');
    expect(cardVerbs(closing)).toContain('showCloseForm');
  });

  it('closes as unfounded in English, after changing an earlier answer', async () => {
    const ref = await dossierReadyToDecide(h, '9');
    const en = 'en-US';
    const first = await send(h, 'showStep', { ...ref, step: 'beslissen' }, en);
    expect(cardText(first)).toContain('Question 1 of 5');

    // First answered yes, then changed to no: the later answer lapses, both stay in the log.
    await send(h, 'answerAfwegingsvraag', answer(ref, 1, true, 'Some doubt remains.'), en);
    const change = await send(h, 'showAfwegingsvraag', { ...ref, question: 1 }, en);
    expect(cardText(change)).toContain('Question 1 of 5');
    expect(cardText(change)).toContain('You are changing an earlier answer.');
    expect(input(change, 'reasoning')?.value).toBe('Some doubt remains.');

    const closed = await send(
      h,
      'answerAfwegingsvraag',
      answer(ref, 1, false, 'The bruises came from a football match, confirmed by the coach.'),
      en,
    );
    const text = cardText(closed);
    expect(text).toContain('Outcome: close the dossier, the suspicion is unfounded');
    expect(text).toContain('Help can still be organised.');
    expect(text).toContain('Question 1 · Still a suspicion? **No**');
    expect(text).not.toContain('Question 2 of 5');
    expect(cardVerbs(closed)).toEqual(expect.arrayContaining(['showCloseForm', 'showHelpPlanForm']));
    expect(await entries(h, ref, 'afwegingsvraagAnswered')).toHaveLength(2);
    expect(cardText(await send(h, 'showDossier', ref, en))).toMatch(/5\. Decide\ndone/);
  });
});
