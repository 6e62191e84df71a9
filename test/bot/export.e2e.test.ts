// Export over HTTP: the export button answers with a card that links to a single-use, short-lived
// download on the bot's own server; the document is Markdown in the user's language; every export is
// audited; someone not involved gets nothing.

import { startHarness, press, cardText, downloadLinks, type Harness } from '../support/bot-harness';
import { colleague, coordinator, invoke, teacher, type TestUser } from '../support/teams';

type Ref = { schoolId: string; dossierId: string };

const PUBLIC_BASE_URL = 'https://meldcode.example.nl';

async function openDossier(h: Harness): Promise<Ref> {
  await h.post(
    invoke(teacher, h.connector.url, 'openDossier', {
      pupilReference: 'AB',
      group: '7b',
      age: '9',
      firstDescription: 'Zorgen over blauwe plekken.',
    }),
  );
  const [summary] = await h.store.openDossiersOfOwner('de-linde', teacher.aadObjectId);
  if (!summary) throw new Error('no dossier was opened');
  await h.post(
    invoke(teacher, h.connector.url, 'recordSignal', {
      schoolId: summary.schoolId,
      dossierId: summary.id,
      signals_lichamelijk: 'letsel-onlogische-plek',
      observedOn: '2026-11-13',
      place: 'gymzaal',
      description: 'Blauwe plekken op beide bovenarmen.',
      source: 'verteld-door-ander',
      sourceName: 'gymdocent',
      pointsOtherWay: 'false',
    }),
  );
  return { schoolId: summary.schoolId, dossierId: summary.id };
}

const card = press;

/** Fetch a link the card gave, from the bot's real address (the public one points at the same server). */
async function download(h: Harness, url: string): Promise<Response> {
  return fetch(`${h.bot.server.url}${new URL(url).pathname}`);
}

async function exportLink(h: Harness, ref: Ref, user: TestUser = teacher, locale = 'nl-NL'): Promise<string> {
  const [url] = downloadLinks(await card(h, 'exportDossier', ref, user, locale));
  if (!url) throw new Error('no download link');
  return url;
}

describe('exporting a dossier', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      now: new Date('2026-11-16T10:00:00+01:00'),
      env: { PUBLIC_BASE_URL: `${PUBLIC_BASE_URL}/` },
    });
  });
  afterEach(async () => {
    await h.stop();
  });

  it('answers with a card that links to a single-use download at the public address', async () => {
    const ref = await openDossier(h);
    const exported = await card(h, 'exportDossier', ref);
    const text = cardText(exported);
    expect(text).toContain('Export van dossier MC-2026-0001');
    expect(text).toContain('De link werkt één keer en blijft 10 minuten geldig.');
    const links = downloadLinks(exported);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/^https:\/\/meldcode\.example\.nl\/export\/[A-Za-z0-9_-]{43}$/);
  });

  it('serves the Markdown document once, uncached, as an attachment named after the dossier', async () => {
    const ref = await openDossier(h);
    const url = await exportLink(h, ref);

    const first = await download(h, url);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(first.headers.get('content-disposition')).toBe('attachment; filename="MC-2026-0001.md"');
    expect(first.headers.get('cache-control')).toBe('no-store');
    const body = await first.text();
    expect(body.startsWith('# Dossier MC-2026-0001\n')).toBe(true);
    expect(body).toContain('- **Bron:** **VAN ANDEREN: Verteld door iemand anders (gymdocent)**');
    expect(body).toContain('- **Geëxporteerd door:** Sanne de Vries');
    expect(body).toContain('- **Zorgcoördinator(en):** Fatima El Amrani');

    const again = await download(h, url);
    expect(again.status).toBe(404);
    expect(again.headers.get('cache-control')).toBe('no-store');
    expect(await again.text()).toContain('Deze downloadlink is verlopen of al gebruikt.');
  });

  it('forgets a link after ten minutes', async () => {
    const ref = await openDossier(h);
    const late = await exportLink(h, ref);
    const inTime = await exportLink(h, ref);
    h.setNow(new Date('2026-11-16T10:09:59+01:00'));
    expect((await download(h, inTime)).status).toBe(200);
    h.setNow(new Date('2026-11-16T10:10:00+01:00'));
    expect((await download(h, late)).status).toBe(404);
  });

  it('knows no made-up token', async () => {
    await openDossier(h);
    const response = await fetch(`${h.bot.server.url}/export/${'A'.repeat(43)}`);
    expect(response.status).toBe(404);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toContain('This download link has expired or was already used.');
  });

  it('audits every export, by whoever involved asks for it', async () => {
    const ref = await openDossier(h);
    await exportLink(h, ref);
    await exportLink(h, ref, coordinator);
    const audit = await h.store.auditOfDossier(ref.schoolId, ref.dossierId);
    expect(audit.filter((e) => e.action === 'exported').map((e) => e.actorId)).toEqual([
      teacher.aadObjectId,
      coordinator.aadObjectId,
    ]);
  });

  it('refuses a colleague who is not involved: no link, no export, the attempt recorded', async () => {
    const ref = await openDossier(h);
    const refused = await card(h, 'exportDossier', ref, colleague);
    expect(cardText(refused)).toContain('Je hebt geen toegang tot dit dossier.');
    expect(downloadLinks(refused)).toEqual([]);
    expect(JSON.stringify(refused)).not.toContain('MC-2026-0001');
    const audit = await h.store.auditOfDossier(ref.schoolId, ref.dossierId);
    expect(audit.filter((e) => e.actorId === colleague.aadObjectId).map((e) => e.action)).toEqual([
      'refused:notInvolved',
    ]);
  });

  it('writes the document in English for an English Teams client', async () => {
    const ref = await openDossier(h);
    const exported = await card(h, 'exportDossier', ref, teacher, 'en-US');
    expect(cardText(exported)).toContain('Export of dossier MC-2026-0001');
    const [url] = downloadLinks(exported);
    const body = await (await download(h, url ?? '')).text();
    expect(body).toContain('## 1. Explanation');
    expect(body).toContain('- **Source:** **FROM OTHERS: Told by someone else (gymdocent)**');
  });

  it('logs no pupil data or typed text while exporting', async () => {
    const ref = await openDossier(h);
    const url = await exportLink(h, ref);
    await download(h, url);
    const logs = h.logs.join('');
    expect(logs).not.toContain('Blauwe plekken op beide bovenarmen.');
    expect(logs).not.toContain('gymdocent');
    expect(logs).not.toContain(new URL(url).pathname.split('/').pop());
  });
});
