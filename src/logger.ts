// Structured JSON logs. Only ids go in (activity, conversation, dossier number, verb, outcome):
// never pupil data and never text a user typed. Callers pass fields explicitly for that reason.

import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

export type Logger = pino.Logger;

/** Correlation ids of the turn being handled; every log line written during the turn carries them. */
export interface Correlation {
  activityId?: string | undefined;
  conversationId?: string | undefined;
  dossierNumber?: string | undefined;
}

/**
 * Carries the correlation ids through everything one turn awaits, without passing a logger down
 * every call. Built in compose.ts, one per process.
 */
export class LogContext {
  private readonly storage = new AsyncLocalStorage<Correlation>();

  run<T>(correlation: Correlation, work: () => Promise<T>): Promise<T> {
    return this.storage.run({ ...correlation }, work);
  }

  /** Add an id learnt during the turn (e.g. the dossier number once the dossier is loaded). */
  note(correlation: Correlation): void {
    const current = this.storage.getStore();
    if (current) Object.assign(current, correlation);
  }

  current(): Correlation {
    return this.storage.getStore() ?? {};
  }
}

export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  context?: LogContext,
): Logger {
  return pino(
    {
      level,
      base: { service: 'meldcode-bot' },
      ...(context ? { mixin: () => ({ ...context.current() }) } : {}),
      // Belt and braces: if a whole activity or card payload is ever passed by mistake, its text
      // fields are not written out.
      redact: {
        paths: ['text', 'value', 'data', 'activity.text', 'activity.value', '*.text', '*.value', '*.data'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
