// Where the bot reaches a person, remembered per turn without a store request for someone this
// instance already knows: only a new chat, or one last saved a day ago, goes to the store. Two
// instances on one real store (SQLite), each with its own memory, with every store call counted.

import { ConversationReferences } from '../../src/bot/conversation-references';
import type { PersonalChats } from '../../src/domain/personal-chat';
import { SqliteStore } from '../../src/store/sqlite-store';
import { TENANT, message, teacher } from '../support/teams';

const ACTOR = { id: teacher.aadObjectId, name: teacher.name, tenantId: TENANT, teamsId: teacher.teamsId };
const MONDAY = new Date('2026-11-16T09:00:00+01:00');
const later = (hours: number): Date => new Date(MONDAY.getTime() + hours * 60 * 60 * 1000);

/** The store, with each call of the two methods the references use written down. */
function counted(store: PersonalChats): { chats: PersonalChats; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    chats: {
      saveConversation: (conversation) => {
        calls.push('save');
        return store.saveConversation(conversation);
      },
      getConversation: (tenantId, userId) => {
        calls.push('read');
        return store.getConversation(tenantId, userId);
      },
    },
  };
}

/** An activity from the teacher's personal chat; another chat id or language when given. */
function fromChat(chat = `a:personal-${teacher.teamsId}`, locale = 'nl-NL'): Record<string, unknown> {
  const activity = message(teacher, 'https://smba.trafficmanager.net/emea/', 'hallo', locale);
  return { ...activity, conversation: { ...(activity.conversation as object), id: chat } };
}

