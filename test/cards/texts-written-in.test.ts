// The renderer writes a catalogue section's texts into a kept copy of a template instead of binding
// them on every card (src/cards/render.ts). That must change nothing a person sees: every contract
// screen, in Dutch and English, as it opens and as a form, comes out exactly as the templating
// library expands the template as written. And the scoping of `t` inside `$data` stays the library's.

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ACData from 'adaptivecards-templating';
import { CardRenderer, findCardsDirectory } from '../../src/cards/render';
import { emptyForm } from '../../src/cards/views';
import { section, type Language } from '../../src/i18n';
import { LANGUAGES, contractScreens } from './screens';

const cards = CardRenderer.fromDirectory();

/** What the library makes of the template as written, with the acute-danger block the renderer adds. */
function asTheLibraryExpandsIt(name: string, data: Record<string, unknown>, language: Language): unknown {
  const card = new ACData.Template(cards.template(name)).expand({ $root: data }) as { body: unknown[] };
  const acute = new ACData.Template(cards.template('acute-danger')).expand({
    $root: section(language, 'acute'),
  }) as unknown;
  return { ...card, body: [...card.body, acute] };
}

describe('texts written into the templates change no card', () => {
  const cases = contractScreens().flatMap((screen) =>
    LANGUAGES.map((language) => [screen.screen, screen.template, language, screen] as const),
  );

  it.each(cases)('%s (%s, %s)', (_name, template, language, screen) => {
    const data = screen.view(language, emptyForm);
    // Bound text holding `${` goes another way (set aside first; test/cards/user-text.test.ts).
    expect(JSON.stringify(data)).not.toContain('${');
    expect(cards.render(template, data, language)).toEqual(asTheLibraryExpandsIt(template, data, language));
  });

  it('keeps a copy with the texts written in for the cards whose texts are a catalogue section', () => {
    const shown = new Set(contractScreens().map((screen) => screen.template));
    const withCopies = [...shown].filter((name) => cards.copiesWithTexts(name) > 0);
    // Nearly every card binds one catalogue section as its texts; the test above rendered them all.
    expect(withCopies.length).toBeGreaterThan(shown.size / 2);
    expect(cards.copiesWithTexts('welcome')).toBeGreaterThan(0);
  });
});

describe('where `t` means the catalogue section, and where it does not', () => {
  let directory: string;
  let renderer: CardRenderer;
  const write = (name: string, body: unknown[]): void =>
    writeFileSync(
      path.join(directory, `${name}.json`),
      JSON.stringify({ type: 'AdaptiveCard', version: '1.5', body }),
    );
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'meldcode-cards-'));
    copyFileSync(
      path.join(findCardsDirectory(), 'acute-danger.json'),
      path.join(directory, 'acute-danger.json'),
    );
    write('scoped', [
      { type: 'TextBlock', text: '${t.title}' },
      // A text with {placeholders} next to another binding: left for the library to bind.
      { type: 'TextBlock', text: '${t.waitingMany} — ${count}' },
      {
        type: 'Container',
        $data: '${items}',
        items: [
          { type: 'TextBlock', text: '${t.title}' },
          { type: 'TextBlock', text: '${$root.t.title}: ${name}' },
        ],
      },
    ]);
    write('unknown-text', [{ type: 'TextBlock', text: '${t.noSuchText}' }]);
    renderer = CardRenderer.fromDirectory(directory);
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("writes in the section's texts outside $data and with $root inside it; an item's own t stays its own", () => {
    const texts = section('nl', 'welcome');
    const data = {
      t: texts,
      count: 3,
      items: [
        { t: { title: 'eigen titel 1' }, name: 'A' },
        { t: { title: 'eigen titel 2' }, name: 'B' },
      ],
    };
    const card = renderer.render('scoped', data, 'nl');
    expect(renderer.copiesWithTexts('scoped')).toBe(1);
    const texted = (node: unknown): string[] =>
      typeof node === 'object' && node !== null
        ? Object.entries(node).flatMap(([key, value]) =>
            key === 'text' && typeof value === 'string' ? [value] : texted(value),
          )
        : [];
    expect(texted(card.body.slice(0, -1))).toEqual([
      texts.title,
      `${texts.waitingMany} — 3`,
      'eigen titel 1',
      `${texts.title}: A`,
      'eigen titel 2',
      `${texts.title}: B`,
    ]);
  });

  it('leaves a text the section lacks a binding, found unbound as before', () => {
    expect(() => renderer.render('unknown-text', { t: section('nl', 'welcome') }, 'nl')).toThrow(
      /t\.noSuchText/,
    );
  });

  it('binds texts that are no catalogue section (a view that made its own) as the library does', () => {
    const own = { title: 'Zelf gemaakt', waitingMany: 'Wacht' };
    const card = renderer.render('scoped', { t: own, count: 1, items: [] }, 'nl');
    expect(card.body[0]).toMatchObject({ text: 'Zelf gemaakt' });
    expect(renderer.copiesWithTexts('scoped')).toBe(1);
  });
});
