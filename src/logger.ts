// Structured JSON logs. Only ids go in (activity, conversation, dossier number, verb, outcome):
// never pupil data and never text a user typed. Callers pass fields explicitly for that reason.

import pino from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'meldcode-bot' },
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
