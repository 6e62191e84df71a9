// The worst case for the documents: a dossier of 200 entries, made by decide() as users make it, with
// every kind of entry a person can record, texts at their longest, and characters that break naive
// documents (diacritics, the euro sign, typographic quotes, markup, letters outside Western Europe,
// an emoji, a tab). Every text that a copy for the parents must leave out carries a marker, and so
// does every text that must stay, so a test can look for each in the extracted text.
//
// The markers use underscores, not hyphens or spaces: a PDF line may break after a hyphen or a space,
// and the marker must come out of the PDF's text in one piece.

import { TEXT_MAX_LENGTH, type Command, type Dossier } from '../../../src/domain';
import { SCHOOL, decisionMaker, told, type Act } from '../../cards/dossiers';
import { cmd, coordinator } from '../../domain/given';

/** Letters and signs that must survive every format (Western European: the built-in PDF fonts have them). */
export const DUTCH = 'ë ï ö é ç € “aanhalingstekens” ‘enkel’';
/** Characters the PDF's built-in fonts lack: the PDF prints look-alikes, Word keeps them. */
export const BEYOND_LATIN1 = 'Yılmaz Łódź';
/** Markup and control-like characters that must print as typed. */
export const MARKUP = '<script>alert(1)</script> # *nadruk* [link](x) | a\tb';

/** A long text (the maximum length) that starts with a marker and holds every kind of character. */
export function long(marker: string): string {
  const filler = ` ${DUTCH} ${BEYOND_LATIN1} ${MARKUP} 🙂 en gewone tekst over wat er gebeurde.`;
  return `${marker}${filler.repeat(Math.ceil(TEXT_MAX_LENGTH / filler.length))}`.slice(0, TEXT_MAX_LENGTH);
}

/** Texts a copy for the parents or the pupil must leave out. */
export const WITHHELD = {
  informant: 'INFORMANT_Kees_de_buurman',
  informantCorrected: 'CORRECTIE_over_informant',
  contactPerson: 'CONTACTPERSOON_Ans',
  opinion: 'MENING_van_de_mentor',
  consultationWith: 'COLLEGA_Bram',
  consultationAdvice: 'OVERLEGADVIES_collega',
  veiligThuisAdvice: 'ADVIES_VEILIG_THUIS',
  consultationQuestion: 'VRAAG_AAN_ZORGCOORDINATOR',
  consultationDeclined: 'AFWIJZING_zorgcoordinator',
  coordinatorAdvice: 'ADVIES_ZORGCOORDINATOR',
  skippedBecause: 'GESPREK_OVERGESLAGEN_omdat',
  fromOthersInReport: 'INFO_VAN_ANDEREN_in_melding',
  exceptionReason: 'UITZONDERING_reden_ouders',
  sentBack: 'TERUGGESTUURD_door_beslisser',
  otherPupil: 'ANDERE_LEERLING_Piet',
} as const;

/** Texts a copy for the parents or the pupil keeps. */
export const KEPT = {
  firstDescription: 'EERSTE_BESCHRIJVING',
  signal: 'SIGNAAL_eigen_waarneming',
  toldByPupil: 'VERTELD_DOOR_LEERLING',
  contactOutcome: 'UITKOMST_CONTACT',
  note: 'NOTITIE_feit',
  said: 'GEZEGD_in_gesprek',
  weighing: 'WEGING_redenering',
  reasoning: 'AFWEGING_redenering',
  deviation: 'AFWIJKING_reden',
  pupilReaction: 'REACTIE_leerling_op_melding',
  helpPlan: 'HULPPLAN_wat',
  followUp: 'VERVOLG_tekst',
  feedback: 'TERUGKOPPELING_veilig_thuis',
  schoolActions: 'SCHOOL_DOET_na_melding',
  closingNote: 'AFSLUITING_notitie',
  reopenReason: 'HEROPEND_omdat',
} as const;

const byCoordinator = (command: Command): Act => ({ by: coordinator, command });
const byDecisionMaker = (command: Command): Act => ({ by: decisionMaker, command });

export interface DocumentsWorstCase {
  dossier: Dossier;
  /** The entry the zorgcoördinator chooses to leave out: it names another pupil. */
  otherPupilSeq: number;
}

