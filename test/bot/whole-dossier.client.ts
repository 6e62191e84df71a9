// A stand-in for the Teams client in the whole-dossier test: it reads the card the bot sent, finds
// the button a person would press, fills in the inputs that button sends, checks them the way the
// client does before sending (required, choices, bounds), and posts the invoke Teams would post:
// the button's own data (with its submissionId) merged with the input values.

import { cardOf, invokeCard, type Harness } from '../support/bot-harness';
import { invoke, message, type TestUser } from '../support/teams';

type Json = Record<string, unknown>;

/** Which button: its verb, and where a card has several with that verb, its title or data. */
export interface Button {
  verb: string;
  title?: string;
  data?: Json;
}

/** What the person types or picks: text, a choice, several choices, a toggle. */
export type Typed = Record<string, string | boolean | readonly string[]>;

interface Found {
  action: Json;
  /** The inputs this button sends: those of its own card and of every card around it. */
  inputs: Json[];
}

/** Every Action.Execute on a card with the inputs it would send, as the Adaptive Cards renderer gathers them. */
export function buttonsOf(card: Json): Found[] {
  const found: Found[] = [];
  const visit = (adaptiveCard: Json, outer: Json[]): void => {
    const own: Json[] = [];
    const actions: Json[] = [];
    const nested: Json[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const record = node as Json;
        if (record.type === 'Action.ShowCard' && record.card) {
          nested.push(record.card as Json);
          return;
        }
        if (typeof record.type === 'string' && record.type.startsWith('Input.')) own.push(record);
        if (record.type === 'Action.Execute') actions.push(record);
        Object.values(record).forEach(walk);
      }
    };
    walk(adaptiveCard.body);
    walk(adaptiveCard.actions);
    const inScope = [...outer, ...own];
    for (const action of actions)
      found.push({ action, inputs: action.associatedInputs === 'none' ? [] : inScope });
    for (const inner of nested) visit(inner, inScope);
  };
  visit(card, []);
  return found;
}

const matches = (data: Json, wanted: Json | undefined): boolean =>
  !wanted || Object.entries(wanted).every(([key, value]) => String(data[key]) === String(value));

function describe(found: Found[]): string {
  return found
    .map((f) => `${String(f.action.verb)} "${String(f.action.title)}" ${JSON.stringify(f.action.data)}`)
    .join('\n');
}

/** The one button on the card that fits; throws (naming what is there) when none or several fit. */
export function buttonOn(card: Json, button: Button): Found {
  const all = buttonsOf(card);
  const fitting = all.filter(
    (f) =>
      f.action.verb === button.verb &&
      (button.title === undefined || f.action.title === button.title) &&
      matches((f.action.data ?? {}) as Json, button.data),
  );
  if (fitting.length !== 1)
    throw new Error(
      `Expected one button ${JSON.stringify(button)} on the card, found ${fitting.length}. The card has:\n${describe(all)}`,
    );
  return fitting[0] as Found;
}

