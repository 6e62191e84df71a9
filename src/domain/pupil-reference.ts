// The pupil is identified minimally: initials or the school's pupil number, never a name and never a
// citizen service number (BSN). These two checks catch the obvious slips; they are deliberately simple
// and err on the side of refusing, because a name that slips through is the worse mistake.

/**
 * Looks like a full name: two or more words (separated by spaces) that each hold at least two
 * letters, e.g. "Jan de Vries" or "A. de Vries". Initials ("JdV", "J.d.V.") and pupil numbers pass.
 * A single first name ("Mohammed") is not caught; the card asks for initials.
 */
export function looksLikeFullName(reference: string): boolean {
  const wordsWithTwoLetters = reference
    .trim()
    .split(/\s+/)
    .filter((word) => (word.match(/\p{L}/gu) ?? []).length >= 2);
  return wordsWithTwoLetters.length >= 2;
}

/**
 * Looks like a BSN: exactly nine digits once spaces, dots and dashes are left out. Every nine-digit
 * number is refused, not only those passing the BSN check digit: a school whose pupil numbers have
 * nine digits types them with a letter prefix. Predictable beats clever here.
 */
export function looksLikeBsn(reference: string): boolean {
  return /^\d{9}$/.test(reference.replace(/[\s.-]/g, ''));
}
