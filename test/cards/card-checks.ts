// Mechanical checks on card JSON: what the real Adaptive Cards library says about a card, which verbs
// and inputs it holds, and how many bytes it weighs.

import * as AC from 'adaptivecards';

/** Every warning and error the real Adaptive Cards library reports while parsing and validating. */
export function adaptiveCardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of card.validateProperties().validationEvents) {
    problems.push(`${AC.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}

type Node = Record<string, unknown>;

/** Visit every object in a JSON tree, depth first. */
function visit(json: unknown, see: (node: Node) => void): void {
  if (Array.isArray(json)) json.forEach((item) => visit(item, see));
  else if (json !== null && typeof json === 'object') {
    see(json as Node);
    Object.values(json).forEach((value) => visit(value, see));
  }
}

/**
 * The verb of every Action.Execute: in the body and actions, inside Action.ShowCard cards, in
 * selectActions and in refresh.action — wherever it stands in the tree.
 */
export function verbsIn(json: unknown): string[] {
  const verbs: string[] = [];
  visit(json, (node) => {
    if (node['type'] === 'Action.Execute') verbs.push(typeof node['verb'] === 'string' ? node['verb'] : '');
  });
  return verbs;
}

/** Every `${…}` binding left in a card (the templating library leaves unbound ones silently). */
export function bindingsIn(json: unknown): string[] {
  return JSON.stringify(json).match(/\$\{[^}]*\}/g) ?? [];
}

export const isBinding = (text: string): boolean => text.includes('${');

/** The size Teams counts: the UTF-8 bytes of the card as JSON. */
export function bytes(json: unknown): number {
  return Buffer.byteLength(JSON.stringify(json), 'utf8');
}

export interface CardInput {
  id: string;
  type: string;
  maxLength: number | undefined;
  /** The values a choice set offers. */
  choices: string[];
}

function inputOf(node: Node): CardInput | undefined {
  if (
    typeof node['type'] !== 'string' ||
    !node['type'].startsWith('Input.') ||
    typeof node['id'] !== 'string'
  )
    return undefined;
  const choices = Array.isArray(node['choices'])
    ? (node['choices'] as Node[]).map((c) => String(c['value']))
    : [];
  const maxLength = typeof node['maxLength'] === 'number' ? node['maxLength'] : undefined;
  return { id: node['id'], type: node['type'], maxLength, choices };
}

/**
 * The inputs one press of a button can send back: those of the card itself, plus those of one
 * Action.ShowCard (an action inside a shown card sends its own inputs and its parents').
 */
export function submissions(card: unknown): CardInput[][] {
  const own: CardInput[] = [];
  const shown: CardInput[][] = [];
  const collect = (json: unknown, into: CardInput[]): void => {
    if (Array.isArray(json)) json.forEach((item) => collect(item, into));
    else if (json !== null && typeof json === 'object') {
      const node = json as Node;
      const input = inputOf(node);
      if (input) into.push(input);
      for (const [key, value] of Object.entries(node)) {
        if (key === 'card' && node['type'] === 'Action.ShowCard') {
          const inner: CardInput[] = [];
          shown.push(inner);
          collect(value, inner);
        } else collect(value, into);
      }
    }
  };
  collect(card, own);
  return [own, ...shown.filter((inputs) => inputs.length > 0).map((inputs) => [...own, ...inputs])];
}
