// A school as the configuration describes it: who its zorgcoördinatoren are, who decides on
// reporting (the Besluit requires the meldcode to name one), and where its care team talks.

import type { ReminderSettings } from './reminders';
import type { RetentionSettings } from './retention';
import type { WorkingCalendar } from './working-time';

/** The names Dutch schools give the person who guides staff through the meldcode. */
export const ROLE_NAMES = ['intern-begeleider', 'zorgcoordinator', 'aandachtsfunctionaris'] as const;
export type RoleName = (typeof ROLE_NAMES)[number];

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
  /**
   * Confirms the decision instead of the beslisser when the beslisser took it (owns the dossier or
   * answered the afwegingskader): nobody confirms their own decision. Absent: such a decision stays
   * unconfirmed, and the cards say so.
   */
  deputyDecisionMaker?: Person | undefined;
  /**
   * What the school calls the person who guides staff through the meldcode: primary schools say
   * intern begeleider (IB'er), secondary schools zorgcoördinator, many name an aandachtsfunctionaris.
   * Every text that names the role uses this word. Absent: zorgcoördinator.
   */
  roleName?: RoleName | undefined;
  /**
   * The school's aandachtsfunctionaris, when it names one apart from the zorgcoördinatoren: reads
   * every dossier of the school and may add notes (access.ts, decide.ts). Absent: nobody has that role.
   */
  aandachtsfunctionaris?: Person | undefined;
  /** Teams channel id of the care team (zorgteam); posts there carry a dossier number only. */
  careTeamChannelId?: string | undefined;
  /**
   * Reminder periods, school hours, time zone and holidays; what is left out takes the defaults of
   * DEFAULT_REMINDER_SETTINGS (reminders.ts). Parse with reminderSettingsSchema.
   */
  reminders?: Partial<ReminderSettings> | undefined;
  /**
   * The working calendar of `reminders`, made once with the school (withWorkingCalendar in
   * reminders/settings.ts; the configuration does it), with the settings object it was made from.
   * Not enumerable: copies and JSON leave it out. Read it through workingCalendarOf, which makes one
   * when it is absent or was made from other settings.
   */
  workingCalendar?: { readonly from: School['reminders']; readonly calendar: WorkingCalendar } | undefined;
  /** How long closed dossiers are kept (the privacy officer's decision); absent: kept. */
  retention?: RetentionSettings | undefined;
}

/** Is this person one of the school's zorgcoördinatoren? The one check of it, wherever it is asked. */
export function isCoordinatorOf(
  school: { coordinators: readonly { id: string }[] },
  personId: string,
): boolean {
  return school.coordinators.some((coordinator) => coordinator.id === personId);
}

/** The name of one of the school's zorgcoördinatoren, as the settings give it; none for anyone else. */
export function coordinatorNameOf(
  school: { coordinators: readonly { id: string; name: string }[] },
  personId: string | undefined,
): string | undefined {
  return school.coordinators.find((coordinator) => coordinator.id === personId)?.name;
}
