// Labels of the signalenkaart (signal list) in both languages; the ids live in the domain.

import nl from './signalenkaart.nl.json';
import en from './signalenkaart.en.json';
import { languageIn, type Language, type Voice } from './index';

interface SignalLabels {
  groups: Record<string, string>;
  signals: Record<string, string>;
}

const labels: Record<Language, SignalLabels> = { nl, en };

/** The label of a category or form section; the id itself if none exists (a test prevents that). */
export function groupLabel(voice: Voice, id: string): string {
  return labels[languageIn(voice)].groups[id] ?? id;
}

export function signalLabel(voice: Voice, id: string): string {
  return labels[languageIn(voice)].signals[id] ?? id;
}
