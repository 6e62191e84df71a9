// Issue 10, "the words Dutch schools use": a school names the person who guides the meldcode in its
// own word (IB'er, zorgcoördinator or aandachtsfunctionaris) and every text on its cards uses it —
// over HTTP with the real bot, and the replacement rules on their own.

import { inSchoolWords, viewInSchoolWords } from '../../src/i18n/role-name';
import { cardText, openDossier, press, startHarness, type Harness } from '../support/bot-harness';
import { SCHOOL, message, teacher } from '../support/teams';

describe("the role named in the school's own word", () => {
  test('singular, plural, "one or more" and a capital at the start of a sentence, in both languages', () => {
    expect(
      inSchoolWords(
        'nl',
        'intern-begeleider',
        'Zorgcoördinator(en): X. De zorgcoördinatoren en de zorgcoördinator zien het.',
      ),
    ).toBe("IB'er(s): X. De IB'ers en de IB'er zien het.");
    expect(inSchoolWords('nl', 'aandachtsfunctionaris', 'Vraag de zorgcoördinator.')).toBe(
      'Vraag de aandachtsfunctionaris.',
    );
    expect(
      inSchoolWords('en', 'aandachtsfunctionaris', 'Care coordinator(s): X; ask the care coordinators.'),
    ).toBe('Safeguarding lead(s): X; ask the safeguarding leads.');
    expect(inSchoolWords('nl', 'zorgcoordinator', 'de zorgcoördinator')).toBe('de zorgcoördinator');
    expect(inSchoolWords('nl', undefined, 'de zorgcoördinator')).toBe('de zorgcoördinator');
  });

  test('what the user typed goes back exactly as typed', () => {
    const view = { t: { title: 'De zorgcoördinator' }, values: { with: 'zorgcoördinator' } };
    expect(viewInSchoolWords('nl', 'intern-begeleider', view)).toEqual({
      t: { title: "De IB'er" },
      values: { with: 'zorgcoördinator' },
    });
  });
});

describe("a primary school that says IB'er", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ schools: [{ ...SCHOOL, roleName: 'intern-begeleider' }] });
    await h.post(message(teacher, h.connector.url, 'hallo'));
  });
  afterEach(async () => {
    await h.stop();
  });

  it("names the IB'er on the dossier card and the step cards, and never the zorgcoördinator", async () => {
    const ref = await openDossier(h);
    const hub = cardText(await press(h, 'showDossier', ref));
    expect(hub).toContain("IB'er(s): Fatima El Amrani.");
    const consultation = cardText(await press(h, 'showStep', { ...ref, step: 'consultatie' }));
    expect(consultation).toContain("Bespreek de signalen met de IB'er.");
    const conversation = cardText(await press(h, 'showStep', { ...ref, step: 'gesprek' }));
    expect(conversation).toContain("Ga samen met de IB'er in gesprek");
    const close = cardText(await press(h, 'showCloseForm', ref));
    for (const text of [hub, consultation, conversation, close])
      expect(text.toLowerCase()).not.toContain('zorgcoördinator');
  });

  it('in English too', async () => {
    const ref = await openDossier(h);
    const hub = cardText(await press(h, 'showDossier', ref, teacher, 'en-US'));
    expect(hub).toContain("IB'er(s): Fatima El Amrani.");
    expect(hub.toLowerCase()).not.toContain('care coordinator');
  });
});
