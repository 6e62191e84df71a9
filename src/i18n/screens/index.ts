// The texts of each screen, one pair of files per screen. Add a screen's pair here.

import signalenNl from './signalen.nl.json';
import signalenEn from './signalen.en.json';
import consultatieNl from './consultatie.nl.json';
import consultatieEn from './consultatie.en.json';
import gesprekNl from './gesprek.nl.json';
import gesprekEn from './gesprek.en.json';
import wegenNl from './wegen.nl.json';
import wegenEn from './wegen.en.json';
import beslissenNl from './beslissen.nl.json';
import beslissenEn from './beslissen.en.json';
import meldenNl from './melden.nl.json';
import meldenEn from './melden.en.json';
import hulpNl from './hulp.nl.json';
import hulpEn from './hulp.en.json';
import contactNl from './contact.nl.json';
import contactEn from './contact.en.json';
import chronologyNl from './chronology.nl.json';
import chronologyEn from './chronology.en.json';
import closeNl from './close.nl.json';
import closeEn from './close.en.json';
import exportNl from './export.nl.json';
import exportEn from './export.en.json';
import consultationNl from './consultation.nl.json';
import consultationEn from './consultation.en.json';
import reminderNl from './reminder.nl.json';
import reminderEn from './reminder.en.json';
import settingsNl from './settings.nl.json';
import settingsEn from './settings.en.json';
import figuresNl from './figures.nl.json';
import figuresEn from './figures.en.json';
import afwijkingenNl from './afwijkingen.nl.json';
import afwijkingenEn from './afwijkingen.en.json';
import betrokkenenNl from './betrokkenen.nl.json';
import betrokkenenEn from './betrokkenen.en.json';

const nl = {
  ...signalenNl,
  ...consultatieNl,
  ...gesprekNl,
  ...wegenNl,
  ...beslissenNl,
  ...meldenNl,
  ...hulpNl,
  ...contactNl,
  ...chronologyNl,
  ...closeNl,
  ...exportNl,
  ...consultationNl,
  ...reminderNl,
  ...settingsNl,
  ...figuresNl,
  ...afwijkingenNl,
  ...betrokkenenNl,
};
const en: Record<keyof typeof nl, string> = {
  ...signalenEn,
  ...consultatieEn,
  ...gesprekEn,
  ...wegenEn,
  ...beslissenEn,
  ...meldenEn,
  ...hulpEn,
  ...contactEn,
  ...chronologyEn,
  ...closeEn,
  ...exportEn,
  ...consultationEn,
  ...reminderEn,
  ...settingsEn,
  ...figuresEn,
  ...afwijkingenEn,
  ...betrokkenenEn,
};

export default { nl, en };
