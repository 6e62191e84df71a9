// The texts of each screen, one pair of files per screen. Add a screen's pair here.

import signalenNl from './signalen.nl.json';
import signalenEn from './signalen.en.json';

const nl = { ...signalenNl };
const en: Record<keyof typeof nl, string> = { ...signalenEn };

export default { nl, en };
