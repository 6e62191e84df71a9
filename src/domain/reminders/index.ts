// Reminders: which reminder each dossier owes whom, and when. People forget; the bot must not.
//
// The rules (every period configurable per school, in working days):
//   stalledStep              no activity on an open dossier for N working days → the owner, with the
//                            step to open (the first step not yet done); repeats every N working days
//                            while nothing happens, and rests while another reminder is still pending
//                            (a help plan's follow-up date, a report awaiting feedback, a consultation).
//   consultationNotAccepted  a consultation requested and not accepted (nor declined or answered)
//                            within N working days → the zorgcoördinator asked; after a further
//                            period → consultationEscalation to the beslisser.
//   helpFollowUp             the follow-up date of a help plan → the owner and the zorgcoördinator(s),
//                            to answer afwegingsvraag 5.
//   reportFeedback           a report made → after five full working days, the owner, to record Veilig
//                            Thuis's feedback.
//   weekly overview          per school, for each zorgcoördinator: the open dossiers (numbers, steps,
//                            waiting times; no pupil data).
// Reminders go out in working time only (working-time.ts); a recipient can snooze one for a day or
// a week; a closed dossier gets none.
//
// Everything is derived from the dossier's log plus its `reminderDelivery` bookkeeping, so that the
// app can recompute `nextReminderAt` after any change with scheduleOf(), and the scheduler can find,
// claim, send and record reminders without keeping any state of its own. Pure: the clock is passed in.
//
// Keys: each reminder to each recipient has a key that is stable across retries and crashes,
// `<dossier id>:<kind>:<seq of the entry that triggered it>:<recipient id>` (a snoozed reminder's
// repeat adds `:snooze-<seq of the snooze>`). A key is recorded once in the log (`reminderSent`) and
//
// The files: settings.ts (periods per school), entries.ts (kinds and log data), schedule.ts (the
// rules and nextReminderAt), delivery.ts (claim and record), snooze.ts, weekly-overview.ts.

export * from './settings';
export * from './entries';
export * from './schedule';
export * from './delivery';
export * from './snooze';
export * from './weekly-overview';
