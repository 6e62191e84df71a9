import { CATALOGUES, format, languageOf } from '../../src/i18n';
import { REFUSAL_CODES } from '../../src/domain';

const { nl, en } = CATALOGUES;

describe('the messages', () => {
  it('has every Dutch text in English and nothing more', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
  });

  it('has a message for every refusal the meldcode rules can give', () => {
    const missing = REFUSAL_CODES.filter((code) => !(`refusal.${code}` in nl));
    expect(missing).toEqual([]);
  });

  it('leaves no text empty', () => {
    for (const catalogue of [nl, en]) {
      expect(Object.entries(catalogue).filter(([, text]) => text.trim() === '')).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(nl) as (keyof typeof nl)[]) {
      expect([key, placeholders(en[key])]).toEqual([key, placeholders(nl[key])]);
    }
  });

  it.each([
    ['en-US', 'en'],
    ['en-GB', 'en'],
    ['nl-NL', 'nl'],
    ['nl-BE', 'nl'],
    ['de-DE', 'nl'],
    [undefined, 'nl'],
  ])('speaks to a Teams client in %s in %s', (locale, language) => {
    expect(languageOf(locale, 'nl')).toBe(language);
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('Dossier {number} ({missing})', { number: 'MC-2026-0001' })).toBe(
      'Dossier MC-2026-0001 ({missing})',
    );
  });
});
