// Shared by the end-to-end tests of steps 2 to 4: open a dossier, record a signal (with a specific
// form or not), show a step card, and read back what the card and the store hold.

import {
  actionData,
  cardObjects,
  invokeCard,
  openDossier as openHarnessDossier,
  type DossierRef,
  type Harness,
} from '../support/bot-harness';
import { invoke, teacher } from '../support/teams';

export type { DossierRef };

/** The bot's clock in these tests: Monday 16 November 2026, mid-morning in the Netherlands. */
export const NOW = new Date('2026-11-16T10:00:00+01:00');

export function openDossier(h: Harness, age = '14'): Promise<DossierRef> {
  return openHarnessDossier(h, { group: '2havo', age });
}

export async function recordSignal(h: Harness, ref: DossierRef, specificForms = ''): Promise<void> {
  await h.post(
    invoke(teacher, h.connector.url, 'recordSignal', {
      ...ref,
      // A signal needs a category from the signalenkaart (issue 10, point 9).
      'signals_gedrag-emotioneel': 'plotselinge-gedragsverandering',
      specificForms,
      observedOn: '2026-11-12',
      place: 'klas',
      description: 'Vertelt dat ze deze zomer niet terugkomt van vakantie.',
      source: 'verteld-door-leerling',
      pointsOtherWay: 'false',
    }),
  );
}

/** Send a verb and return the card the bot answered with. */
export async function send(
  h: Harness,
  verb: string,
  data: Record<string, unknown>,
  locale = 'nl-NL',
): Promise<Record<string, unknown>> {
  return invokeCard((await h.post(invoke(teacher, h.connector.url, verb, data, locale))).body);
}

export async function showStep(
  h: Harness,
  ref: DossierRef,
  step: string,
  locale = 'nl-NL',
): Promise<Record<string, unknown>> {
  return send(h, 'showStep', { ...ref, step }, locale);
}

export { logKinds } from '../support/bot-harness';

export async function entries(h: Harness, ref: DossierRef, kind: string): Promise<Record<string, unknown>[]> {
  const dossier = await h.store.getDossier(ref.schoolId, ref.dossierId);
  return (dossier?.value.log ?? []).filter((e) => e.kind === kind).map((e) => ({ ...e.data }));
}

/** Every input on a card with its id, wherever it sits (also inside a ShowCard). */
export function inputs(card: unknown): Record<string, Record<string, unknown>> {
  const found: Record<string, Record<string, unknown>> = {};
  for (const record of cardObjects(card))
    if (typeof record.type === 'string' && record.type.startsWith('Input.') && typeof record.id === 'string')
      found[record.id] = record;
  return found;
}

/** The data of the first button for a verb: the harness's. */
export { actionData };
