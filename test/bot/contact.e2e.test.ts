// Contact or note over HTTP: a contact about the signals (with whom, when, what came of it) and a
// note that may be marked as an opinion, which then carries its author wherever it is shown.

import {
  startHarness,
  press,
  openDossier,
  logKinds,
  cardText,
  cardVerbs,
  type Harness,
} from '../support/bot-harness';
import { colleague, coordinator, teacher } from '../support/teams';

const card = press;

const kinds = logKinds;

describe('contact or note', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ now: new Date('2026-11-16T10:00:00+01:00') });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('opens from the hub with a contact form and a note form, each with its own submit', async () => {
    const ref = await openDossier(h);
    const hub = await card(h, 'showDossier', ref);
    expect(cardVerbs(hub)).toContain('showContactForm');
    const form = await card(h, 'showContactForm', ref);
    const text = cardText(form);
    expect(text).toContain('Contact of notitie');
    expect(text).toContain('Nog geen contacten of notities vastgelegd.');
    expect(text).toContain('Met wie? (rol of relatie, bijvoorbeeld moeder, huisarts, wijkagent)');
    expect(text).toContain('Dit is mijn mening of indruk, geen feit');
    expect(cardVerbs(form)).toEqual(['recordContact', 'recordNote', 'showDossier']);
  });

  it('refuses a contact dated in the future, keeps what was typed and names the field', async () => {
    const ref = await openDossier(h);
    const refused = await card(h, 'recordContact', {
      ...ref,
      with: 'moeder',
      on: '2026-11-20',
      outcome: 'Moeder zegt dat het thuis rustig is.',
    });
    const text = cardText(refused);
    expect(text).toContain('Datum van het contact: Deze datum ligt in de toekomst.');
    expect(text).toContain('Open het formulier opnieuw: wat je typte staat er nog.');
    const json = JSON.stringify(refused);
    expect(json).toContain('"value":"moeder"');
    expect(json).toContain('"value":"Moeder zegt dat het thuis rustig is."');
    expect(await kinds(h, ref)).toEqual(['dossierOpened']);
  });

  it('refuses a contact without an outcome and names that field', async () => {
    const ref = await openDossier(h);
    const refused = await card(h, 'recordContact', {
      ...ref,
      with: 'moeder',
      on: '2026-11-13',
      outcome: '  ',
    });
    expect(cardText(refused)).toContain('Wat kwam eruit?: Vul dit in.');
    expect(JSON.stringify(refused)).toContain('"value":"2026-11-13"');
    expect(await kinds(h, ref)).toEqual(['dossierOpened']);
  });

  it('records a contact once when the button is pressed twice, and step 1 is then in progress', async () => {
    const ref = await openDossier(h);
    const contact = {
      ...ref,
      submissionId: '5b0f3a52-8c1e-4d7a-9f2b-6e4c3d2a1b0f',
      with: 'gymdocent',
      on: '2026-11-13',
      outcome: 'Heeft de blauwe plekken ook gezien.',
    };
    const hub = await card(h, 'recordContact', contact);
    await card(h, 'recordContact', contact);
    expect(cardText(hub)).toContain('Vastgelegd.');
    expect(cardText(hub)).toMatch(/1\. Signalen in kaart brengen\nbezig/);
    const dossier = await h.store.getDossier(ref.schoolId, ref.dossierId);
    const contacts = dossier?.value.log.filter((e) => e.kind === 'contactRecorded') ?? [];
    expect(contacts).toHaveLength(1);
    expect(contacts[0]?.data).toMatchObject({
      with: 'gymdocent',
      on: '2026-11-13',
      outcome: 'Heeft de blauwe plekken ook gezien.',
    });
    expect(cardText(await card(h, 'showContactForm', ref))).toContain(
      '13 nov 2026 · contact met gymdocent: Heeft de blauwe plekken ook gezien.',
    );
  });

  it('labels an opinion as an opinion with its author, and keeps a plain note a note', async () => {
    const ref = await openDossier(h);
    await card(h, 'recordNote', {
      ...ref,
      submissionId: '0c9b8a7d-6e5f-4a3b-8c2d-1e0f9a8b7c6d',
      text: 'Ik denk dat hij bang is om naar huis te gaan.',
      isOpinion: 'true',
    });
    await card(
      h,
      'recordNote',
      { ...ref, text: 'Ouders gebeld, geen gehoor.', isOpinion: 'false' },
      coordinator,
    );
    const dossier = await h.store.getDossier(ref.schoolId, ref.dossierId);
    const notes = dossier?.value.log.filter((e) => e.kind === 'noteRecorded') ?? [];
    expect(notes.map((n) => [n.authorName, n.role, n.data['isOpinion']])).toEqual([
      ['Sanne de Vries', 'eigenaar', true],
      ['Fatima El Amrani', 'zorgcoordinator', false],
    ]);
    const text = cardText(await card(h, 'showContactForm', ref));
    expect(text).toContain('16 nov 2026, 10:00 · notitie: Ouders gebeld, geen gehoor.');
    expect(text).toContain(
      '16 nov 2026, 10:00 · mening van Sanne de Vries: Ik denk dat hij bang is om naar huis te gaan.',
    );
  });

  it('refuses a note without text, keeping the opinion toggle as it was', async () => {
    const ref = await openDossier(h);
    const refused = await card(h, 'recordNote', { ...ref, text: '', isOpinion: 'true' });
    expect(cardText(refused)).toContain('Notitie: Vul dit in.');
    expect(JSON.stringify(refused)).toContain(
      '"id":"isOpinion","title":"Dit is mijn mening of indruk, geen feit","value":"true"',
    );
    expect(await kinds(h, ref)).toEqual(['dossierOpened']);
  });

  it('speaks English to an English Teams client', async () => {
    const ref = await openDossier(h);
    const form = await card(h, 'showContactForm', ref, teacher, 'en-US');
    expect(cardText(form)).toContain('Contact or note');
    expect(cardText(form)).toContain('No contacts or notes recorded yet.');
    const hub = await card(
      h,
      'recordNote',
      { ...ref, text: 'Spoke to the mentor.', isOpinion: 'false' },
      teacher,
      'en-US',
    );
    expect(cardText(hub)).toContain('Recorded.');
    expect(cardText(await card(h, 'showContactForm', ref, teacher, 'en-US'))).toContain(
      '16 Nov 2026, 10:00 · note: Spoke to the mentor.',
    );
  });

  it('shows a colleague who is not involved nothing and records nothing', async () => {
    const ref = await openDossier(h);
    expect(cardText(await card(h, 'showContactForm', ref, colleague))).toContain(
      'Je hebt geen toegang tot dit dossier.',
    );
    const refused = await card(
      h,
      'recordNote',
      { ...ref, text: 'Ik weet ook iets.', isOpinion: 'false' },
      colleague,
    );
    expect(cardText(refused)).toContain('Je hebt geen toegang tot dit dossier.');
    expect(JSON.stringify(refused)).not.toContain('Ik weet ook iets.');
    expect(await kinds(h, ref)).toEqual(['dossierOpened']);
  });
});
