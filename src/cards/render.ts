// Expands the JSON templates in cards/ with adaptivecards-templating. Templates hold no logic and
// no text: view models (views/) give them flat data and the messages of the user's language.
//
// Cost: a template's `${…}` expressions are parsed when its `Template` is built, so every template is
// built once, when the renderer is made (at start-up, in the composition root), and only expanded per
// card. The acute-danger block that every card carries depends on the language alone: it is expanded
// once per language up front. Most of a card's bindings are its texts (`${t.title}`), the same on
// every card in one language and school word: when a view binds a section of the catalogue as `t`,
// those texts are written into a copy of the template, made the first time and kept per section, so
// that expanding a card evaluates only what differs from dossier to dossier.
//
// User text is data: the templating library never parses a bound value, but it leaves an unbound
// field as the literal text `${field}`, which is also what a person may type. So that the check for
// unbound fields sees only the template's own leftovers, every bound string that contains `${` is set
// aside before expansion (replaced by a placeholder no one can type) and put back afterwards.

import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CATALOGUES, isCatalogueSection, languageIn, section, type Language, type Voice } from '../i18n';

export type CardJson = Record<string, unknown> & { type: 'AdaptiveCard'; body: unknown[] };

/** Every card stays under this size: the smallest limit among Teams' posting paths. */
export const CARD_SIZE_BUDGET_BYTES = 28 * 1024;

