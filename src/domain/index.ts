// The public face of the domain: what app/, bot/, cards/ and store/ may use.

export * from './dossier';
export type { School, Person } from './school';
export type { Refusal, RefusalCode } from './refusal';
export { REFUSAL_CODES } from './refusal';
export * from './commands';
export { decide, type Decision, type DecisionContext } from './decide';
export {
  RECORDED_AS,
  append,
  entriesOf,
  hasSubmission,
  nextSeq,
  type EntryData,
  type EntryDraft,
  type RecordedKind,
} from './log';
export type { Actor, Participant } from './people';
export { unchanged, type Change } from './change';
export { effectsOf, type Effect, type EffectType, type NoticeSubject } from './effects';
export { coordinatorNameOf, isCoordinatorOf } from './school';
export {
  stepStatuses,
  missingBeforeDecision,
  veiligThuisAdviceRequired,
  specificFormsOf,
  specificFormsOfSignal,
  isDone,
  STEPS_BEFORE_DECISION,
} from './steps';
export {
  AFWEGINGSVRAGEN,
  AFWEGINGSKADER,
  afwegingskaderState,
  helpPlanExpected,
  type Afwegingsvraag,
  type AfwegingskaderState,
  type AnsweredQuestion,
  type Outcome,
} from './afwegingskader';
export {
  PUPIL_MIN_AGE,
  PUPIL_MAX_AGE,
  DISCUSS_WITH_PUPIL_FROM_AGE,
  DISCUSS_WITH_PARENTS_UNDER_AGE,
  ageBand,
  ageRange,
  mustDiscussReportWith,
  type AgeRange,
} from './age';
export { roleOf } from './access';
export { formatDossierNumber, parseDossierNumber } from './dossier-number';
export { todayInAmsterdam, isCalendarDate } from './calendar';
export {
  SIGNAL_CATEGORIES,
  FORM_SECTIONS,
  ALL_SIGNAL_IDS,
  signalenkaart,
  isKnownSignal,
  specificFormOfSignal,
  type Signalenkaart,
  type SignalCategory,
  type FormSection,
  type SignalGroup,
  type FormGroup,
} from './signalenkaart';
export * from './working-time';
export * from './reminders';
export {
  consultations,
  consultationById,
  consultationOpenFor,
  statusVisibleIn,
  decisionConfirmation,
  confirmerOf,
  type Consultation,
  type ConsultationStatus,
  type Confirmation,
} from './consultation';
export { retentionSettingsSchema, removableFrom, isRemovable, type RetentionSettings } from './retention';
export { changeAuditOf, type AuditEvent } from './audit';
export {
  ATTENTION,
  attentionOf,
  attentionDetailsOf,
  withAttention,
  type Attention,
  type AttentionDetail,
  type AttentionDetails,
} from './attention';
