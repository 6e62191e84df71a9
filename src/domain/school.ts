// A school as the configuration describes it: who its zorgcoördinatoren are, who decides on
// reporting (the Besluit requires the meldcode to name one), and where its care team talks.

import type { ReminderSettings } from './reminders';
import type { RetentionSettings } from './retention';

export interface Person {
  /** Entra (Azure AD) object id: the same in every Teams activity (`from.aadObjectId`). */
  id: string;
  name: string;
}

export interface School {
  id: string;
  name: string;
  /** The Entra tenant the school's staff sign in to. */
  tenantId: string;
  coordinators: Person[];
  decisionMaker: Person;
  /** Teams channel id of the care team (zorgteam); posts there carry a dossier number only. */
  careTeamChannelId?: string | undefined;
  /**
   * Reminder periods, school hours, time zone and holidays; what is left out takes the defaults of
   * DEFAULT_REMINDER_SETTINGS (reminders.ts). Parse with reminderSettingsSchema.
   */
  reminders?: Partial<ReminderSettings> | undefined;
  /** How long closed dossiers are kept (the privacy officer's decision); absent: kept. */
  retention?: RetentionSettings | undefined;
}

/** Is this person one of the school's zorgcoördinatoren? The one check of it, wherever it is asked. */
export function isCoordinatorOf(school: Pick<School, 'coordinators'>, personId: string): boolean {
  return school.coordinators.some((coordinator) => coordinator.id === personId);
}
