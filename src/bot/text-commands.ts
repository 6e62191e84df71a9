// Typed commands in the personal chat (the app's command list): Dutch and English words lead to
// the same cards as the buttons. Anything else — a greeting, a question — gets the home card.

import type { CardJson } from '../cards/render';
import type { Turn, Actor } from './turn';

export interface TextCommandHandlers {
  home(turn: Turn & { actor: Actor }, now: Date): Promise<CardJson>;
  newDossier(turn: Turn & { actor: Actor }, now: Date): Promise<CardJson>;
  myDossiers(turn: Turn & { actor: Actor }, now: Date): Promise<CardJson>;
  myConsultations(turn: Turn & { actor: Actor }, now: Date): Promise<CardJson>;
  settings(turn: Turn & { actor: Actor }, now: Date): Promise<CardJson>;
  figures(turn: Turn & { actor: Actor }, now: Date): Promise<CardJson>;
}

const WORDS: Record<keyof TextCommandHandlers, readonly string[]> = {
  newDossier: ['nieuw', 'nieuw dossier', 'new', 'new dossier'],
  myDossiers: ['mijn dossiers', 'dossiers', 'my dossiers'],
  myConsultations: ['mijn consultaties', 'consultaties', 'my consultations', 'consultations'],
  settings: ['instellingen', 'settings'],
  figures: ['cijfers', 'meldcodecijfers', 'jaarcijfers', 'figures', 'meldcode figures'],
  home: ['help', 'hallo', 'hoi', 'hello', 'hi', 'start', 'menu'],
};

/** Teams puts "<at>Bot</at>" mentions and stray spaces in the text; compare the bare words. */
export function normalise(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export class TextCommands {
  constructor(private readonly handlers: TextCommandHandlers) {}

  home(turn: Turn & { actor: Actor }, now: Date): Promise<CardJson> {
    return this.handlers.home(turn, now);
  }

  handle(turn: Turn & { actor: Actor }, text: string, now: Date): Promise<CardJson> {
    const words = normalise(text);
    for (const [command, synonyms] of Object.entries(WORDS) as [
      keyof TextCommandHandlers,
      readonly string[],
    ][]) {
      if (synonyms.includes(words)) return this.handlers[command](turn, now);
    }
    return this.handlers.home(turn, now);
  }
}
