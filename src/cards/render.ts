// Expands the JSON templates in cards/ with adaptivecards-templating. Templates hold no logic and
// no text: view models (views.ts) give them flat data and the messages of the user's language.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { section, type Language } from '../i18n';

export type CardJson = Record<string, unknown> & { type: 'AdaptiveCard'; body: unknown[] };

/** Every card stays under this size: the smallest limit among Teams' posting paths. */
export const CARD_SIZE_BUDGET_BYTES = 28 * 1024;

export class UnboundTemplateFieldError extends Error {
  constructor(card: string, fragment: string) {
    super(
      `Card "${card}" still contains "${fragment}" after expansion: its view model lacks that field. ` +
        'Add the field to the view model (src/cards/views.ts) or the message to src/i18n/*.json.',
    );
    this.name = 'UnboundTemplateFieldError';
  }
}

/** Find the folder with the card templates, from src/cards (ts-jest) or dist/src/cards (build). */
export function findCardsDirectory(from: string = __dirname): string {
  let dir = from;
  for (;;) {
    const candidate = path.join(dir, 'cards', 'welcome.json');
    if (existsSync(candidate)) return path.dirname(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No cards/ folder with welcome.json above ${from}.`);
    dir = parent;
  }
}

export class CardRenderer {
  private constructor(private readonly templates: ReadonlyMap<string, unknown>) {}

  /** Read every template once at start-up. */
  static fromDirectory(directory: string = findCardsDirectory()): CardRenderer {
    const templates = new Map<string, unknown>();
    for (const file of readdirSync(directory)) {
      if (!file.endsWith('.json')) continue;
      templates.set(
        file.replace(/\.json$/, ''),
        JSON.parse(readFileSync(path.join(directory, file), 'utf8')),
      );
    }
    return new CardRenderer(templates);
  }

  get names(): string[] {
    return [...this.templates.keys()];
  }

  /** The raw template, for the tests that read every verb a card uses. */
  template(name: string): unknown {
    const template = this.templates.get(name);
    if (template === undefined) throw new Error(`No card template cards/${name}.json.`);
    return template;
  }

  /**
   * Expand a template and add the acute-danger block that every card must carry.
   * Throws when any `${…}` stays unbound: the templating library would leave it silently.
   */
  render(name: string, data: Record<string, unknown>, language: Language): CardJson {
    const card = this.expand(name, data) as CardJson;
    const acute = this.expand('acute-danger', section(language, 'acute'));
    return { ...card, body: [...card.body, acute] };
  }

  private expand(name: string, data: Record<string, unknown>): unknown {
    const source = this.template(name);
    const expanded: unknown = new ACData.Template(source).expand({ $root: data });
    // Only a binding of the template itself counts as unbound: text a user typed may contain "${".
    const templateText = JSON.stringify(source);
    for (const match of JSON.stringify(expanded).matchAll(/\$\{[^}]*\}/g)) {
      if (templateText.includes(match[0])) throw new UnboundTemplateFieldError(name, match[0]);
    }
    return expanded;
  }
}
