// `instellingen`: administrators see how the schools are set up; nobody else does.

import { startHarness, cardOf, cardText, type Harness } from '../support/bot-harness';
import { message, teacher, colleague } from '../support/teams';

describe('the settings in the chat', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ADMIN_IDS: colleague.aadObjectId } });
  });
  afterAll(async () => {
    await h.stop();
  });

  it('shows an administrator who is who per school and the reminder periods', async () => {
    await h.post(message(colleague, h.connector.url, 'instellingen'));
    const text = cardText(cardOf(h.connector.activities().at(-1)));
    expect(text).toContain('OBS De Linde');
    expect(text).toContain('Zorgcoördinator(en)');
    expect(JSON.stringify(cardOf(h.connector.activities().at(-1)))).toContain('stap stil na 10 werkdagen');
  });

  it('refuses anyone who is not an administrator', async () => {
    await h.post(message(teacher, h.connector.url, 'settings'));
    const text = cardText(cardOf(h.connector.activities().at(-1)));
    expect(text).toContain('Alleen beheerders van de bot kunnen de instellingen zien.');
    expect(text).not.toContain('Fatima El Amrani');
  });
});