export class UnboundTemplateFieldError extends Error {
  constructor(card: string, fragment: string) {
    super(
      `Card "${card}" still contains "${fragment}" after expansion: its view model lacks that field. ` +
        'Add the field to the view model (src/cards/views/) or the message to src/i18n/*.json.',
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

const BINDING_START = '${';
const LEFTOVER_BINDING = /\$\{[^}]*\}?/;

/** The first `${…}` left in an expanded card, read in place (a card is not serialised to look). */
function leftoverBinding(node: unknown): string | undefined {
  if (typeof node === 'string')
    return node.includes(BINDING_START) ? (LEFTOVER_BINDING.exec(node)?.[0] ?? BINDING_START) : undefined;
  if (node === null || typeof node !== 'object') return undefined;
  for (const child of Array.isArray(node) ? (node as unknown[]) : Object.values(node)) {
    const found = leftoverBinding(child);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Freeze a JSON tree all the way down: a block shared by every card can never be changed by one. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * The bound strings of one expansion that contain `${`, each replaced by a placeholder made of
 * private-use characters around a random key of this expansion: nobody can type one by chance or on
 * purpose, and it holds no `${`. Strings without `${` (nearly all) are left in place and not copied.
 */
class SetAsideText {
  private readonly texts: string[] = [];
  private readonly key = randomUUID();
  private readonly placeholder = new RegExp(`\uE000${this.key}:(\\d+)\uE001`, 'g');

  /** Whether any string in `data` holds `${`: looked at without copying anything. */
  static anyIn(data: unknown): boolean {
    if (typeof data === 'string') return data.includes(BINDING_START);
    if (data === null || typeof data !== 'object' || isCatalogueSection(data)) return false;
    if (Array.isArray(data)) {
      for (const item of data as unknown[]) if (SetAsideText.anyIn(item)) return true;
      return false;
    }
    for (const key in data) if (SetAsideText.anyIn((data as Record<string, unknown>)[key])) return true;
    return false;
  }

  /** `data` with every string holding `${` replaced; the same object when there is none. */
  hide(data: unknown): unknown {
    if (typeof data === 'string') {
      if (!data.includes(BINDING_START)) return data;
      this.texts.push(data);
      return `\uE000${this.key}:${this.texts.length - 1}\uE001`;
    }
    if (Array.isArray(data)) {
      let changed = false;
      const items = data.map((item: unknown) => {
        const hidden = this.hide(item);
        changed ||= hidden !== item;
        return hidden;
      });
      return changed ? items : data;
    }
    if (data !== null && typeof data === 'object') {
      let changed = false;
      const entries = Object.entries(data).map(([name, value]: [string, unknown]) => {
        const hidden = this.hide(value);
        changed ||= hidden !== value;
        return [name, hidden] as const;
      });
      return changed ? Object.fromEntries(entries) : data;
    }
    return data;
  }

  /** The expanded card with every placeholder replaced by the text it stands for. */
  restore(card: unknown): unknown {
    if (typeof card === 'string')
      return card.includes(this.key)
        ? card.replace(this.placeholder, (_whole, index: string) => this.texts[Number(index)] ?? '')
        : card;
    if (Array.isArray(card)) return card.map((item: unknown) => this.restore(item));
    if (card !== null && typeof card === 'object')
      return Object.fromEntries(
        Object.entries(card).map(([name, value]: [string, unknown]) => [name, this.restore(value)]),
      );
    return card;
  }
}

/** `${t.key}` or `${$root.t.key}`: a binding of one catalogue text, and nothing else. */
const TEXT_BINDING = /\$\{(\$root\.)?t\.([A-Za-z0-9_]+)\}/g;
/** What could change how the library reads a string that still holds other bindings. */
const NOT_PLAIN = /[`$\\{}]/;

/**
 * `template` with the texts of `texts` (a catalogue section bound as `t`) written in, where the
 * expansion would have put exactly that text: a `${t.key}` outside any `$data` scope (inside one, `t`
 * is the item's), and a `${$root.t.key}` anywhere. A key the section lacks stays a binding (and is
 * then found unbound, as before); in a string that keeps other bindings, only plain texts are
 * written in, so the library parses the rest as it would have.
 */
function withTextsWrittenIn(node: unknown, texts: Readonly<Record<string, string>>, scoped = false): unknown {
  if (typeof node === 'string') {
    if (!node.includes(BINDING_START)) return node;
    const written = (plainOnly: boolean): string =>
      node.replace(TEXT_BINDING, (binding, root: string | undefined, key: string) => {
        const text = Object.hasOwn(texts, key) ? texts[key] : undefined;
        if (text === undefined || (scoped && !root) || (plainOnly && NOT_PLAIN.test(text))) return binding;
        return text;
      });
    const all = written(false);
    return all.includes(BINDING_START) ? written(true) : all;
  }
  if (Array.isArray(node)) return node.map((item: unknown) => withTextsWrittenIn(item, texts, scoped));
  if (node !== null && typeof node === 'object') {
    // `$data` itself is read in the scope around; everything else of this object in its own.
    const inner = scoped || Object.hasOwn(node, '$data');
    return Object.fromEntries(
      Object.entries(node).map(([name, value]: [string, unknown]) => [
        name,
        withTextsWrittenIn(value, texts, name === '$data' ? scoped : inner),
      ]),
    );
  }
  return node;
}

export class CardRenderer {
  /** One prepared template per card file: the library parses the expressions when it is built. */
  private readonly prepared: ReadonlyMap<string, ACData.Template>;
  /** The acute-danger block, expanded once per language. */
  private readonly acute: Readonly<Record<Language, unknown>>;
  /**
   * Per template, its prepared copies with a catalogue section's texts written in, per section.
   * Bounded by the sections a view binds to a template (one or two) times the voices: only
   * catalogue sections get a copy, and they live as long as the process.
   */
  private readonly withTexts = new Map<string, Map<object, ACData.Template>>();

  private constructor(private readonly templates: ReadonlyMap<string, unknown>) {
    this.prepared = new Map([...templates].map(([name, source]) => [name, new ACData.Template(source)]));
    const languages = Object.keys(CATALOGUES) as Language[];
    this.acute = Object.fromEntries(
      languages.map((language) => [
        language,
        deepFreeze(this.expand('acute-danger', section(language, 'acute'))),
      ]),
    ) as Record<Language, unknown>;
  }

  /** Read and prepare every template once, at start-up. */
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

  /** How many copies of a template with a section's texts written in are kept (for the tests). */
  copiesWithTexts(name: string): number {
    const copies = this.withTexts.get(name);
    return copies ? copies.size : 0;
  }

  /** The raw template, for the tests that read every verb a card uses. */
  template(name: string): unknown {
    const template = this.templates.get(name);
    if (template === undefined) throw new Error(`No card template cards/${name}.json.`);
    return template;
  }

  /**
   * Expand a template and add the acute-danger block that every card must carry.
   * Throws when a field of the template stays unbound (the templating library would leave it
   * silently); whatever the bound values hold is shown as it is and never counts as unbound.
   */
  render(name: string, data: Readonly<Record<string, unknown>>, voice: Voice): CardJson {
    const card = this.expand(name, data) as CardJson;
    return { ...card, body: [...card.body, this.acute[languageIn(voice)]] };
  }

  /** The prepared template for `data`: with its texts written in when `t` is a catalogue section. */
  private templateFor(name: string, data: Readonly<Record<string, unknown>>): ACData.Template {
    const template = this.prepared.get(name);
    if (template === undefined) throw new Error(`No card template cards/${name}.json.`);
    const texts = data.t;
    if (!isCatalogueSection(texts)) return template;
    let copies = this.withTexts.get(name);
    if (!copies) {
      copies = new Map();
      this.withTexts.set(name, copies);
    }
    let copy = copies.get(texts);
    if (!copy) {
      copy = new ACData.Template(withTextsWrittenIn(this.templates.get(name), texts));
      copies.set(texts, copy);
    }
    return copy;
  }

  private expand(name: string, data: Readonly<Record<string, unknown>>): unknown {
    const template = this.templateFor(name, data);
    // Nearly always no bound text holds `${`: then nothing is copied or set aside. A catalogue
    // section never does (checked when the catalogues load), so its texts are not looked through.
    const setAside = SetAsideText.anyIn(data) ? new SetAsideText() : undefined;
    // expand() is synchronous: the prepared template's evaluation state cannot be shared by two cards.
    const expanded: unknown = template.expand({ $root: setAside ? setAside.hide(data) : data });
    const leftover = leftoverBinding(expanded);
    if (leftover !== undefined) throw new UnboundTemplateFieldError(name, leftover);
    return setAside ? setAside.restore(expanded) : expanded;
  }
}
