// Step 4 over HTTP: the weighing questions with the explanation of acute unsafety, a refused
// weighing that keeps the answers, a recorded weighing that completes the step, and Veilig Thuis
// advice recorded from this card with the step 2 verb (a refusal comes back on this card).

import { cardText, cardVerbs, startHarness, type Harness } from '../support/bot-harness';
import {
  NOW,
  actionData,
  entries,
  inputs,
  logKinds,
  openDossier,
  send,
  showStep,
} from './middle-steps.helpers';

describe('step 4: weighing', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: NOW });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('asks the three questions and the reasoning, explains acute unsafety and points to Veilig Thuis in doubt', async () => {
    const ref = await openDossier(h);
    const card = await showStep(h, ref, 'wegen');
    const text = cardText(card);
    expect(text).toContain('Stap 4 · Wegen');
    expect(text).toContain('Deze stap: nog niet gestart');
    expect(text).toContain(
      'Is er een vermoeden van huiselijk geweld, kindermishandeling of eergerelateerd geweld?',
    );
    expect(text).toContain(
      'Vertelt de leerling zelf over geweld of misbruik (een onthulling), dan telt dat als acuut.',
    );
    expect(text).toContain('Twijfel je?\nRaadpleeg dan altijd (opnieuw) Veilig Thuis: 0800-2000.');
    expect(Object.keys(inputs(card))).toEqual([
      'suspicion',
      'acuteUnsafety',
      'structuralUnsafety',
      'reasoning',
      'vtOn',
      'vtAdvice',
      'vtAnonymous',
    ]);
    // The four fields of the weighing are marked as required.
    expect(text).toContain('Velden met * zijn verplicht');
    for (const field of ['suspicion', 'acuteUnsafety', 'structuralUnsafety', 'reasoning'])
      expect(String(inputs(card)[field]?.label)).toMatch(/ \*$/);
    expect(inputs(card)['suspicion']?.choices).toEqual([
      { title: 'Ja', value: 'true' },
      { title: 'Nee', value: 'false' },
    ]);
    expect(cardVerbs(card)).toEqual(['recordWeighing', 'recordVeiligThuisAdvice', 'showDossier']);
    expect(actionData(card, 'recordVeiligThuisAdvice').from).toBe('wegen');
  });

  it('refuses a weighing without reasoning and keeps the answers', async () => {
    const ref = await openDossier(h);
    const card = await send(h, 'recordWeighing', {
      ...ref,
      suspicion: 'true',
      acuteUnsafety: 'false',
      structuralUnsafety: 'true',
      reasoning: '',
    });
    expect(cardText(card)).toContain(
      'Onderbouwing: waarop baseer je dit?: Schrijf de reden op; de meldcode vraagt om het waarom.',
    );
    const fields = inputs(card);
    expect([
      fields['suspicion']?.value,
      fields['acuteUnsafety']?.value,
      fields['structuralUnsafety']?.value,
    ]).toEqual(['true', 'false', 'true']);
    expect(await logKinds(h, ref)).toEqual(['dossierOpened']);
  });

  it('refuses a question left open and names it', async () => {
    const ref = await openDossier(h);
    const card = await send(h, 'recordWeighing', {
      ...ref,
      suspicion: 'true',
      acuteUnsafety: '',
      structuralUnsafety: 'false',
      reasoning: 'Blauwe plekken, zelf verteld.',
    });
    expect(cardText(card)).toContain('Is er acute onveiligheid?: Dit veld is niet (goed) ingevuld.');
    expect(inputs(card)['reasoning']?.value).toBe('Blauwe plekken, zelf verteld.');
  });

  it('names every problem of the form at once, at its field, when it is sent empty', async () => {
    const ref = await openDossier(h);
    const card = await send(h, 'recordWeighing', {
      ...ref,
      suspicion: '',
      acuteUnsafety: '',
      structuralUnsafety: '',
      reasoning: '',
    });
    const text = cardText(card);
    expect(text).toContain('Is er een vermoeden van huiselijk geweld');
    for (const problem of [
      'Is er acute onveiligheid?: Dit veld is niet (goed) ingevuld.',
      'Onderbouwing: waarop baseer je dit?: Schrijf de reden op; de meldcode vraagt om het waarom.',
    ])
      expect(text).toContain(problem);
    // Four fields, four problems, in one answer: nobody has to send the form four times.
    expect(text.match(/: (Dit veld is niet \(goed\) ingevuld|Schrijf de reden op)/g)).toHaveLength(4);
  });

  it('records a weighing once when the button is pressed twice; the step is then done', async () => {
    const ref = await openDossier(h);
    const weighing = {
      ...ref,
      submissionId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
      suspicion: 'true',
      acuteUnsafety: 'false',
      structuralUnsafety: 'true',
      reasoning: 'Herhaalde blauwe plekken sinds september; leerling vertelt over klappen thuis.',
    };
    const first = await send(h, 'recordWeighing', weighing);
    await send(h, 'recordWeighing', weighing);
    expect(cardText(first)).toContain('Vastgelegd.');
    expect(cardText(first)).toMatch(/4\. Wegen\ngedaan/);
    expect(await entries(h, ref, 'weighingRecorded')).toEqual([
      {
        submissionId: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
        suspicion: true,
        acuteUnsafety: false,
        structuralUnsafety: true,
        reasoning: 'Herhaalde blauwe plekken sinds september; leerling vertelt over klappen thuis.',
      },
    ]);
    expect(cardText(await showStep(h, ref, 'wegen'))).toContain(
      'Weging vastgelegd: 1 keer. Laatste:\n16 nov 2026 · vermoeden: ja · acuut: nee · structureel: ja · ' +
        'Herhaalde blauwe plekken sinds september; leerling vertelt over klappen thuis.',
    );
  });

  it('records Veilig Thuis advice from this card with the step 2 verb; a refusal comes back here', async () => {
    const ref = await openDossier(h);
    const refused = await send(h, 'recordVeiligThuisAdvice', {
      ...ref,
      from: 'wegen',
      reasoning: 'Nog in twijfel.',
      vtOn: '2026-11-17',
      vtAdvice: 'Melden; structurele onveiligheid.',
      vtAnonymous: 'true',
    });
    const text = cardText(refused);
    expect(text).toContain('Stap 4 · Wegen');
    expect(text).toContain('Wanneer heb je Veilig Thuis gesproken?: Deze datum ligt in de toekomst.');
    expect(text).toContain(
      'Wat je bij het advies van Veilig Thuis invulde, staat nog in het formulier. Open het met de knop hieronder.',
    );
    expect(inputs(refused)['vtAdvice']?.value).toBe('Melden; structurele onveiligheid.');
    expect(inputs(refused)['reasoning']?.value).toBe('Nog in twijfel.');
    expect(await logKinds(h, ref)).toEqual(['dossierOpened']);

    const advice = {
      ...ref,
      submissionId: 'c0ffee00-1234-4abc-8def-0123456789ab',
      from: 'wegen',
      vtOn: '2026-11-16',
      vtAdvice: 'Melden; structurele onveiligheid.',
      vtAnonymous: 'false',
    };
    const hub = await send(h, 'recordVeiligThuisAdvice', advice);
    await send(h, 'recordVeiligThuisAdvice', advice);
    expect(cardText(hub)).toContain('Vastgelegd.');
    expect(cardText(hub)).toMatch(/2\. Collegiale consultatie\nbezig/);
    expect(await entries(h, ref, 'veiligThuisAdviceRecorded')).toEqual([
      {
        submissionId: 'c0ffee00-1234-4abc-8def-0123456789ab',
        on: '2026-11-16',
        advice: 'Melden; structurele onveiligheid.',
        anonymous: false,
      },
    ]);
    expect(cardText(await showStep(h, ref, 'wegen'))).toContain(
      'Advies van Veilig Thuis vastgelegd: 1 keer. Laatste:\n16 nov 2026 · met gegevens van de leerling · Melden; structurele onveiligheid.',
    );
  });

  it('speaks English to an English Teams client', async () => {
    const ref = await openDossier(h);
    const card = await showStep(h, ref, 'wegen', 'en-US');
    expect(cardText(card)).toContain('Step 4 · Weigh');
    expect(cardText(card)).toContain(
      'If the pupil tells you about violence or abuse themselves (a disclosure), that counts as acute.',
    );
    const refused = await send(
      h,
      'recordWeighing',
      { ...ref, suspicion: 'false', acuteUnsafety: 'false', structuralUnsafety: 'false', reasoning: ' ' },
      'en-US',
    );
    expect(cardText(refused)).toContain(
      'Reasoning: what do you base this on?: Write down the reason; the meldcode asks for the why.',
    );
    const hub = await send(
      h,
      'recordWeighing',
      {
        ...ref,
        suspicion: 'false',
        acuteUnsafety: 'false',
        structuralUnsafety: 'false',
        reasoning: 'The bruises came from a football match.',
      },
      'en-US',
    );
    expect(cardText(hub)).toContain('Recorded.');
    expect(cardText(hub)).toMatch(/4\. Weigh\ndone/);
  });
});
