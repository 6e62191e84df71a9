// The number people use to talk about a dossier without naming the pupil: MC-2026-0042. Channel posts
// and reminders carry only this number. The sequence is padded to four digits and simply grows beyond
// 9999, so the number never wraps.

const PREFIX = 'MC';
const PATTERN = /^MC-(\d{4})-(\d{4,})$/;

/** MC-<year>-<sequence>, e.g. formatDossierNumber(2026, 42) → "MC-2026-0042". */
export function formatDossierNumber(year: number, seq: number): string {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`Dossier year must be a four-digit whole number, got ${year}.`);
  }
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new RangeError(`Dossier sequence must be a whole number from 1, got ${seq}.`);
  }
  return `${PREFIX}-${year}-${String(seq).padStart(4, '0')}`;
}

/** The year and sequence of a dossier number, or undefined when the text is not one as written above. */
export function parseDossierNumber(text: string): { year: number; seq: number } | undefined {
  const written = text.trim().toUpperCase();
  const match = PATTERN.exec(written);
  if (!match) return undefined;
  const year = Number(match[1]);
  const seq = Number(match[2]);
  if (year < 1000 || !Number.isSafeInteger(seq) || seq < 1) return undefined;
  // Only the canonical spelling counts: "MC-2026-00042" is not the same dossier as "MC-2026-0042".
  return formatDossierNumber(year, seq) === written ? { year, seq } : undefined;
}
