// Teams-shaped activities for the end-to-end tests: what Teams posts to /api/messages.

import { randomUUID } from 'node:crypto';

export const TENANT = '11111111-1111-4111-8111-111111111111';
export const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';

export interface TestUser {
  teamsId: string;
  aadObjectId: string;
  name: string;
  tenantId: string;
}

export const teacher: TestUser = {
  teamsId: '29:teacher',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001',
  name: 'Sanne de Vries',
  tenantId: TENANT,
};
export const coordinator: TestUser = {
  teamsId: '29:coordinator',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000002',
  name: 'Fatima El Amrani',
  tenantId: TENANT,
};
export const decisionMaker: TestUser = {
  teamsId: '29:decision-maker',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000003',
  name: 'Joost Visser',
  tenantId: TENANT,
};
export const colleague: TestUser = {
  teamsId: '29:colleague',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000004',
  name: 'Pieter Jansen',
  tenantId: TENANT,
};

/** A teacher a dossier is handed over to (the pupil changes group, a teacher leaves). */
export const newTeacher: TestUser = {
  teamsId: '29:new-teacher',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000009',
  name: 'Ilse de Wit',
  tenantId: TENANT,
};

export const SCHOOL = {
  id: 'de-linde',
  name: 'OBS De Linde',
  tenantId: TENANT,
  coordinators: [{ id: coordinator.aadObjectId, name: coordinator.name }],
  decisionMaker: { id: decisionMaker.aadObjectId, name: decisionMaker.name },
};

/** A second school in a tenant of its own, which the bot serves too (when started with both). */
export const OTHER_SCHOOL = {
  id: 'het-kompas',
  name: 'CBS Het Kompas',
  tenantId: '22222222-2222-4222-8222-222222222222',
  coordinators: [{ id: 'bbbbbbbb-0000-4000-8000-000000000002', name: 'Iemand Anders' }],
  decisionMaker: { id: 'bbbbbbbb-0000-4000-8000-000000000003', name: 'Nog Iemand' },
};

function base(user: TestUser, serviceUrl: string, locale: string): Record<string, unknown> {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale,
    from: { id: user.teamsId, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: '28:bot', name: 'Meldcode' },
    conversation: { id: `a:personal-${user.teamsId}`, conversationType: 'personal', tenantId: user.tenantId },
    channelData: { tenant: { id: user.tenantId } },
  };
}

export function message(
  user: TestUser,
  serviceUrl: string,
  text: string,
  locale = 'nl-NL',
): Record<string, unknown> {
  return { ...base(user, serviceUrl, locale), type: 'message', text };
}

export function invoke(
  user: TestUser,
  serviceUrl: string,
  verb: string,
  data: Record<string, unknown>,
  locale = 'nl-NL',
): Record<string, unknown> {
  return {
    ...base(user, serviceUrl, locale),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export function installation(user: TestUser, serviceUrl: string, locale = 'nl-NL'): Record<string, unknown> {
  return { ...base(user, serviceUrl, locale), type: 'installationUpdate', action: 'add' };
}