/** The dossier: opened (seq 1), then the acts below in order (seq 2, 3, …). */
export function documentsWorstCase(): DocumentsWorstCase {
  const acts: Act[] = [];
  const seqOfNext = (): number => acts.length + 2;

  const ownSignal = seqOfNext();
  acts.push(cmd.recordSignal({ description: long(KEPT.signal), place: long('PLAATS').slice(0, 200) }));
  const informantSignal = seqOfNext();
  acts.push(
    cmd.recordSignal({
      description: long('SIGNAAL_van_een_ander'),
      source: 'verteld-door-ander',
      sourceName: WITHHELD.informant,
      specificForms: ['seksueel-misbruik'],
    }),
  );
  acts.push(cmd.correctEntry({ seq: informantSignal, text: long(WITHHELD.informantCorrected) }));
  acts.push(cmd.recordSignal({ description: long(KEPT.toldByPupil), source: 'verteld-door-leerling' }));
  acts.push(cmd.recordSignal({ description: long('TEGENINDICATIE'), pointsOtherWay: true }));
  acts.push(cmd.correctEntry({ seq: ownSignal, text: long('CORRECTIE_eigen_signaal') }));
  acts.push(cmd.recordContact({ with: WITHHELD.contactPerson, outcome: long(KEPT.contactOutcome) }));
  acts.push(cmd.recordNote({ text: long(WITHHELD.opinion), isOpinion: true }));
  const otherPupilSeq = seqOfNext();
  acts.push(cmd.recordNote({ text: long(WITHHELD.otherPupil), isOpinion: false }));
  acts.push(cmd.recordNote({ text: long(KEPT.note), isOpinion: false }));
  acts.push(
    cmd.recordConsultation({ with: WITHHELD.consultationWith, advice: long(WITHHELD.consultationAdvice) }),
  );
  acts.push(cmd.recordVeiligThuisAdvice({ advice: long(WITHHELD.veiligThuisAdvice), anonymous: true }));

  // A consultation with the zorgcoördinator that was advised, and one that was declined.
  const advised = seqOfNext();
  acts.push(
    cmd.requestConsultation({ coordinatorId: coordinator.id, question: long(WITHHELD.consultationQuestion) }),
  );
  acts.push(cmd.recordConsultationDelivery({ consultationId: advised, delivered: 'personal' }));
  acts.push(byCoordinator(cmd.acceptConsultation({ consultationId: advised })));
  acts.push(
    byCoordinator(
      cmd.recordConsultationAdvice({ consultationId: advised, advice: long(WITHHELD.coordinatorAdvice) }),
    ),
  );
  const declined = seqOfNext();
  acts.push(cmd.requestConsultation({ coordinatorId: coordinator.id, question: long('TWEEDE_VRAAG') }));
  acts.push(
    byCoordinator(
      cmd.declineConsultation({ consultationId: declined, reason: long(WITHHELD.consultationDeclined) }),
    ),
  );

  acts.push(cmd.skipConversation({ reason: long(WITHHELD.skippedBecause) }));
  acts.push(
    cmd.recordConversation({
      participants: { pupil: true, parents: true, coordinator: true },
      said: long(KEPT.said),
      reaction: long('REACTIE'),
      outcome: long('UITKOMST_GESPREK'),
      parentsDespiteWarning: true,
      parentsDespiteWarningReason: long('TOCH_MET_OUDERS'),
    }),
  );
  acts.push(
    cmd.recordWeighing({
      suspicion: true,
      acuteUnsafety: false,
      structuralUnsafety: true,
      reasoning: long(KEPT.weighing),
    }),
  );

  // The ending: help first, then a report after all; the beslisser sends back once and confirms.
  const answer = (question: 1 | 2 | 3 | 4 | 5, given: boolean, deviationReason?: string): Command =>
    cmd.answerAfwegingsvraag({ question, answer: given, reasoning: long(KEPT.reasoning), deviationReason });
  const ending: Act[] = [
    answer(1, true),
    // "No unsafety" after a weighing of structural unsafety: a deviation, with its reason.
    answer(2, false, long(KEPT.deviation)),
    answer(3, true),
    answer(4, true),
    byDecisionMaker(cmd.sendBackDecision({ reason: long(WITHHELD.sentBack) })),
    answer(4, true),
    cmd.recordHelpPlan({ what: long(KEPT.helpPlan) }),
    cmd.recordFollowUp({ text: long(KEPT.followUp) }),
    answer(5, false),
    cmd.recordReport({
      reference: 'VT-2026-0001',
      discussedWithParents: 'uitzondering',
      parentsException: 'veiligheid-in-het-geding',
      parentsExceptionReason: long(WITHHELD.exceptionReason),
      pupilReaction: long(KEPT.pupilReaction),
      informationFromOthers: long(WITHHELD.fromOthersInReport),
      schoolActionsAfterReport: long(KEPT.schoolActions),
    }),
    byDecisionMaker(cmd.confirmDecision({ note: long('BEVESTIGD') })),
    cmd.recordReportFeedback({ feedback: long(KEPT.feedback) }),
    cmd.closeDossier({ reason: 'gemeld-overgedragen', note: long(KEPT.closingNote) }),
    cmd.reopenDossier({ reason: long(KEPT.reopenReason) }),
  ];

  // Filled up to 200 entries with more of the same, as a long-running dossier has.
  const filler: Command[] = [
    cmd.recordSignal({ description: long('MEER_SIGNALEN') }),
    cmd.recordContact({ with: WITHHELD.contactPerson, outcome: long('MEER_CONTACT') }),
    cmd.recordNote({ text: long('MEER_NOTITIES'), isOpinion: false }),
    cmd.recordConsultation({ with: WITHHELD.consultationWith, advice: long(WITHHELD.consultationAdvice) }),
  ];
  for (let i = 0; acts.length + ending.length < 199; i++) acts.push(filler[i % filler.length] as Command);
  const dossier = told({
    id: 'documents-worst-case',
    number: 'MC-2026-0999',
    opening: cmd.openDossier({
      schoolId: SCHOOL.id,
      pupil: { reference: 'ëé-2024-0153', group: 'groep 8 ëé', age: 11 },
      firstDescription: long(KEPT.firstDescription),
    }),
    acts: [...acts, ...ending],
  });
  return { dossier, otherPupilSeq };
}