/** What an input holds before the person touches it (the card's own value), as the client would send it. */
function initialValue(input: Json): string | undefined {
  if (input.type === 'Input.Toggle') {
    const on = (input.valueOn as string | undefined) ?? 'true';
    const off = (input.valueOff as string | undefined) ?? 'false';
    return input.value === on ? on : off;
  }
  const value = input.value;
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function typedValue(input: Json, typed: string | boolean | readonly string[]): string {
  if (input.type === 'Input.Toggle') {
    if (typeof typed !== 'boolean') throw new Error(`The toggle ${String(input.id)} takes true or false`);
    return typed
      ? ((input.valueOn as string | undefined) ?? 'true')
      : ((input.valueOff as string | undefined) ?? 'false');
  }
  if (Array.isArray(typed)) {
    if (input.type !== 'Input.ChoiceSet' || input.isMultiSelect !== true)
      throw new Error(`${String(input.id)} is no multi-select`);
    return typed.join(',');
  }
  return String(typed);
}

/** The checks the client makes before it sends anything; a card a person cannot send fails here. */
function validate(input: Json, value: string | undefined): void {
  const id = String(input.id);
  const caption = [input.label, input.title].find((c): c is string => typeof c === 'string') ?? '';
  const label = `${id} (${caption})`;
  if (value === undefined) {
    if (input.isRequired === true) throw new Error(`Teams would not send this: ${label} is required`);
    return;
  }
  if (typeof input.maxLength === 'number' && value.length > input.maxLength)
    throw new Error(`Teams would not let you type ${value.length} characters in ${label}`);
  if (input.type === 'Input.ChoiceSet') {
    const choices = ((input.choices ?? []) as Json[]).map((c) => String(c.value));
    const picked = input.isMultiSelect === true ? value.split(',') : [value];
    for (const choice of picked)
      if (!choices.includes(choice))
        throw new Error(`${label} offers no choice ${choice}; it offers ${choices.join(', ')}`);
  }
  if (input.type === 'Input.Date') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new Error(`${label} is no date: ${value}`);
    if (typeof input.min === 'string' && input.min !== '' && value < input.min)
      throw new Error(`The date picker of ${label} starts at ${input.min}, not ${value}`);
    if (typeof input.max === 'string' && input.max !== '' && value > input.max)
      throw new Error(`The date picker of ${label} ends at ${input.max}, not ${value}`);
  }
  if (input.type === 'Input.Number') {
    const n = Number(value);
    if (Number.isNaN(n)) throw new Error(`${label} is no number: ${value}`);
    if (typeof input.min === 'number' && n < input.min) throw new Error(`${label} is below ${input.min}`);
    if (typeof input.max === 'number' && n > input.max) throw new Error(`${label} is above ${input.max}`);
  }
}

/** The action data Teams sends for this button with these inputs typed. */
export function submission(card: Json, button: Button, typed: Typed = {}): Json {
  const { action, inputs } = buttonOn(card, button);
  const byId = new Map(inputs.map((input) => [String(input.id), input]));
  for (const id of Object.keys(typed))
    if (!byId.has(id))
      throw new Error(
        `The button ${button.verb} sends no input ${id}; it sends ${[...byId.keys()].join(', ') || 'none'}`,
      );
  const values: Json = {};
  for (const [id, input] of byId) {
    const entered = typed[id];
    const value = entered === undefined ? initialValue(input) : typedValue(input, entered);
    validate(input, value === '' ? undefined : value);
    if (value !== undefined && value !== '') values[id] = value;
  }
  return { ...((action.data ?? {}) as Json), ...values };
}

/** A person in their personal chat with the bot, on a Teams client in one locale. */
export class TeamsClient {
  constructor(
    private readonly h: Harness,
    readonly user: TestUser,
    readonly locale: string,
  ) {}

  /** Type a message; the card the bot answered with in this chat. */
  async say(text: string): Promise<Json> {
    const before = this.h.connector.activities().length;
    const response = await this.h.post(message(this.user, this.h.connector.url, text, this.locale));
    if (response.status !== 200) throw new Error(`The bot answered ${response.status}`);
    const chat = `a:personal-${this.user.teamsId}`;
    const replies = this.h.connector
      .activities()
      .slice(before)
      .filter((a) => (a.conversation as Json | undefined)?.id === chat);
    if (replies.length !== 1) throw new Error(`Expected one reply in the chat, got ${replies.length}`);
    return cardOf(replies[0]);
  }

  /** Press a button on a card, with what was typed in its inputs; the card the bot answered with. */
  async press(card: Json, button: Button, typed: Typed = {}): Promise<Json> {
    const data = submission(card, button, typed);
    const response = await this.h.post(
      invoke(this.user, this.h.connector.url, button.verb, data, this.locale),
    );
    if (response.status !== 200) throw new Error(`The bot answered ${response.status} to ${button.verb}`);
    return invokeCard(response.body);
  }
}
