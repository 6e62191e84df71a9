import { formatDossierNumber, parseDossierNumber } from '../../src/domain';

describe('the dossier number people use instead of the pupil', () => {
  test.each([
    [2026, 42, 'MC-2026-0042'],
    [2026, 1, 'MC-2026-0001'],
    [2026, 9999, 'MC-2026-9999'],
    [2027, 10000, 'MC-2027-10000'],
  ])('year %i, sequence %i is written %s and read back', (year, seq, written) => {
    expect(formatDossierNumber(year, seq)).toBe(written);
    expect(parseDossierNumber(written)).toEqual({ year, seq });
  });

  test.each([
    'MC-2026-42',
    'MC-2026-00042',
    'MC-2026-0000',
    'XY-2026-0042',
    'MC-26-0042',
    'MC-0999-0001',
    '',
  ])('%p is not a dossier number', (text) => {
    expect(parseDossierNumber(text)).toBeUndefined();
  });

  test('a number typed in lower case or with spaces around it is still found', () => {
    expect(parseDossierNumber(' mc-2026-0042 ')).toEqual({ year: 2026, seq: 42 });
  });

  test.each([
    [2026, 0],
    [2026, 1.5],
    [26, 1],
  ])('year %p with sequence %p cannot be written', (year, seq) => {
    expect(() => formatDossierNumber(year, seq)).toThrow(RangeError);
  });
});
