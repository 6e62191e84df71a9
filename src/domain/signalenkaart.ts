// The signalenkaart (signal list) the school's step plan refers to but does not include. Drawn up from
// the background research (meldcode-background.md §2.3–2.4) as short ids only; the words users read
// live in src/i18n/signalenkaart.{nl,en}.json, so the domain never carries display text.
//
// A signal supports a suspicion; one signal alone proves nothing, but a serious one is recorded all the
// same: the pattern shows only when every signal is on record. The lists are
// per age band because what is worrying differs with age, but the bands overlap: a signal from another
// band is still accepted (recordSignal checks only that an id exists).

import type { AgeBand, SpecificForm } from './dossier';

/** The seven categories of the signalenkaart, shown for every age band. */
export const SIGNAL_CATEGORIES = [
  'lichamelijk',
  'gedrag-emotioneel',
  'relatie-ouders',
  'relatie-leeftijdgenoten-volwassenen',
  'seksueel',
  'ontwikkeling',
  'gezin-omgeving',
] as const;
export type SignalCategory = (typeof SIGNAL_CATEGORIES)[number];

/**
 * Sections for forms of violence with signals of their own: the specific forms for which the step plan
 * requires Veilig Thuis advice. The plan's list says "zoals", so sexual exploitation (loverboys,
 * trafficking) needs that advice too.
 */
export const FORM_SECTIONS = [
  'seksueel-misbruik',
  'vrouwelijke-genitale-verminking',
  'huwelijksdwang',
  'achterlating',
  'eergerelateerd-geweld',
  'seksuele-uitbuiting',
] as const;
export type FormSection = (typeof FORM_SECTIONS)[number];

/** The parents and home: the same list for every age. */
const GEZIN_OMGEVING = [
  'onvoldoende-verzorging',
  'onvoldoende-toezicht',
  'zorg-of-school-onthouden',
  'ouder-agressief-naar-kind',
  'geweld-tussen-ouders',
  'dierenmishandeling',
  'verslaving-of-psychiatrie-ouder',
  'bestaansonzekerheid',
  'zorgen-van-meerderen',
] as const;

