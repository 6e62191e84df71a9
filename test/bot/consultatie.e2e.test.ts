// Step 2 over HTTP: the consultation card with its status and the notice that Veilig Thuis advice is
// required for a specific form; recording a consultation and Veilig Thuis advice, refused forms that
// keep what was typed, a double click that records once, and the step's status on the hub.

import { cardText, cardVerbs, startHarness, type Harness } from '../support/bot-harness';
import {
  NOW,
  actionData,
  entries,
  inputs,
  logKinds,
  openDossier,
  recordSignal,
  send,
  showStep,
} from './middle-steps.helpers';

describe('step 2: collegiale consultatie', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: NOW });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('shows the status, both forms and the zorgcoördinator as a hint; no notice without a specific form', async () => {
    const ref = await openDossier(h);
    const card = await showStep(h, ref, 'consultatie');
    const text = cardText(card);
    expect(text).toContain('Stap 2 · Collegiale consultatie');
    expect(text).toContain('Deze stap: nog niet gestart');
    expect(text).toContain('Nog geen overleg vastgelegd.');
    expect(text).toContain('Nog geen advies van Veilig Thuis vastgelegd.');
    expect(text).not.toContain('verplicht');
    expect(cardVerbs(card)).toEqual([
      'showConsultationRequest',
      'recordConsultation',
      'recordVeiligThuisAdvice',
      'showDossier',
    ]);
    const fields = inputs(card);
    expect(fields['consultWith']?.placeholder).toBe('Bijvoorbeeld Fatima El Amrani (zorgcoördinator)');
    expect(fields['vtAnonymous']?.value).toBe('true');
    expect(text).toContain(
      'Vraag je anoniem, dan noem je geen naam of andere gegevens waaraan de leerling te herkennen is. Er gaan dan geen leerlinggegevens de school uit.',
    );
    // Each form carries its own submission id, so a double click on one never swallows the other.
    const consultId = actionData(card, 'recordConsultation').submissionId;
    const adviceId = actionData(card, 'recordVeiligThuisAdvice').submissionId;
    expect(consultId).toMatch(/^[0-9a-f-]{36}$/);
    expect(adviceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(consultId).not.toBe(adviceId);
  });

  it('says Veilig Thuis advice is required when a specific form is recorded, until it is', async () => {
    const ref = await openDossier(h);
    await recordSignal(h, ref, 'eergerelateerd-geweld');
    const required =
      'Advies van Veilig Thuis is hier verplicht, omdat dit dossier gaat over: eergerelateerd geweld. ' +
      'Zonder dat advies is deze stap niet klaar.';
    expect(cardText(await showStep(h, ref, 'consultatie'))).toContain(required);

    const hub = await send(h, 'recordConsultation', {
      ...ref,
      submissionId: '0b7f9a52-1f0e-4c57-9d0e-2f7a1c3b4d5e',
      consultWith: 'Fatima El Amrani',
      consultOn: '2026-11-13',
      consultAdvice: 'Advies van Veilig Thuis vragen voordat we verder gaan.',
    });
    expect(cardText(hub)).toMatch(/2\. Collegiale consultatie\nbezig/);

    const step = await showStep(h, ref, 'consultatie');
    expect(cardText(step)).toContain('Deze stap: bezig');
    expect(cardText(step)).toContain(required);

    const done = await send(h, 'recordVeiligThuisAdvice', {
      ...ref,
      submissionId: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
      from: 'consultatie',
      vtOn: '2026-11-16',
      vtAdvice: 'Geen gesprek met de ouders; samen met de zorgcoördinator met de leerling praten.',
      vtAnonymous: 'true',
    });
    expect(cardText(done)).toContain('Vastgelegd.');
    expect(cardText(done)).toMatch(/2\. Collegiale consultatie\ngedaan/);
    const after = cardText(await showStep(h, ref, 'consultatie'));
    expect(after).not.toContain(required);
    expect(after).toContain('Het verplichte advies van Veilig Thuis (eergerelateerd geweld) is vastgelegd.');
    expect(after).toContain('Advies van Veilig Thuis vastgelegd: 1 keer. Laatste:');
    expect(after).toContain(
      '16 nov 2026 · anoniem gevraagd · Geen gesprek met de ouders; samen met de zorgcoördinator met de leerling praten.',
    );
    expect(await entries(h, ref, 'veiligThuisAdviceRecorded')).toEqual([
      {
        submissionId: '6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
        on: '2026-11-16',
        advice: 'Geen gesprek met de ouders; samen met de zorgcoördinator met de leerling praten.',
        anonymous: true,
      },
    ]);
  });

  it('refuses a consultation dated in the future, keeps what was typed and names the field', async () => {
    const ref = await openDossier(h);
    const card = await send(h, 'recordConsultation', {
      ...ref,
      consultWith: 'Fatima El Amrani',
      consultOn: '2026-11-20',
      consultAdvice: 'Signalen nog een week volgen.',
    });
    const text = cardText(card);
    expect(text).toContain('Stap 2 · Collegiale consultatie');
    expect(text).toContain('Wanneer was het overleg?: Deze datum ligt in de toekomst.');
    expect(text).toContain('Wat je invulde, staat nog in het formulier. Open het met de knop hieronder.');
    const fields = inputs(card);
    expect(fields['consultWith']?.value).toBe('Fatima El Amrani');
    expect(fields['consultOn']?.value).toBe('2026-11-20');
    expect(fields['consultAdvice']?.value).toBe('Signalen nog een week volgen.');
    expect(fields['consultOn']?.errorMessage).toBe(
      'Deze datum ligt in de toekomst. Vul de datum in waarop het gebeurde.',
    );
    expect(await logKinds(h, ref)).toEqual(['dossierOpened']);
  });

  it('refuses Veilig Thuis advice without the advice and keeps the anonymity choice', async () => {
    const ref = await openDossier(h);
    const card = await send(h, 'recordVeiligThuisAdvice', {
      ...ref,
      from: 'consultatie',
      vtOn: '2026-11-16',
      vtAdvice: '   ',
      vtAnonymous: 'false',
    });
    expect(cardText(card)).toContain('Wat adviseerde Veilig Thuis?: Vul dit in.');
    expect(inputs(card)['vtAnonymous']?.value).toBe('false');
    expect(inputs(card)['vtOn']?.value).toBe('2026-11-16');
    expect(await logKinds(h, ref)).toEqual(['dossierOpened']);
  });

  it('records a consultation once when the button is pressed twice; the step is then done', async () => {
    const ref = await openDossier(h);
    const consultation = {
      ...ref,
      submissionId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
      consultWith: 'Fatima El Amrani',
      consultOn: '2026-11-13',
      consultAdvice: 'Gesprek met de leerling voorbereiden; ouders later.',
    };
    const first = await send(h, 'recordConsultation', consultation);
    const second = await send(h, 'recordConsultation', consultation);
    expect(cardText(first)).toContain('Vastgelegd.');
    expect(cardText(first)).toMatch(/2\. Collegiale consultatie\ngedaan/);
    expect(cardText(second)).toMatch(/2\. Collegiale consultatie\ngedaan/);
    expect(await entries(h, ref, 'consultationRecorded')).toEqual([
      {
        submissionId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
        with: 'Fatima El Amrani',
        on: '2026-11-13',
        advice: 'Gesprek met de leerling voorbereiden; ouders later.',
      },
    ]);
  });

  it('lists only the last three consultations, newest first', async () => {
    const ref = await openDossier(h);
    for (const day of ['09', '10', '11', '12']) {
      await send(h, 'recordConsultation', {
        ...ref,
        consultWith: `Collega ${day}`,
        consultOn: `2026-11-${day}`,
        consultAdvice: `Advies van de ${day}e`,
      });
    }
    const text = cardText(await showStep(h, ref, 'consultatie'));
    expect(text).toContain(
      'Overleg vastgelegd: 4 keer. Laatste:\n' +
        '12 nov 2026 · Collega 12 · Advies van de 12e\n' +
        '11 nov 2026 · Collega 11 · Advies van de 11e\n' +
        '10 nov 2026 · Collega 10 · Advies van de 10e',
    );
    expect(text).not.toContain('Collega 09');
  });

  it('speaks English to an English Teams client', async () => {
    const ref = await openDossier(h);
    await recordSignal(h, ref, 'huwelijksdwang');
    const card = await showStep(h, ref, 'consultatie', 'en-US');
    const text = cardText(card);
    expect(text).toContain('Step 2 · Consult a colleague');
    expect(text).toContain('This step: not started');
    expect(text).toContain(
      'Advice from Veilig Thuis is required here, because this dossier records forced marriage. Without that advice this step is not done.',
    );
    expect(inputs(card)['consultWith']?.placeholder).toBe('For example Fatima El Amrani (care coordinator)');
    const refused = await send(
      h,
      'recordConsultation',
      { ...ref, consultWith: '', consultOn: '2026-11-13', consultAdvice: 'Wait a week.' },
      'en-US',
    );
    expect(cardText(refused)).toContain('Who did you consult?: Fill this in.');
    const hub = await send(
      h,
      'recordConsultation',
      { ...ref, consultWith: 'Fatima El Amrani', consultOn: '2026-11-13', consultAdvice: 'Wait a week.' },
      'en-US',
    );
    expect(cardText(hub)).toContain('Recorded.');
    expect(cardText(hub)).toMatch(/2\. Consult a colleague\nin progress/);
  });
});
