// Closing a dossier: does the closing reason fit what the dossier holds? A reason that does not fit
// is not forbidden (the people decide, the bot guides) but needs a written reason to override, and
// the close card shows the warning before anyone submits.

import { afwegingskaderState } from './afwegingskader';
import type { ClosureReason, Dossier } from './dossier';
import { entriesOf } from './log';

/** Why a closing reason does not fit the dossier, as a code the close card translates. */
export type ClosingWarning =
  /** "Unfounded", while the afwegingskader led to reporting or help, or a report is on record. */
  | 'unfoundedAfterReportOrHelp'
  /** "Reported and handed over", with no report recorded. */
  | 'reportedWithoutReport'
  /** "Help organised", with no help plan recorded. */
  | 'helpWithoutPlan';

/** The warnings for closing this dossier with this reason (empty: the reason fits). */
export function closingWarnings(dossier: Dossier, reason: ClosureReason): ClosingWarning[] {
  const outcome = afwegingskaderState(dossier).outcome;
  const reported = entriesOf(dossier, 'reportRecorded').length > 0;
  const helped = entriesOf(dossier, 'helpPlanRecorded').length > 0;
  switch (reason) {
    case 'ongegrond':
      return reported || outcome === 'melden' || outcome === 'hulp' ? ['unfoundedAfterReportOrHelp'] : [];
    case 'gemeld-overgedragen':
      return reported ? [] : ['reportedWithoutReport'];
    case 'hulp-georganiseerd':
      return helped ? [] : ['helpWithoutPlan'];
    case 'leerling-vertrokken':
      return [];
  }
}
