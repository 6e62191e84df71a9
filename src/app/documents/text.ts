// Text in a document is a row of spans, each knowing whether a person typed it. The Markdown output
// escapes only what was typed (our own labels such as "#12" stay as written); the PDF and the Word
// file print every span as it is. Whatever a user typed is cleaned once, here, for every format:
// control characters go, and a number that looks like a citizen service number (BSN) is left out,
// because a pupil is identified minimally, also on paper.

import { t, type Voice, type MessageKey } from '../../i18n';

export interface Span {
  text: string;
  /** Typed by a user (a description, a name): the Markdown output escapes it. */
  typed: boolean;
}

export type Text = readonly Span[];

/** Nine digits, possibly grouped with spaces or dots, not part of a longer number. */
const BSN_LIKE = /(?<![\d.])\d(?:[ .]?\d){8}(?![\d]|[ .]\d)/g;
/**
 * Control characters except tabs and line breaks (line breaks are handled by the callers), half
 * surrogate pairs and the two non-characters: none can be printed, and a Word file may not hold them.
 * With the u flag a surrogate range matches only a half pair: a whole pair is one code point.
 */
const INVISIBLE = /(?![\n\t])\p{Cc}|[\uD800-\uDFFF]|[\uFFFE\uFFFF]/gu;

/** Our own words: never escaped. */
export function plain(text: string): Text {
  return text === '' ? [] : [{ text, typed: false }];
}

/** What a user typed, cleaned: BSN-like numbers become our own "number left out" words. */
export function typed(voice: Voice, text: string): Text {
  const visible = text.replace(INVISIBLE, '');
  const spans: Span[] = [];
  let from = 0;
  for (const match of visible.matchAll(BSN_LIKE)) {
    if (match.index > from) spans.push({ text: visible.slice(from, match.index), typed: true });
    spans.push({ text: t(voice, 'export.doc.bsnRemoved'), typed: false });
    from = match.index + match[0].length;
  }
  if (from < visible.length) spans.push({ text: visible.slice(from), typed: true });
  return spans;
}

/** Typed text on one line: runs of white space (line breaks included) become one space. */
export function typedInline(voice: Voice, text: string): Text {
  return typed(voice, text.replace(/\s+/g, ' ').trim());
}

/** Typed text kept in its lines (for quotes), trimmed as a whole; empty when there is nothing. */
export function typedLines(voice: Voice, text: string | undefined): Text[] {
  if (text === undefined || text.trim() === '') return [];
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => typed(voice, line.trimEnd()));
}

// Private-use characters mark where a typed parameter goes in a translated text; our catalogues
// never contain them, and the typed text itself never passes through the string.
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const MARKS = new RegExp(`${MARK_OPEN}(\\d+)${MARK_CLOSE}`);

/** A translated text whose parameters may be typed text: those stay typed spans. */
export function say(
  voice: Voice,
  key: MessageKey,
  params: Record<string, string | number | Text> = {},
): Text {
  const inserted: Text[] = [];
  const flat: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') flat[name] = value;
    else flat[name] = `${MARK_OPEN}${inserted.push(value) - 1}${MARK_CLOSE}`;
  }
  const parts = t(voice, key, flat).split(MARKS);
  // split() with a capturing group alternates: text, index, text, index, …, text.
  return parts.flatMap((part, i) => (i % 2 === 0 ? plain(part) : (inserted[Number(part)] ?? [])));
}

/** Texts one after another, with `separator` (our own words) between the non-empty ones. */
export function joined(separator: string, ...texts: Text[]): Text {
  return texts
    .filter((text) => !isEmpty(text))
    .flatMap((text, i) => (i === 0 ? text : [...plain(separator), ...text]));
}

export function isEmpty(text: Text): boolean {
  return text.every((span) => span.text === '');
}

/** The text as it reads, without any marking. */
export function readable(text: Text): string {
  return text.map((span) => span.text).join('');
}