const PER_BAND: Record<AgeBand, Record<SignalCategory, readonly string[]>> = {
  // 0–4 is shown for context only: a school rarely has pupils this young.
  '0-4': {
    lichamelijk: [
      'letsel-onlogische-plek',
      'groeiachterstand',
      'voedingsproblemen',
      'ernstige-luieruitslag',
      'slecht-gebit',
      'onverzorgd',
      'steeds-honger',
      'vaak-ziek',
    ],
    'gedrag-emotioneel': [
      'passief-apathisch',
      'toont-geen-pijn-of-gevoel',
      'teruggetrokken',
      'onrustig-hyperactief',
      'agressief-destructief',
      'bevroren-waakzaamheid',
      'vriendelijk-tegen-iedere-vreemde',
      'terugval-naar-jonger-gedrag',
    ],
    'relatie-ouders': ['angstig-bij-ouder', 'overdreven-meegaand', 'ander-gedrag-bij-ouder'],
    'relatie-leeftijdgenoten-volwassenen': [
      'speelt-niet-met-anderen',
      'weinig-geliefd',
      'wantrouwend',
      'bang-om-zich-uit-te-kleden',
    ],
    seksueel: ['seksueel-spel-niet-passend-bij-leeftijd', 'seksuele-kennis-niet-passend-bij-leeftijd'],
    ontwikkeling: [
      'achterstand-taal',
      'achterstand-motoriek',
      'achterstand-sociaal-emotioneel',
      'achterstand-denken',
      'laat-zindelijk',
    ],
    'gezin-omgeving': GEZIN_OMGEVING,
  },
  '4-12': {
    lichamelijk: [
      'letsel-herkenbare-vorm',
      'letsel-onlogische-plek',
      'terugkerende-buik-of-hoofdpijn',
      'eet-of-slaapproblemen',
      'oververmoeid',
      'onverzorgd',
      'medische-zorg-uitgebleven',
      'opnieuw-bedplassen',
      'komt-met-honger-op-school',
    ],
    'gedrag-emotioneel': [
      'plotselinge-gedragsverandering',
      'teruggetrokken',
      'druk-of-agressief',
      'angstig-schrikachtig',
      'somber',
      'concentratieproblemen',
      'liegen-of-stelen',
      'aanraking-vermijden-of-zoeken',
      'vaak-afwezig-of-te-laat',
      'vertelt-zelf-over-geweld',
    ],
    'relatie-ouders': [
      'volledige-onderwerping',
      'sterk-afhankelijk-van-ouder',
      'onverschillig-naar-ouder',
      'niet-naar-huis-willen',
      'laat-of-niet-opgehaald',
      'ouders-onbereikbaar',
    ],
    'relatie-leeftijdgenoten-volwassenen': [
      'pest-of-wordt-gepest',
      'geen-vrienden',
      'wantrouwend-naar-volwassenen',
      'overdreven-behaagzucht',
      'bang-voor-bepaalde-persoon-of-plek',
    ],
    seksueel: [
      'seksueel-gedrag-niet-passend-bij-leeftijd',
      'geheim-met-volwassene',
      'nieuwe-oudere-vriend',
      'plotseling-veel-zakgeld',
      'nachtmerries',
      'pijn-of-jeuk-bij-geslachtsdelen',
      'onverklaarde-buikpijn',
    ],
    ontwikkeling: [
      'achterstand-taal',
      'achterstand-motoriek',
      'achterstand-sociaal-emotioneel',
      'onverklaarde-leerproblemen',
      'dalende-schoolresultaten',
    ],
    'gezin-omgeving': GEZIN_OMGEVING,
  },
  '12-18': {
    lichamelijk: [
      'letsel-herkenbare-vorm',
      'letsel-onlogische-plek',
      'letsel-verborgen',
      'zelfbeschadiging',
      'eetproblemen',
      'terugkerende-buik-of-hoofdpijn',
      'onverzorgd',
      'medische-zorg-uitgebleven',
    ],
    'gedrag-emotioneel': [
      'plotselinge-gedragsverandering',
      'weglopen',
      'verzuim-rond-weekend',
      'somber-of-praat-over-zelfdoding',
      'alcohol-of-drugs',
      'onverklaard-geld-of-spullen',
      'stemmingswisselingen',
      'vertelt-zelf-over-geweld',
    ],
    'relatie-ouders': ['bang-om-naar-huis-te-gaan', 'opvallend-gehaald-en-gebracht', 'loyaliteitsconflict'],
    'relatie-leeftijdgenoten-volwassenen': [
      'verbreekt-vriendschappen',
      'geisoleerd',
      'veel-oudere-vriend',
      'bang-voor-bepaalde-persoon-of-plek',
    ],
    seksueel: [
      'seksueel-getinte-opmerkingen',
      'kleding-of-make-up-anders-dan-anders',
      'sexting',
      'veel-oudere-partner',
      'riskant-seksueel-gedrag',
    ],
    ontwikkeling: ['schoolloopbaan-stagneert', 'dalende-schoolresultaten', 'onverklaarde-leerproblemen'],
    'gezin-omgeving': GEZIN_OMGEVING,
  },
};

/**
 * Signals of the form sections, the same for every age band. Their ids carry a prefix of the form, so
 * choosing one is unambiguous: it says the signal was seen in the light of that form.
 */
