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

  it('reads and writes nothing for a turn of someone this instance already knows, within a day', async () => {
    const { chats, calls } = counted(store);
    const references = new ConversationReferences(chats);
    expect(await references.remember(fromChat(), ACTOR, MONDAY)).toBe('new');
    expect(calls).toEqual(['read', 'save']);

    calls.length = 0;
    expect(await references.remember(fromChat(), ACTOR, later(1))).toBe('known');
    expect(await references.remember(fromChat(), ACTOR, later(23))).toBe('known');
    expect(calls).toEqual([]);
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
    expect(await one.remember(fromChat('a:personal-new'), ACTOR, later(2))).toBe('known');
    expect(first.calls).toEqual(['read']);
    first.calls.length = 0;
    expect(await one.remember(fromChat('a:personal-new'), ACTOR, later(3))).toBe('known');
    expect(first.calls).toEqual([]);
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
