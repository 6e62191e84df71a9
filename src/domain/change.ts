// A change of a dossier, as plain data: what a command (decide.ts), a reminder claim or delivery, or
// a snooze makes of a dossier. The app's one write path saves the dossier, its new entries and their
// effects together; nothing here runs anything.

import type { Dossier, LogEntry } from './dossier';
import type { Effect } from './effects';
import type { Refusal } from './refusal';

export type Change =
  | {
      ok: true;
      /** The dossier after the change (the same object when nothing changed). */
      dossier: Dossier;
      /** The entries the change appended, in order; each gets its audit event with the write. */
      entries: readonly LogEntry[];
      /** What must follow outside the dossier; the write path queues them in the dossier's outbox. */
      effects: readonly Effect[];
      /** The same card was recorded before (a double press, a retry): nothing is written again. */
      duplicate: boolean;
    }
  | { ok: false; refusal: Refusal };

/** No change: the dossier as it is (a duplicate when the change was made before). */
export function unchanged(dossier: Dossier, duplicate = false): Change {
  return { ok: true, dossier, entries: [], effects: [], duplicate };
}