const PER_FORM: Record<FormSection, readonly string[]> = {
  'seksueel-misbruik': [
    'sm-letsel-geslachtsdelen',
    'sm-vertelt-samenhangend',
    'sm-geheim-met-volwassene',
    'sm-angst-voor-persoon-of-plek',
    'sm-slecht-slapen',
    'sm-terugval-naar-jonger-gedrag',
    'sm-seksueel-gedrag-niet-passend',
  ],
  'vrouwelijke-genitale-verminking': [
    'vgv-geruchten-over-ingreep',
    'vgv-reis-naar-herkomstland',
    'vgv-meisje-zinspeelt-of-is-bang',
    'vgv-druk-vanuit-familie',
    'vgv-ouders-houden-gesprek-af',
    'vgv-reis-vervroegd-of-geboekt',
    'vgv-ziek-of-afwezig-na-vakantie',
    'vgv-pijn-bij-plassen-of-lopen',
    'vgv-mijdt-gym-of-controle',
  ],
  huwelijksdwang: [
    'hd-angst-voor-vakantie',
    'hd-plotselinge-reis',
    'hd-gehaald-door-familie',
    'hd-verbreekt-vriendschappen',
    'hd-kleding-of-houding-veranderd',
    'hd-documenten-afgepakt',
  ],
  achterlating: [
    'al-angst-voor-vakantie',
    'al-plotselinge-reis',
    'al-plotseling-afwezig',
    'al-weglopen-voor-zomer',
    'al-niet-terug-na-zomer',
    'al-documenten-afgepakt',
  ],
  'eergerelateerd-geweld': [
    'eer-angst-voor-familie',
    'eer-begeleid-door-familie',
    'eer-contacten-verbroken',
    'eer-plotselinge-verloving',
    'eer-roddel-in-gemeenschap',
    'eer-documenten-afgepakt',
    'eer-geheimzinnig',
    'eer-maagdelijkheidsverklaring',
  ],
  'seksuele-uitbuiting': [
    'su-afwezig-rond-weekend',
    'su-oudere-jongen-wacht-bij-school',
    'su-geheimzinnig-over-telefoon',
    'su-cadeaus-geld-of-telefoons',
    'su-nieuwe-sieraden-of-tatoeage',
    'su-s-nachts-weg',
  ],
};

/** Which specific form a form section stands for. */
const SPECIFIC_FORM_OF_SECTION: Record<FormSection, SpecificForm | undefined> = {
  'seksueel-misbruik': 'seksueel-misbruik',
  'vrouwelijke-genitale-verminking': 'vrouwelijke-genitale-verminking',
  huwelijksdwang: 'huwelijksdwang',
  achterlating: 'achterlating',
  'eergerelateerd-geweld': 'eergerelateerd-geweld',
  'seksuele-uitbuiting': 'seksuele-uitbuiting',
};

export interface SignalGroup<Id extends string> {
  id: Id;
  signals: readonly string[];
}

export interface FormGroup extends SignalGroup<FormSection> {
  /** The specific form this section stands for. */
  specificForm: SpecificForm | undefined;
}

export interface Signalenkaart {
  band: AgeBand;
  categories: SignalGroup<SignalCategory>[];
  forms: FormGroup[];
}

/** The signal list to show for a pupil in this age band. */
export function signalenkaart(band: AgeBand): Signalenkaart {
  return {
    band,
    categories: SIGNAL_CATEGORIES.map((id) => ({ id, signals: PER_BAND[band][id] })),
    forms: FORM_SECTIONS.map((id) => ({
      id,
      signals: PER_FORM[id],
      specificForm: SPECIFIC_FORM_OF_SECTION[id],
    })),
  };
}

/** Every signal id on any band's list or in any form section. */
export const ALL_SIGNAL_IDS: ReadonlySet<string> = new Set([
  ...Object.values(PER_BAND).flatMap((band) => Object.values(band).flat()),
  ...Object.values(PER_FORM).flat(),
]);

export function isKnownSignal(id: string): boolean {
  return ALL_SIGNAL_IDS.has(id);
}

const FORM_OF_SIGNAL: ReadonlyMap<string, SpecificForm> = new Map(
  FORM_SECTIONS.flatMap((section) => {
    const form = SPECIFIC_FORM_OF_SECTION[section];
    return form ? PER_FORM[section].map((id): [string, SpecificForm] => [id, form]) : [];
  }),
);

/** The specific form a signal belongs to, when it was chosen from a form section. */
export function specificFormOfSignal(id: string): SpecificForm | undefined {
  return FORM_OF_SIGNAL.get(id);
}

/**
 * The pupil told about the violence themselves. After such a disclosure, answering afwegingsvraag 2
 * "no" (no acute or structural unsafety) is a deviation that needs its reason (afwegingskader.ts).
 */
export const DISCLOSURE_SIGNALS: ReadonlySet<string> = new Set([
  'vertelt-zelf-over-geweld',
  'sm-vertelt-samenhangend',
]);
