// The people in the benchmark: staff in their personal chat with a bot, over real HTTP, timing every
// message and card action. Buttons are found on the cards the bot sent and filled in the way the Teams
// client would (test/bot/whole-dossier.client.ts), so the walk breaks loudly when a card changes.

import { todayInAmsterdam } from '../../src/domain';
import type { FakeConnector } from '../../test/support/fake-connector';
import { SCHOOL, TENANT, coordinator, invoke, message, type TestUser } from '../../test/support/teams';
import { buttonsOf, submission, type Button, type Typed } from '../../test/bot/whole-dossier.client';
import type { Samples } from './stats';

export type Json = Record<string, unknown>;

/** The kinds of staff in the bench, each with its own block of object ids. */
const STAFF = { greeter: 1, teacher: 2, colleague: 3, 'scaling-owner': 4 } as const;

/**
 * A staff member of the bench school who is no zorgcoördinator or beslisser. The kind is part of the
 * object id: with the number alone, greeter 3, teacher 3 and colleague 3 were one person, so a
 * greeter's home listed the dossiers of the teacher with their number, and the owner of the scaling
 * lists owned one in 200 of the copied dossiers (a hundred at 20,000).
 */
export function staffMember(kind: keyof typeof STAFF, i: number): TestUser {
  return {
    teamsId: `29:bench-${kind}-${i}`,
    aadObjectId: `bbbbbbbb-${String(STAFF[kind]).padStart(4, '0')}-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Bench ${kind} ${i}`,
    tenantId: TENANT,
  };
}

/**
 * Reads what the bot posted to the fake connector, per conversation, looking at each call once.
 * The connector keeps every call; `forget()` drops them between phases to keep memory bounded.
 */
export class ConnectorWatch {
  private seen = 0;
  private readonly byConversation = new Map<string, Json[]>();

  constructor(private readonly connector: FakeConnector) {}

  /** Cards posted (or updated) in one conversation, oldest first. */
  cards(conversationId: string): Json[] {
    this.catchUp();
    return this.byConversation.get(conversationId) ?? [];
  }

  private catchUp(): void {
    const calls = this.connector.calls;
    for (; this.seen < calls.length; this.seen += 1) {
      const call = calls[this.seen];
      if (!call || !/\/activities/.test(call.path)) continue;
      const conversation = decodeURIComponent(call.path.split('/')[3] ?? '');
      const attachments = (call.body.attachments ?? []) as { content?: Json }[];
      for (const attachment of attachments) {
        if (!attachment.content) continue;
        const list = this.byConversation.get(conversation);
        if (list) list.push(attachment.content);
        else this.byConversation.set(conversation, [attachment.content]);
      }
    }
  }

  /** What was posted to a conversation, shortly, for error messages. */
  describe(conversationId: string): string {
    const calls = this.connector.calls.filter((c) => c.path.includes(encodeURIComponent(conversationId)));
    return `${calls.length} calls: ${calls.map((c) => JSON.stringify(c.body).slice(0, 200)).join(' | ')}`;
  }

  forget(): void {
    this.connector.calls.length = 0;
    this.seen = 0;
    this.byConversation.clear();
  }

