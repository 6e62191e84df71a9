// Hand-built dossiers for the store contract: valid per the Dossier type, nothing derived.

import type { Dossier, LogEntry } from '../../src/domain/dossier';
import type { AuditEvent, SavedConversation } from '../../src/store/store';

export const SCHOOL = 'school-de-regenboog';
export const OTHER_SCHOOL = 'school-het-kompas';
export const TENANT = 'tenant-0001';
export const OTHER_TENANT = 'tenant-0002';
export const OWNER = 'user-juf-anna';
export const OTHER_OWNER = 'user-meester-bram';

let counter = 0;

/** A fresh id for each fixture, so tests never trip over each other's records. */
export function freshId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter.toString().padStart(4, '0')}`;
}

function openingEntry(at: string, authorId: string): LogEntry {
  return {
    seq: 1,
    at,
    authorId,
    authorName: 'Anna de Vries',
    role: 'eigenaar',
    kind: 'dossierOpened',
    // Nested objects and arrays, to show the store gives back exactly what it was given.
    data: {
      schoolId: SCHOOL,
      pupil: { reference: 'J.K.', group: 'groep 6', age: 9 },
      firstDescription: 'zorgen over blauwe plekken',
    },
  };
}

export function makeDossier(overrides: Partial<Dossier> = {}): Dossier {
  const id = overrides.id ?? freshId('dossier');
  const openedAt = overrides.openedAt ?? '2026-03-02T08:15:00.000Z';
  const ownerId = overrides.ownerId ?? OWNER;
  return {
    id,
    schoolId: SCHOOL,
    tenantId: TENANT,
    number: `MC-2026-${id.slice(-4)}`,
    pupil: { reference: 'J.K.', group: 'groep 6', age: { years: 9, recordedOn: '2026-03-02' } },
    ownerId,
    ownerName: 'Anna de Vries',
    coordinatorIds: ['user-zorgcoordinator-1'],
    status: 'open',
    openedAt,
    updatedAt: openedAt,
    nextReminderAt: null,
    log: [
      openingEntry(openedAt, ownerId),
      {
        seq: 2,
        at: '2026-03-02T08:20:00.000Z',
        authorId: ownerId,
        authorName: 'Anna de Vries',
        role: 'eigenaar',
        kind: 'signalRecorded',
        step: 'signalen',
        data: {
          categories: ['letsel-herkenbare-vorm'],
          specificForms: [],
          observedOn: '2026-03-02',
          place: 'klas',
          source: 'eigen-waarneming',
          description: 'Kwam met een blauwe plek op de arm.',
          pointsOtherWay: false,
        },
      },
    ],
    ...overrides,
  };
}

export function makeAuditEvent(dossierId: string, at: string, action = 'viewed'): AuditEvent {
  return { id: freshId('audit'), schoolId: SCHOOL, tenantId: TENANT, dossierId, actorId: OWNER, action, at };
}

export function makeConversation(
  userId: string,
  updatedAt: string,
  conversationId = 'a:1x2y3z',
): SavedConversation {
  return {
    userId,
    tenantId: TENANT,
    reference: {
      activityId: 'f:123',
      user: { id: '29:1abc', aadObjectId: userId },
      bot: { id: '28:bot', name: 'Meldcode' },
      conversation: { id: conversationId, conversationType: 'personal', tenantId: TENANT },
      channelId: 'msteams',
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    },
    updatedAt,
  };
}
