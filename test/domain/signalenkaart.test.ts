import nl from '../../src/i18n/signalenkaart.nl.json';
import en from '../../src/i18n/signalenkaart.en.json';
import {
  ALL_SIGNAL_IDS,
  FORM_SECTIONS,
  SIGNAL_CATEGORIES,
  isKnownSignal,
  signalenkaart,
  specificFormOfSignal,
  type AgeBand,
} from '../../src/domain';

const BANDS: AgeBand[] = ['0-4', '4-12', '12-18'];
const labels = { nl, en } as const;
const groupIds = [...SIGNAL_CATEGORIES, ...FORM_SECTIONS].sort();

describe('the signalenkaart per age band', () => {
  test.each(BANDS)(
    'the %s list has the seven categories, each with signals, and the form sections',
    (band) => {
      const kaart = signalenkaart(band);
      expect(kaart.categories.map((c) => c.id)).toEqual([...SIGNAL_CATEGORIES]);
      expect(kaart.forms.map((f) => f.id)).toEqual([...FORM_SECTIONS]);
      for (const group of [...kaart.categories, ...kaart.forms]) {
        expect(group.signals.length).toBeGreaterThanOrEqual(2);
        expect(new Set(group.signals).size).toBe(group.signals.length);
      }
    },
  );

  test('the lists differ per age band', () => {
    const lichamelijk = (band: AgeBand) =>
      signalenkaart(band).categories.find((c) => c.id === 'lichamelijk')?.signals;
    expect(lichamelijk('4-12')).toContain('opnieuw-bedplassen');
    expect(lichamelijk('12-18')).toContain('zelfbeschadiging');
    expect(lichamelijk('4-12')).not.toContain('zelfbeschadiging');
  });

  test('no signal appears in two categories of the same band', () => {
    for (const band of BANDS) {
      const ids = signalenkaart(band).categories.flatMap((c) => c.signals);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('ids are short kebab-case', () => {
    for (const id of ALL_SIGNAL_IDS) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  test('a known id is known and a made-up one is not', () => {
    expect(isKnownSignal('letsel-herkenbare-vorm')).toBe(true);
    expect(isKnownSignal('vgv-reis-naar-herkomstland')).toBe(true);
    expect(isKnownSignal('letsel')).toBe(false);
  });

  test('a signal from a specific form section names that form; a general signal names none', () => {
    expect(specificFormOfSignal('vgv-reis-naar-herkomstland')).toBe('vrouwelijke-genitale-verminking');
    expect(specificFormOfSignal('al-niet-terug-na-zomer')).toBe('achterlating');
    expect(specificFormOfSignal('su-s-nachts-weg')).toBe('seksuele-uitbuiting');
    expect(specificFormOfSignal('somber')).toBeUndefined();
  });
});

describe.each(['nl', 'en'] as const)('the %s labels of the signalenkaart', (language) => {
  const { groups, signals } = labels[language];

  test('every signal id has a label and every label belongs to a signal id', () => {
    expect(Object.keys(signals).sort()).toEqual([...ALL_SIGNAL_IDS].sort());
  });

  test('every category and form section has a label and there are no others', () => {
    expect(Object.keys(groups).sort()).toEqual(groupIds);
  });

  test('no label is empty', () => {
    for (const label of [...Object.values(groups), ...Object.values(signals)])
      expect(label.trim()).not.toBe('');
  });
});