  /**
   * Wait (bounded) for a card in a conversation that `fits`. Each look reads only the cards that came
   * since the last: twenty teachers waiting on one zorgcoördinator's chat would otherwise walk all of
   * its cards a hundred times a second each, and that load generator's CPU would be measured as the
   * bot's latency on this 2-core machine.
   */
  async waitFor(conversationId: string, fits: (card: Json) => boolean, timeoutMs = 30_000): Promise<Json> {
    const until = Date.now() + timeoutMs;
    let looked = 0;
    for (;;) {
      const cards = this.cards(conversationId);
      for (; looked < cards.length; looked += 1) {
        const card = cards[looked] as Json;
        if (fits(card)) return card;
      }
      if (Date.now() > until)
        throw new Error(
          `No fitting card arrived in ${conversationId} within ${timeoutMs} ms; ${this.describe(conversationId)}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

export const personalChat = (user: TestUser): string => `a:personal-${user.teamsId}`;

/**
 * The bot process's CPU time for one request, everything it does after answering included: read the
 * process's CPU clock, send, wait until the bot has had time to finish its sends, read it again.
 * Only for one person at a time (with others acting, their CPU would be counted too).
 */
export interface CpuMeter {
  /** The bot process's CPU time so far, in microseconds. */
  read(): Promise<number>;
  /** CPU ms per action. */
  samples: Samples;
  /** How long to wait after the answer for work the bot does after it (its sends). */
  settleMs: number;
}

/** One person talking to one bot; every request is timed into `samples` under its action name. */
export class Chat {
  constructor(
    private readonly botUrl: string,
    private readonly connectorUrl: string,
    private readonly watch: ConnectorWatch,
    private readonly samples: Samples,
    readonly user: TestUser,
    private readonly cpu?: CpuMeter,
  ) {}

  private async post(action: string, activity: Json): Promise<unknown> {
    const cpuBefore = this.cpu ? await this.cpu.read() : 0;
    const started = performance.now();
    const response = await fetch(`${this.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    this.samples.add(action, performance.now() - started);
    if (this.cpu) {
      await new Promise((resolve) => setTimeout(resolve, this.cpu?.settleMs));
      this.cpu.samples.add(action, ((await this.cpu.read()) - cpuBefore) / 1000);
    }
    if (response.status !== 200)
      throw new Error(`${action}: the bot answered ${response.status} ${text.slice(0, 200)}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  /** Send a message and, when `reply` is asked for, return the last card the bot put in this chat. */
  async say(text: string, reply = false): Promise<Json | undefined> {
    const before = reply ? this.watch.cards(personalChat(this.user)).length : 0;
    await this.post(text, message(this.user, this.connectorUrl, text));
    if (!reply) return undefined;
    // The reply may reach the connector after the HTTP answer (a bot may answer first and send after).
    const cards = this.watch.cards(personalChat(this.user));
    if (cards.length > before) return cards[cards.length - 1];
    await this.watch.waitFor(
      personalChat(this.user),
      () => this.watch.cards(personalChat(this.user)).length > before,
      10_000,
    );
    return this.watch.cards(personalChat(this.user)).at(-1);
  }

  /** Press a button of `card` with what was typed; the card the bot answered with. */
  async press(card: Json, button: Button, typed: Typed = {}): Promise<Json> {
    const data = submission(card, button, typed);
    const body = (await this.post(button.verb, invoke(this.user, this.connectorUrl, button.verb, data))) as {
      statusCode?: number;
      type?: string;
      value?: Json;
    };
    if (body?.statusCode !== 200 || body.type !== 'application/vnd.microsoft.card.adaptive' || !body.value)
      throw new Error(`${button.verb}: no card in the answer: ${JSON.stringify(body).slice(0, 300)}`);
    return body.value;
  }

  /** A card action with bare data, for the echo bot that has no cards to read buttons from. */
  async invokeBare(verb: string): Promise<void> {
    await this.post(verb, invoke(this.user, this.connectorUrl, verb, {}));
  }
}

/** The dossier a card's buttons act on. */
export function dossierRefOn(card: Json): { schoolId: string; dossierId: string } {
  for (const { action } of buttonsOf(card)) {
    const data = (action.data ?? {}) as Json;
    if (typeof data.dossierId === 'string' && typeof data.schoolId === 'string')
      return { schoolId: data.schoolId, dossierId: data.dossierId };
  }
  throw new Error('No button on the card names a dossier.');
}

const hasButton = (card: Json, verb: string, dossierId: string): boolean =>
  buttonsOf(card).some(
    (b) => b.action.verb === verb && (b.action.data as Json | undefined)?.dossierId === dossierId,
  );

/**
 * One teacher's whole dossier: hallo → new dossier → signal → consultation requested, then accepted
 * and advised by the zorgcoördinator in their own chat → conversation → weighing → afwegingskader →
 * report → the dossier → chronology. Returns the dossier it made.
 */
export async function walkWholeDossier(
  teacher: Chat,
  zorgcoordinator: Chat,
  watch: ConnectorWatch,
): Promise<{ schoolId: string; dossierId: string }> {
  const date = todayInAmsterdam(new Date());
  const home = await teacher.say('hallo', true);
  if (!home) throw new Error('no home card');
  let card = await teacher.press(home, { verb: 'startNewDossier' });
  card = await teacher.press(card, { verb: 'chooseRoute', data: { route: 'meldcode' } });
  let hub = await teacher.press(
    card,
    { verb: 'openDossier' },
    {
      pupilReference: 'KB',
      group: '1b',
      age: '13',
      firstDescription: 'Vertelde na het mentoruur iets wat zorgen baart.',
    },
  );
  const ref = dossierRefOn(hub);

  card = await teacher.press(hub, { verb: 'showStep', data: { step: 'signalen' } });
  hub = await teacher.press(
    card,
    { verb: 'recordSignal' },
    {
      'signals_gedrag-emotioneel': ['plotselinge-gedragsverandering'],
      observedOn: date,
      place: 'mentoruur',
      description: 'Vertelt dat een volwassene haar heeft laten beloven niets te zeggen.',
      source: 'verteld-door-leerling',
    },
  );

  card = await teacher.press(hub, { verb: 'showStep', data: { step: 'consultatie' } });
  card = await teacher.press(card, { verb: 'showConsultationRequest' });
  hub = await teacher.press(
    card,
    { verb: 'requestConsultation' },
    {
      coordinatorId: SCHOOL.coordinators[0]?.id ?? coordinator.aadObjectId,
      question: 'Wil je meekijken en mee het gesprek voeren?',
    },
  );

  // The zorgcoördinator's side: the card that arrived in their chat for this dossier.
  const request = await watch.waitFor(personalChat(zorgcoordinator.user), (c) =>
    hasButton(c, 'acceptConsultation', ref.dossierId),
  );
  const accepted = await zorgcoordinator.press(request, { verb: 'acceptConsultation' });
  await zorgcoordinator.press(
    accepted,
    { verb: 'recordConsultationAdvice' },
    { advice: 'Voer het gesprek samen met mij, deze week nog.' },
  );

  card = await teacher.press(hub, { verb: 'showStep', data: { step: 'gesprek' } });
  hub = await teacher.press(
    card,
    { verb: 'recordConversation' },
    {
      on: date,
      withPupil: true,
      coordinatorPresent: true,
      said: '"Hij zei dat ik het aan niemand mag vertellen."',
      reaction: 'Huilde, was opgelucht dat het gezegd was.',
      outcome: 'De zorgen zijn niet weggenomen.',
    },
  );
  card = await teacher.press(hub, { verb: 'showStep', data: { step: 'wegen' } });
  hub = await teacher.press(
    card,
    { verb: 'recordWeighing' },
    {
      suspicion: 'true',
      acuteUnsafety: 'true',
      structuralUnsafety: 'true',
      reasoning: 'Onthulling door de leerling zelf.',
    },
  );
  card = await teacher.press(hub, { verb: 'showStep', data: { step: 'beslissen' } });
  for (const question of [1, 2])
    card = await teacher.press(
      card,
      { verb: 'answerAfwegingsvraag', data: { question } },
      { answer: 'true', reasoning: 'Het verhaal is samenhangend en herhaald.' },
    );
  card = await teacher.press(card, { verb: 'showReportForm' });
  card = await teacher.press(
    card,
    { verb: 'recordReport' },
    {
      discussedWithPupil: 'ja',
      discussedWithParents: 'ja',
      informationFromOthers: 'Niets; alles komt van de leerling zelf.',
      schoolActionsAfterReport: 'De mentor houdt dagelijks contact.',
      on: date,
      reference: 'VT-2026-0413',
    },
  );
  hub = await teacher.press(card, { verb: 'showDossier' });
  await teacher.press(hub, { verb: 'showChronology' });
  return ref;
}

/** The verbs of one walk in order, for the echo bot to answer the same number of card actions. */
export const WALK_VERBS: readonly string[] = [
  'startNewDossier',
  'chooseRoute',
  'openDossier',
  'showStep',
  'recordSignal',
  'showStep',
  'showConsultationRequest',
  'requestConsultation',
  'acceptConsultation',
  'recordConsultationAdvice',
  'showStep',
  'recordConversation',
  'showStep',
  'recordWeighing',
  'showStep',
  'answerAfwegingsvraag',
  'answerAfwegingsvraag',
  'showReportForm',
  'recordReport',
  'showDossier',
  'showChronology',
];

/** The card actions that wait on another person's chat today (the consultation's sends). */
export const CONSULTATION_VERBS: ReadonlySet<string> = new Set([
  'requestConsultation',
  'acceptConsultation',
  'recordConsultationAdvice',
]);