describe('remembering where to reach a person', () => {
  let store: SqliteStore;
  beforeEach(() => {
    store = SqliteStore.open(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('reads and writes nothing for a turn of someone this instance has just found saved', async () => {
    const { chats, calls } = counted(store);
    const references = new ConversationReferences(chats);
    expect(await references.remember(fromChat(), ACTOR, MONDAY)).toBe('new');
    expect(calls).toEqual(['read', 'save']);

    calls.length = 0;
    const minutes = (n: number): Date => new Date(MONDAY.getTime() + n * 60_000);
    expect(await references.remember(fromChat(), ACTOR, minutes(1))).toBe('known');
    expect(await references.remember(fromChat(), ACTOR, minutes(4))).toBe('known');
    expect(calls).toEqual([]);
    // After a few minutes it checks the store once more (another instance may have saved another
    // chat), and then trusts that again.
    expect(await references.remember(fromChat(), ACTOR, later(23))).toBe('known');
    expect(await references.remember(fromChat(), ACTOR, later(23))).toBe('known');
    expect(calls).toEqual(['read']);
  });

  it('saves again, and says new, for another chat or language, and once a day for the same one', async () => {
    const { chats, calls } = counted(store);
    const references = new ConversationReferences(chats);
    await references.remember(fromChat(), ACTOR, MONDAY);

    calls.length = 0;
    expect(await references.remember(fromChat(undefined, 'en-US'), ACTOR, later(1))).toBe('new');
    expect(calls).toEqual(['read', 'save']);
    expect((await store.getConversation(TENANT, ACTOR.id))?.reference['locale']).toBe('en-US');

    calls.length = 0;
    expect(await references.remember(fromChat(undefined, 'en-US'), ACTOR, later(26))).toBe('new');
    expect(calls).toEqual(['read', 'save']);
  });

  it('keeps the language saved when an activity brings none (the Playground installs without one)', async () => {
    const { chats, calls } = counted(store);
    const references = new ConversationReferences(chats);
    const withoutLanguage = (chat?: string): Record<string, unknown> => {
      const { locale: _none, ...activity } = fromChat(chat);
      return activity;
    };
    const stored = async (): Promise<unknown> =>
      (await store.getConversation(TENANT, ACTOR.id))?.reference['locale'];
    await references.remember(fromChat(undefined, 'en-US'), ACTOR, MONDAY);

    calls.length = 0;
    const aMinuteLater = new Date(MONDAY.getTime() + 60_000);
    expect(await references.remember(withoutLanguage(), ACTOR, aMinuteLater)).toBe('known');
    expect(calls).toEqual([]);
    expect(await stored()).toBe('en-US');
    // Also in another instance, which has to read the store first, and in a new chat (reinstalled).
    const other = new ConversationReferences(store);
    expect(await other.remember(withoutLanguage(), ACTOR, later(2))).toBe('known');
    expect(await other.remember(withoutLanguage('a:personal-new'), ACTOR, later(3))).toBe('new');
    expect(await stored()).toBe('en-US');
    expect((await store.getConversation(TENANT, ACTOR.id))?.reference['conversation']).toMatchObject({
      id: 'a:personal-new',
    });
  });

  it('says the bot does not know the language yet at a first contact without one, and new at the next', async () => {
    const references = new ConversationReferences(store);
    const { locale: _none, ...firstInstall } = fromChat();
    expect(await references.remember(firstInstall, ACTOR, MONDAY)).toBe('newWithoutLanguage');
    const aMinuteLater = new Date(MONDAY.getTime() + 60_000);
    expect(await references.remember(fromChat(undefined, 'en-US'), ACTOR, aMinuteLater)).toBe('new');
  });

  it('keeps the language when an activity without one and a message with one arrive together', async () => {
    const references = new ConversationReferences(store);
    const { locale: _none, ...install } = fromChat();
    // Both find nothing saved; the message's language must survive the install event's save.
    const outcomes = await Promise.all([
      references.remember(fromChat(undefined, 'en-US'), ACTOR, MONDAY),
      references.remember(install, ACTOR, MONDAY),
    ]);
    expect(outcomes).toEqual(['new', 'known']);
    expect((await store.getConversation(TENANT, ACTOR.id))?.reference['locale']).toBe('en-US');
  });

  it('a chat another instance saved costs this one a single read, and is then known', async () => {
    const first = counted(store);
    const second = counted(store);
    const one = new ConversationReferences(first.chats);
    const other = new ConversationReferences(second.chats);
    await one.remember(fromChat(), ACTOR, MONDAY);

    // The teacher reinstalled the app: a new chat, seen first by the other instance.
    expect(await other.remember(fromChat('a:personal-new'), ACTOR, later(1))).toBe('new');
    first.calls.length = 0;
    // The next turn lands on the first instance: its memory says the old chat, so it asks the store,
    // finds the new chat saved, and writes nothing.
    const soon = new Date(later(2).getTime() + 60_000);
    expect(await one.remember(fromChat('a:personal-new'), ACTOR, later(2))).toBe('known');
    expect(first.calls).toEqual(['read']);
    first.calls.length = 0;
    expect(await one.remember(fromChat('a:personal-new'), ACTOR, soon)).toBe('known');
    expect(first.calls).toEqual([]);
  });

  it('a language saved by another instance is set right by this one within minutes, not a day', async () => {
    const one = new ConversationReferences(store);
    const other = new ConversationReferences(store);
    const minutes = (n: number): Date => new Date(MONDAY.getTime() + n * 60_000);
    // Dutch on the desktop (this instance), English on the phone (the other), Dutch again.
    await one.remember(fromChat(), ACTOR, minutes(0));
    expect(await other.remember(fromChat(undefined, 'en-US'), ACTOR, minutes(1))).toBe('new');
    await one.remember(fromChat(), ACTOR, minutes(2));
    // Within the few minutes this instance trusts what it found, the store may still say English …
    const stored = async (): Promise<unknown> =>
      (await store.getConversation(TENANT, ACTOR.id))?.reference['locale'];
    expect(await stored()).toBe('en-US');
    // … and at the next Dutch turn after them, it asks the store again and saves Dutch.
    expect(await one.remember(fromChat(), ACTOR, minutes(7))).toBe('new');
    expect(await stored()).toBe('nl-NL');
  });

  it('keeps people apart by tenant: the same object id in another tenant is someone else', async () => {
    const { chats, calls } = counted(store);
    const references = new ConversationReferences(chats);
    await references.remember(fromChat(), ACTOR, MONDAY);
    calls.length = 0;
    const elsewhere = { ...ACTOR, tenantId: '99999999-9999-4999-8999-999999999999' };
    expect(await references.remember(fromChat(), elsewhere, later(1))).toBe('new');
    expect(calls).toEqual(['read', 'save']);
  });
});
