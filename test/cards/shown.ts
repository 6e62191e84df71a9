// What a screen can put in front of a user: the card as it opens and, for a form, the card that comes
// back refused with every field at its maximum and the values kept.

import type { CardJson, CardRenderer } from '../../src/cards/render';
import { emptyForm, refusalMessage, type FormState } from '../../src/cards/views';
import { REFUSAL_CODES, STEPS_BEFORE_DECISION, TEXT_MAX_LENGTH } from '../../src/domain';
import { messages, type Language } from '../../src/i18n';
import { submissions, type CardInput } from './card-checks';
import { TODAY, heavy } from './dossiers';
import type { Screen } from './screens';

export interface Shown {
  /** How the card came about, for a failure message: "as it opens", "refused …". */
  how: string;
  card: CardJson;
}

/** The longest message a refusal puts at a field, in this language. */
export function longestRefusal(language: Language): string {
  const worded = REFUSAL_CODES.filter((code) => `refusal.${code}` in messages(language));
  return worded
    .map((code) => refusalMessage(language, { code, missing: [...STEPS_BEFORE_DECISION] }))
    .reduce((longest, message) => (message.length > longest.length ? message : longest), '');
}

/** The most a user can put into an input: up to its maxLength (else the longest text a command takes). */
function mostOf(input: CardInput): string {
  switch (input.type) {
    case 'Input.Text':
      return heavy(input.maxLength ?? TEXT_MAX_LENGTH);
    case 'Input.Date':
      return TODAY;
    case 'Input.Time':
      return '23:59';
    case 'Input.Toggle':
      return 'true';
    case 'Input.Number':
      return '9999';
    default:
      // A choice set: every choice it offers (a multi-select sends "a,b,c").
      return input.choices.join(',');
  }
}

/**
 * A form refused with every field at its maximum, the values kept: one state per set of inputs a
 * single button press sends back, every input filled to the brim and named in the longest refusal.
 */
export function refusedStates(opened: CardJson, language: Language): FormState[] {
  const message = longestRefusal(language);
  return submissions(opened).map((inputs) => ({
    values: Object.fromEntries(inputs.map((input) => [input.id, mostOf(input)])),
    errors: Object.fromEntries(inputs.map((input) => [input.id, message])),
  }));
}

/** Renders screens through the real CardRenderer, each card once. */
export class ScreenCards {
  private readonly rendered = new Map<Screen, Map<string, Shown[]>>();

  constructor(private readonly cards: CardRenderer) {}

  render(screen: Screen, language: Language, state: FormState = emptyForm): CardJson {
    return this.cards.render(screen.template, screen.view(language, state), language);
  }

  /**
   * The cards a screen can show: as it opens and, for a form, every refused state. With `refused:
   * 'nl'` the refused ones are rendered in Dutch only (a refusal changes no part of a card by language).
   */
  of(screen: Screen, language: Language, refused: 'all' | 'nl' = 'all'): Shown[] {
    const key = `${language} ${refused}`;
    const cached = this.rendered.get(screen)?.get(key);
    if (cached) return cached;
    const opened = this.render(screen, language);
    const shown: Shown[] = [{ how: 'as it opens', card: opened }];
    if (screen.form && (refused === 'all' || language === 'nl')) {
      refusedStates(opened, language).forEach((state, i) =>
        shown.push({
          how: `refused with every field of submission ${i + 1} at its maximum`,
          card: this.render(screen, language, state),
        }),
      );
    }
    const byKey = this.rendered.get(screen) ?? new Map<string, Shown[]>();
    this.rendered.set(screen, byKey.set(key, shown));
    return shown;
  }
}
