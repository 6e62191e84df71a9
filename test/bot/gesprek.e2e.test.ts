// Step 3 over HTTP: the preparation guidance, the warning against talking to the parents in
// honour-based violence, forced marriage and abandonment, recording a conversation (nested
// participants), skipping it with a reason, refused forms that keep what was typed, and the hub.

import { cardText, cardVerbs, startHarness, type Harness } from '../support/bot-harness';
import {
  NOW,
  entries,
  inputs,
  logKinds,
  openDossier,
  recordSignal,
  send,
  showStep,
} from './middle-steps.helpers';

const WARNING =
  'Dit dossier gaat over huwelijksdwang. Ga dan niet in gesprek met de ouders of verzorgers: ' +
  'dat kan de leerling in gevaar brengen en is niet terug te draaien. Volg het advies van Veilig Thuis.';

describe('step 3: the conversation with the pupil', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: NOW });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('prepares the conversation along the step plan; no warning and no override without a reason for it', async () => {
    const ref = await openDossier(h);
    await recordSignal(h, ref, 'seksueel-misbruik');
    const card = await showStep(h, ref, 'gesprek');
    const text = cardText(card);
    expect(text).toContain('Stap 3 · Gesprek met de ouders en/of de leerling');
    expect(text).toContain('Deze stap: nog niet gestart');
    expect(text).toContain(
      '- Leg uit wat het doel van het gesprek is.\n' +
        '- Bespreek de signalen: de feiten die je zelf hebt gezien of gehoord.\n' +
        '- Nodig de leerling uit om daarop te reageren.',
    );
    expect(text).not.toContain('Let op: geen gesprek met de ouders');
    expect(cardVerbs(card)).toEqual(['recordConversation', 'skipConversation', 'showDossier']);
    const fields = inputs(card);
    expect(Object.keys(fields)).toEqual([
      'on',
      'withPupil',
      'withParents',
      'coordinatorPresent',
      'said',
      'reaction',
      'outcome',
      'reason',
    ]);
    expect(fields['withPupil']?.value).toBe('true');
    expect(fields['withParents']?.value).toBe('false');
  });

  it('warns against the parents in forced marriage and offers the override with its reason', async () => {
    const ref = await openDossier(h);
    await recordSignal(h, ref, 'huwelijksdwang');
    const card = await showStep(h, ref, 'gesprek');
    expect(cardText(card)).toContain(`Let op: geen gesprek met de ouders\n${WARNING}`);
    expect(Object.keys(inputs(card))).toEqual(
      expect.arrayContaining(['parentsDespiteWarning', 'parentsDespiteWarningReason']),
    );
  });

  it('refuses the parents in forced marriage, then without a reason, then records the decision', async () => {
    const ref = await openDossier(h);
    await recordSignal(h, ref, 'huwelijksdwang');
    const typed = {
      ...ref,
      on: '2026-11-16',
      withPupil: 'true',
      withParents: 'true',
      coordinatorPresent: 'true',
      parentsDespiteWarning: 'false',
      said: '"Ik mag van mijn vader niet meer naar school na de zomer."',
      reaction: 'Vader werd boos.',
      outcome: 'Zorgen blijven.',
    };
    const refused = await send(h, 'recordConversation', typed);
    expect(cardText(refused)).toContain(
      'Ouder(s) of verzorger(s): Bij eergerelateerd geweld, huwelijksdwang en achterlating ga je niet in gesprek met de ouders.',
    );
    expect(cardText(refused)).toContain(WARNING);
    expect(inputs(refused)['said']?.value).toBe('"Ik mag van mijn vader niet meer naar school na de zomer."');
    expect(inputs(refused)['withParents']?.value).toBe('true');

    const noReason = await send(h, 'recordConversation', { ...typed, parentsDespiteWarning: 'true' });
    expect(cardText(noReason)).toContain(
      'Waarom toch met de ouders? (verplicht als je dit aanzet): Schrijf de reden op; de meldcode vraagt om het waarom.',
    );
    expect(inputs(noReason)['parentsDespiteWarning']?.value).toBe('true');
    expect(await logKinds(h, ref)).toEqual(['dossierOpened', 'signalRecorded']);

    const hub = await send(h, 'recordConversation', {
      ...typed,
      parentsDespiteWarning: 'true',
      parentsDespiteWarningReason: 'Vader kwam onaangekondigd mee naar het gesprek.',
    });
    expect(cardText(hub)).toMatch(/3\. Gesprek met de ouders en\/of de leerling\ngedaan/);
    expect(await entries(h, ref, 'conversationRecorded')).toEqual([
      expect.objectContaining({
        participants: { pupil: true, parents: true, coordinator: true },
        parentsDespiteWarning: true,
        parentsDespiteWarningReason: 'Vader kwam onaangekondigd mee naar het gesprek.',
      }),
    ]);
  });

  it('refuses a conversation with neither the pupil nor the parents', async () => {
    const ref = await openDossier(h);
    const card = await send(h, 'recordConversation', {
      ...ref,
      on: '2026-11-16',
      withPupil: 'false',
      withParents: 'false',
      coordinatorPresent: 'true',
      said: 'Niets.',
      reaction: '',
      outcome: 'Niet gevoerd.',
    });
    expect(cardText(card)).toContain(
      'Wie waren erbij? (de leerling, de ouders of allebei): Kruis aan met wie je sprak: de leerling, de ouders of allebei.',
    );
    expect(inputs(card)['coordinatorPresent']?.value).toBe('true');
    expect(await logKinds(h, ref)).toEqual(['dossierOpened']);
  });

  it('records a conversation once when the button is pressed twice, and lists it on the card', async () => {
    const ref = await openDossier(h);
    const conversation = {
      ...ref,
      submissionId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
      on: '2026-11-16',
      withPupil: 'true',
      withParents: 'false',
      coordinatorPresent: 'true',
      said: '"Thuis is het soms heel druk en dan word ik geslagen."',
      reaction: 'Rustig, opgelucht dat het gezegd is.',
      outcome: 'Zorgen niet weggenomen; we gaan wegen.',
    };
    const first = await send(h, 'recordConversation', conversation);
    await send(h, 'recordConversation', conversation);
    expect(cardText(first)).toContain('Vastgelegd.');
    expect(cardText(first)).toMatch(/3\. Gesprek met de ouders en\/of de leerling\ngedaan/);
    expect(await entries(h, ref, 'conversationRecorded')).toEqual([
      {
        submissionId: '3f2e1d0c-9b8a-4765-8432-10fedcba9876',
        on: '2026-11-16',
        participants: { pupil: true, parents: false, coordinator: true },
        said: '"Thuis is het soms heel druk en dan word ik geslagen."',
        reaction: 'Rustig, opgelucht dat het gezegd is.',
        outcome: 'Zorgen niet weggenomen; we gaan wegen.',
        parentsDespiteWarning: false,
      },
    ]);
    expect(cardText(await showStep(h, ref, 'gesprek'))).toContain(
      'Vastgelegd: 1 keer. Laatste:\n16 nov 2026 · leerling, zorgcoördinator · Zorgen niet weggenomen; we gaan wegen.',
    );
  });

  it('skips the conversation only with a reason; the step is then skipped with reason', async () => {
    const ref = await openDossier(h);
    const refused = await send(h, 'skipConversation', { ...ref, reason: '  ' });
    expect(cardText(refused)).toContain(
      'Welke concrete aanwijzingen zijn er?: Schrijf de reden op; de meldcode vraagt om het waarom.',
    );
    expect(await logKinds(h, ref)).toEqual(['dossierOpened']);

    const reason = 'De leerling zegt dat haar broer haar slaat als hij hoort dat ze met school praat.';
    const skip = { ...ref, submissionId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', reason };
    const hub = await send(h, 'skipConversation', skip);
    await send(h, 'skipConversation', skip);
    expect(cardText(hub)).toMatch(/3\. Gesprek met de ouders en\/of de leerling\novergeslagen \(met reden\)/);
    expect(await entries(h, ref, 'conversationSkipped')).toEqual([
      { submissionId: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', reason },
    ]);
    expect(cardText(await showStep(h, ref, 'gesprek'))).toContain(`16 nov 2026 · overgeslagen · ${reason}`);
  });

  it('speaks English to an English Teams client', async () => {
    const ref = await openDossier(h);
    await recordSignal(h, ref, 'achterlating');
    const card = await showStep(h, ref, 'gesprek', 'en-US');
    expect(cardText(card)).toContain('Step 3 · Talk with the parents and/or the pupil');
    expect(cardText(card)).toContain(
      'Warning: no conversation with the parents\nThis dossier records being left behind abroad.',
    );
    const refused = await send(h, 'skipConversation', { ...ref, reason: '' }, 'en-US');
    expect(cardText(refused)).toContain(
      'What are the concrete indications?: Write down the reason; the meldcode asks for the why.',
    );
    const hub = await send(
      h,
      'skipConversation',
      { ...ref, reason: 'The pupil fears being taken abroad if the family hears of it.' },
      'en-US',
    );
    expect(cardText(hub)).toMatch(/3\. Talk with the parents and\/or the pupil\nskipped \(with reason\)/);
  });
});
