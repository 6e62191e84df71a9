// The whole dossier as one document, for the pupil file and as the basis of a report to Veilig Thuis.
// Its sections follow Veilig Thuis's report form (explanation, steps taken, people involved, the
// concerns, …) and end with the full chronology; each section is one function below. Pure: no I/O,
// the clock is passed in. What came from others is marked at every signal; opinions carry their author.
//
// The same sections make the copy for the parents or the pupil (access-copy.ts): what it leaves out is
// replaced by a mark that says why, and nothing of it reaches the document.

import { t, voiceOf, type Language, type Voice, type MessageKey } from '../../i18n';
import {
  REMINDER_AUTHOR,
  STEPS,
  afwegingskaderState,
  entriesOf,
  missingBeforeDecision,
  mustDiscussReportWith,
  specificFormsOf,
  specificFormsOfSignal,
  stepStatuses,
  type Dossier,
  type EntryOf,
  type LogEntry,
} from '../../domain';
import type { School } from '../../domain/school';
import {
  closureReasonLabel,
  correctionsOf,
  discussedText,
  entryHeader,
  entryKindLine,
  entrySummary,
  formatDate,
  formatDateTime,
  kindLabel,
  participantNames,
  roleLabel,
  signalNames,
  sourceText,
  specificFormNames,
  stepList,
  yesNo,
} from '../../cards/views';
import {
  NOTHING_WITHHELD,
  withholdingFor,
  type AccessCopyRequest,
  type WithheldReason,
  type Withholding,
} from './access-copy';
import type { Block, DocumentModel, Field } from './document';
import { joined, plain, say as sayText, typedInline, typedLines, type Text } from './text';

export interface DossierDocumentInput {
  dossier: Dossier;
  /** The dossier's school as configured now: the names of its zorgcoördinatoren and beslisser. */
  school: School | undefined;
  /** The reader's language; the school's word for the role comes with the school. */
  language: Language;
  /** The name of who asks for the document. */
  exportedBy: string;
  now: Date;
  /** A copy for the parents or the pupil; absent for the full dossier. */
  accessCopy?: AccessCopyRequest | undefined;
}

/** The file name: the dossier number, which holds no pupil data. */
export function dossierFileName(dossier: Dossier, extension: string, accessCopy = false): string {
  const safe = dossier.number.replace(/[^A-Za-z0-9-]/g, '');
  return `${safe === '' ? 'dossier' : safe}${accessCopy ? '-inzage' : ''}.${extension}`;
}

/** What every section needs: the words, the dates, and what the copy leaves out. */
class Writer {
  readonly blocks: Block[] = [];
  readonly withholding: Withholding;

  constructor(
    readonly input: DossierDocumentInput,
    readonly voice: Voice = voiceOf(input.language, input.school),
    readonly dossier: Dossier = input.dossier,
  ) {
    this.withholding = input.accessCopy ? withholdingFor(input.dossier, input.accessCopy) : NOTHING_WITHHELD;
  }

  get isCopy(): boolean {
    return this.input.accessCopy !== undefined;
  }

  say(key: MessageKey, params: Record<string, string | number | Text> = {}): Text {
    return sayText(this.voice, key, params);
  }

  words(key: MessageKey, params: Record<string, string | number> = {}): string {
    return t(this.voice, key, params);
  }

  typed(text: string): Text {
    return typedInline(this.voice, text);
  }

  date(d: string): string {
    return formatDate(this.voice, d);
  }

  dateTime(d: string): string {
    return formatDateTime(this.voice, d);
  }

  heading(level: 1 | 2 | 3 | 4, text: Text): void {
    this.blocks.push({ kind: 'heading', level, text });
  }

  paragraph(text: Text, style?: 'emphasis' | 'strong'): void {
    this.blocks.push({ kind: 'paragraph', text, style });
  }

  fields(rows: readonly (Field | false | undefined)[]): void {
    this.blocks.push({
      kind: 'fields',
      rows: rows.filter((row): row is Field => row !== false && row !== undefined),
    });
  }

  field(key: MessageKey, value: Text | string, strong = false): Field {
    return { label: this.say(key), value: typeof value === 'string' ? plain(value) : value, strong };
  }

  quote(label: Text | MessageKey, text: string | undefined): void {
    const lines = typedLines(this.voice, text);
    if (lines.length === 0) return;
    this.blocks.push({ kind: 'quote', label: typeof label === 'string' ? this.say(label) : label, lines });
  }

  withheldMark(reason: WithheldReason): Text {
    return this.say(`export.copy.withheld.${reason}`);
  }

  withheld(reason: WithheldReason): void {
    this.blocks.push({ kind: 'withheld', text: this.withheldMark(reason) });
  }

  /** Why this entry is left out of the copy entirely, if it is. */
  wholly(entry: LogEntry): WithheldReason | undefined {
    return this.withholding.whole.get(entry.seq);
  }

  /** Are some parts of this entry left out of the copy for this reason? */
  partly(entry: LogEntry, reason: WithheldReason): boolean {
    return this.withholding.partly.get(entry.seq)?.includes(reason) ?? false;
  }

  recorded(entry: LogEntry): Field {
    return {
      label: this.say('export.doc.recordedBy'),
      value: this.say('export.doc.by', {
        at: this.dateTime(entry.at),
        author: this.typed(entry.authorName),
        role: roleLabel(this.voice, entry.role),
        seq: entry.seq,
      }),
    };
  }

  corrections(entry: LogEntry): void {
    for (const correction of correctionsOf(this.dossier, entry.seq)) {
      const label = this.say('export.doc.correctedBy', {
        seq: correction.seq,
        at: this.dateTime(correction.at),
        author: this.typed(correction.authorName),
      });
      const reason = this.wholly(correction);
      if (reason) {
        this.blocks.push({ kind: 'quote', label, lines: [this.withheldMark(reason)] });
        continue;
      }
      this.quote(label, correction.kind === 'entryCorrected' ? correction.data.text : '');
    }
  }

  nothingIfEmpty(items: readonly unknown[]): void {
    if (items.length === 0) this.paragraph(this.say('export.doc.nothing'), 'emphasis');
  }
}

// ---- The sections --------------------------------------------------------------------------------------

function title(w: Writer): void {
  w.heading(1, w.say('export.doc.title', { number: w.typed(w.dossier.number) }));
  w.paragraph(w.say(w.isCopy ? 'export.copy.subtitle' : 'export.doc.subtitle'), 'emphasis');
}

function explanation(w: Writer): void {
  const { dossier, input } = w;
  w.heading(2, w.say('export.doc.explanation'));
  w.paragraph(
    input.accessCopy
      ? w.say('export.copy.explanationText', {
          recipient: w.words(`export.copy.for.${input.accessCopy.recipient}`),
        })
      : w.say('export.doc.explanationText'),
  );
  const pupil = dossier.pupil;
  const age = pupil.age
    ? w.say('export.doc.age', { years: pupil.age.years, on: w.date(pupil.age.recordedOn) })
    : pupil.birthYear !== undefined
      ? w.say('export.doc.birthYear', { year: pupil.birthYear })
      : [];
  w.fields([
    w.field('export.doc.number', w.typed(dossier.number)),
    w.field('export.doc.school', input.school ? w.typed(input.school.name) : w.say('export.doc.unknown')),
    w.field('export.doc.pupil', joined(', ', w.typed(pupil.reference), w.typed(pupil.group), age)),
    w.field(
      'export.doc.status',
      w.say(dossier.status === 'open' ? 'export.doc.status.open' : 'export.doc.status.closed'),
    ),
    w.field('export.doc.openedOn', w.dateTime(dossier.openedAt)),
    input.accessCopy &&
      w.field('export.copy.recipient', w.say(`export.copy.for.${input.accessCopy.recipient}`)),
    w.field(
      input.accessCopy ? 'export.copy.madeOn' : 'export.doc.exportedOn',
      w.dateTime(input.now.toISOString()),
    ),
    w.field(input.accessCopy ? 'export.copy.madeBy' : 'export.doc.exportedBy', w.typed(input.exportedBy)),
  ]);
}

function stepsTaken(w: Writer): void {
  const { dossier } = w;
  w.heading(2, w.say('export.doc.steps'));
  const statuses = stepStatuses(dossier);
  w.fields(
    STEPS.map((step) => {
      const status = w.words(`status.${statuses[step]}`);
      const entries = dossier.log.filter((entry) => entry.step === step);
      const first = entries[0];
      const last = entries.at(-1);
      return w.field(
        `step.${step}`,
        first && last
          ? w.say('export.doc.stepDates', { status, first: w.date(first.at), last: w.date(last.at) })
          : status,
      );
    }),
  );
  const missing = missingBeforeDecision(dossier);
  if (missing.length > 0) w.paragraph(w.say('export.doc.missing', { steps: stepList(w.voice, missing) }));
}

function people(w: Writer): void {
  const { dossier, input } = w;
  w.heading(2, w.say('export.doc.people'));
  const authors = new Map<string, Text>();
  for (const entry of dossier.log) {
    if (entry.authorId === REMINDER_AUTHOR.id || authors.has(entry.authorId)) continue;
    authors.set(entry.authorId, [
      ...w.typed(entry.authorName),
      ...plain(` (${roleLabel(w.voice, entry.role)})`),
    ]);
  }
  const unknown = w.say('export.doc.unknown');
  w.fields([
    w.field('export.doc.owner', w.typed(dossier.ownerName)),
    w.field(
      'export.doc.coordinators',
      input.school ? joined(', ', ...input.school.coordinators.map((c) => w.typed(c.name))) : unknown,
    ),
    w.field('export.doc.decisionMaker', input.school ? w.typed(input.school.decisionMaker.name) : unknown),
    w.field('export.doc.authors', joined(', ', ...authors.values())),
  ]);
}

function signal(w: Writer, entry: EntryOf<'signalRecorded'>): void {
  const d = entry.data;
  const informantLeftOut = w.partly(entry, 'informant');
  const source: Text =
    d.source === 'eigen-waarneming'
      ? w.say('export.doc.sourceOwn')
      : w.say('export.doc.sourceFromOthers', {
          source: w.typed(sourceText(w.voice, informantLeftOut ? { ...d, sourceName: undefined } : d)),
        });
  w.heading(4, w.say('export.doc.signal', { seq: entry.seq, on: w.date(d.observedOn) }));
  w.fields([
    w.field('export.doc.source', source, d.source !== 'eigen-waarneming'),
    informantLeftOut && { ...w.field('export.copy.toldBy', w.withheldMark('informant')), withheld: true },
    w.field('export.doc.place', w.typed(d.place)),
    w.field('export.doc.signals', w.typed(signalNames(w.voice, d.categories))),
    w.field('export.doc.forms', w.typed(specificFormNames(w.voice, specificFormsOfSignal(d)))),
    w.recorded(entry),
  ]);
  w.quote('export.doc.description', d.description);
  w.corrections(entry);
}

/** An entry the copy leaves out entirely: its heading, who recorded it when, and the mark. */
function leftOut(w: Writer, entry: LogEntry, heading: Text, reason: WithheldReason): void {
  w.heading(4, heading);
  w.fields([w.recorded(entry)]);
  w.withheld(reason);
  w.corrections(entry);
}

function concerns(w: Writer): void {
  const { dossier } = w;
  w.heading(2, w.say('export.doc.concerns'));
  const opened = entriesOf(dossier, 'dossierOpened')[0];
  if (opened && opened.data.firstDescription !== '') {
    w.heading(3, w.say('export.doc.firstDescription'));
    w.fields([w.recorded(opened)]);
    const reason = w.wholly(opened);
    if (reason) w.withheld(reason);
    else w.quote('export.doc.description', opened.data.firstDescription);
  }
  const signals = entriesOf(dossier, 'signalRecorded');
  const own = signals.filter((s) => !s.data.pointsOtherWay && s.data.source === 'eigen-waarneming');
  const fromOthers = signals.filter((s) => !s.data.pointsOtherWay && s.data.source !== 'eigen-waarneming');
  const counter = signals.filter((s) => s.data.pointsOtherWay);
  const each = (entry: EntryOf<'signalRecorded'>): void => {
    const reason = w.wholly(entry);
    if (reason)
      leftOut(
        w,
        entry,
        w.say('export.doc.signal', { seq: entry.seq, on: w.date(entry.data.observedOn) }),
        reason,
      );
    else signal(w, entry);
  };
  w.heading(3, w.say('export.doc.ownObservation'));
  own.forEach(each);
  w.nothingIfEmpty(own);
  w.heading(3, w.say('export.doc.fromOthers'));
  w.paragraph(w.say('export.doc.fromOthersText'), 'emphasis');
  fromOthers.forEach(each);
  w.nothingIfEmpty(fromOthers);
  w.heading(3, w.say('export.doc.counterIndications'));
  counter.forEach(each);
  w.nothingIfEmpty(counter);

  w.heading(3, w.say('export.doc.contacts'));
  const contacts = entriesOf(dossier, 'contactRecorded');
  for (const entry of contacts) {
    const reason = w.wholly(entry);
    const nameLeftOut = w.partly(entry, 'informant') || reason !== undefined;
    const heading = nameLeftOut
      ? w.say('export.copy.contact', { on: w.date(entry.data.on) })
      : w.say('export.doc.contact', { with: w.typed(entry.data.with), on: w.date(entry.data.on) });
    if (reason) {
      leftOut(w, entry, heading, reason);
      continue;
    }
    w.heading(4, heading);
    w.fields([
      nameLeftOut && { ...w.field('export.copy.contactWith', w.withheldMark('informant')), withheld: true },
      w.recorded(entry),
    ]);
    w.quote('export.doc.contactOutcome', entry.data.outcome);
    w.corrections(entry);
  }
  w.nothingIfEmpty(contacts);

  w.heading(3, w.say('export.doc.notes'));
  const notes = entriesOf(dossier, 'noteRecorded');
  for (const entry of notes) {
    const reason = w.wholly(entry);
    if (reason) {
      leftOut(w, entry, w.say('export.doc.note', { seq: entry.seq }), reason);
      continue;
    }
    w.heading(
      4,
      entry.data.isOpinion
        ? w.say('export.doc.opinion', { author: w.typed(entry.authorName), seq: entry.seq })
        : w.say('export.doc.note', { seq: entry.seq }),
    );
    w.fields([w.recorded(entry)]);
    w.quote(plain(kindLabel(w.voice, 'noteRecorded')), entry.data.text);
    w.corrections(entry);
  }
  w.nothingIfEmpty(notes);
}

function consultations(w: Writer): void {
  const { dossier } = w;
  w.heading(2, w.say('export.doc.consultations'));
  const forms = specificFormsOf(dossier);
  if (forms.length > 0)
    w.paragraph(w.say('export.doc.adviceRequired', { forms: specificFormNames(w.voice, forms) }), 'strong');
  const entries = dossier.log.filter(
    (entry) =>
      entry.kind === 'consultationRecorded' ||
      entry.kind === 'consultationAdviceRecorded' ||
      entry.kind === 'veiligThuisAdviceRecorded',
  );
  for (const entry of entries) {
    const reason = w.wholly(entry);
    switch (entry.kind) {
      case 'consultationRecorded': {
        const d = entry.data;
        if (reason) {
          leftOut(w, entry, w.say('export.copy.consultation', { on: w.date(d.on) }), reason);
          continue;
        }
        w.heading(4, w.say('export.doc.consultation', { with: w.typed(d.with), on: w.date(d.on) }));
        w.fields([w.recorded(entry)]);
        w.quote('export.doc.advice', d.advice);
        break;
      }
      case 'veiligThuisAdviceRecorded': {
        const d = entry.data;
        const heading = w.say('export.doc.veiligThuisAdvice', {
          on: w.date(d.on),
          anonymous: w.words(
            d.anonymous ? 'chronology.summary.anonymous' : 'chronology.summary.notAnonymous',
          ),
        });
        if (reason) {
          leftOut(w, entry, heading, reason);
          continue;
        }
        w.heading(4, heading);
        w.fields([w.recorded(entry)]);
        w.quote('export.doc.advice', d.advice);
        break;
      }
      default: {
        const heading = plain(kindLabel(w.voice, entry.kind));
        if (reason) {
          leftOut(w, entry, heading, reason);
          continue;
        }
        w.heading(4, heading);
        w.fields([w.recorded(entry)]);
        w.quote(
          'export.doc.advice',
          entry.kind === 'consultationAdviceRecorded' ? entry.data.advice : undefined,
        );
      }
    }
    w.corrections(entry);
  }
  w.nothingIfEmpty(entries);
}

function conversation(w: Writer): void {
  const { dossier } = w;
  w.heading(2, w.say('export.doc.conversation'));
  const entries = dossier.log.filter(
    (entry) => entry.kind === 'conversationRecorded' || entry.kind === 'conversationSkipped',
  );
  for (const entry of entries) {
    const reason = w.wholly(entry);
    if (entry.kind === 'conversationRecorded') {
      const d = entry.data;
      const heading = w.say('export.doc.conversationHeld', {
        on: w.date(d.on),
        participants: participantNames(w.voice, d.participants),
      });
      if (reason) {
        leftOut(w, entry, heading, reason);
        continue;
      }
      w.heading(4, heading);
      w.fields([w.recorded(entry)]);
      w.quote('export.doc.said', d.said);
      w.quote('export.doc.reaction', d.reaction);
      w.quote('export.doc.outcome', d.outcome);
      if (d.parentsDespiteWarning) w.quote('export.doc.despiteWarning', d.parentsDespiteWarningReason);
    } else if (entry.kind === 'conversationSkipped') {
      if (reason) {
        leftOut(w, entry, w.say('export.doc.conversationSkipped'), reason);
        continue;
      }
      w.heading(4, w.say('export.doc.conversationSkipped'));
      w.fields([w.recorded(entry)]);
      w.quote('export.doc.reason', entry.data.reason);
    }
    w.corrections(entry);
  }
  w.nothingIfEmpty(entries);
}

function weighing(w: Writer): void {
  w.heading(2, w.say('export.doc.weighing'));
  const entries = entriesOf(w.dossier, 'weighingRecorded');
  for (const entry of entries) {
    const heading = w.say('export.doc.weighingItem', { seq: entry.seq });
    const reason = w.wholly(entry);
    if (reason) {
      leftOut(w, entry, heading, reason);
      continue;
    }
    w.heading(4, heading);
    w.fields([
      w.field('export.doc.suspicion', yesNo(w.voice, entry.data.suspicion)),
      w.field('export.doc.acute', yesNo(w.voice, entry.data.acuteUnsafety)),
      w.field('export.doc.structural', yesNo(w.voice, entry.data.structuralUnsafety)),
      w.recorded(entry),
    ]);
    w.quote('export.doc.reasoning', entry.data.reasoning);
    w.corrections(entry);
  }
  w.nothingIfEmpty(entries);
}

function afwegingskader(w: Writer): void {
  const { dossier } = w;
  w.heading(2, w.say('export.doc.afwegingskader'));
  const afweging = afwegingskaderState(dossier);
  for (const answer of afweging.answers) {
    const entry = dossier.log.find((e) => e.seq === answer.seq);
    const heading = w.say('export.doc.question', {
      question: answer.question,
      text: w.words(`afwegingsvraag.${answer.question}.question`),
    });
    const reason = entry && w.wholly(entry);
    if (entry && reason) {
      leftOut(w, entry, heading, reason);
      continue;
    }
    w.heading(4, heading);
    w.fields([w.field('export.doc.answer', yesNo(w.voice, answer.answer)), entry && w.recorded(entry)]);
    w.quote('export.doc.reasoning', answer.reasoning);
    // An answer that departs from what the dossier shows carries why; the beslisser sees it too.
    if (entry?.kind === 'afwegingsvraagAnswered') w.quote('export.doc.deviation', entry.data.deviationReason);
    if (entry) w.corrections(entry);
  }
  w.nothingIfEmpty(afweging.answers);
  if (afweging.outcome)
    w.paragraph(
      w.say('export.doc.afwegingOutcome', { outcome: w.words(`close.outcome.${afweging.outcome}`) }),
      'strong',
    );
  if (afweging.superseded.length > 0)
    w.paragraph(w.say('export.doc.superseded', { seqs: afweging.superseded.map((s) => `#${s}`).join(', ') }));
  for (const entry of dossier.log) {
    if (entry.kind !== 'decisionConfirmed' && entry.kind !== 'decisionSentBack') continue;
    const heading = plain(kindLabel(w.voice, entry.kind));
    const reason = w.wholly(entry);
    if (reason) {
      leftOut(w, entry, heading, reason);
      continue;
    }
    w.heading(4, heading);
    w.fields([w.recorded(entry)]);
    w.quote(heading, entrySummary(w.voice, entry));
  }
}

function decisions(w: Writer): void {
  const { dossier } = w;
  w.heading(2, w.say('export.doc.decisions'));
  const entries = dossier.log.filter(
    (entry) =>
      entry.kind === 'reportRecorded' ||
      entry.kind === 'reportFeedbackRecorded' ||
      entry.kind === 'helpPlanRecorded' ||
      entry.kind === 'followUpRecorded',
  );
  for (const entry of entries) {
    const reason = w.wholly(entry);
    switch (entry.kind) {
      case 'reportRecorded': {
        const d = entry.data;
        const heading = w.say('export.doc.report', { to: w.typed(d.to), on: w.date(d.on) });
        if (reason) {
          leftOut(w, entry, heading, reason);
          continue;
        }
        // The age rule as it stood on the day of the report (the same rule decide() applied).
        const must = mustDiscussReportWith(dossier.pupil, new Date(entry.at));
        const harmLeftOut = w.partly(entry, 'harm');
        const why = (given: string | undefined): string | undefined =>
          harmLeftOut && given !== undefined ? t(w.voice, 'export.copy.withheld.harm') : given;
        w.heading(4, heading);
        w.fields([
          d.acute === true && w.field('export.doc.acuteReport', w.say('chronology.yes')),
          w.field('export.doc.reportReference', w.typed(d.reference ?? '')),
          w.field(
            'export.doc.discussedWithPupil',
            w.typed(
              discussedText(
                w.voice,
                d.discussedWithPupil,
                d.pupilException,
                why(d.pupilExceptionReason),
                must.pupil,
              ),
            ),
          ),
          w.field(
            'export.doc.discussedWithParents',
            w.typed(
              discussedText(
                w.voice,
                d.discussedWithParents,
                d.parentsException,
                why(d.parentsExceptionReason),
                must.parents,
              ),
            ),
          ),
          w.recorded(entry),
        ]);
        if (w.partly(entry, 'informant')) {
          w.blocks.push({
            kind: 'quote',
            label: w.say('export.doc.informationFromOthers'),
            lines: [w.withheldMark('informant')],
          });
        } else w.quote('export.doc.informationFromOthers', d.informationFromOthers);
        w.quote('export.doc.pupilReaction', d.pupilReaction);
        w.quote('export.doc.parentsReaction', d.parentsReaction);
        if (d.parentsDespiteWarning) w.quote('export.doc.despiteWarning', d.parentsDespiteWarningReason);
        w.quote('export.doc.schoolActions', d.schoolActionsAfterReport);
        break;
      }
      case 'reportFeedbackRecorded': {
        const heading = w.say('export.doc.feedback', { on: w.date(entry.data.on) });
        if (reason) {
          leftOut(w, entry, heading, reason);
          continue;
        }
        w.heading(4, heading);
        w.fields([w.recorded(entry)]);
        w.quote(plain(kindLabel(w.voice, entry.kind)), entry.data.feedback);
        break;
      }
      case 'helpPlanRecorded': {
        const d = entry.data;
        const heading = w.say('export.doc.helpPlan', { seq: entry.seq });
        if (reason) {
          leftOut(w, entry, heading, reason);
          continue;
        }
        w.heading(4, heading);
        w.fields([
          w.field('export.doc.helpWho', w.typed(d.who)),
          w.field('export.doc.helpDeadline', w.date(d.deadline)),
          w.field('export.doc.helpFollowUp', w.date(d.followUpOn)),
          w.recorded(entry),
        ]);
        w.quote('export.doc.helpWhat', d.what);
        break;
      }
      case 'followUpRecorded': {
        const heading = w.say('export.doc.followUp', { on: w.date(entry.data.on) });
        if (reason) {
          leftOut(w, entry, heading, reason);
          continue;
        }
        w.heading(4, heading);
        w.fields([w.recorded(entry)]);
        w.quote(plain(kindLabel(w.voice, entry.kind)), entry.data.text);
        break;
      }
    }
    w.corrections(entry);
  }
  w.nothingIfEmpty(entries);
}

function closing(w: Writer): void {
  const { dossier } = w;
  w.heading(2, w.say('export.doc.closing'));
  for (const entry of dossier.log) {
    if (entry.kind !== 'dossierClosed' && entry.kind !== 'dossierReopened') continue;
    const at = w.dateTime(entry.at);
    const reason = w.wholly(entry);
    if (entry.kind === 'dossierClosed') {
      const heading = w.say('export.doc.closed', { at });
      if (reason) {
        leftOut(w, entry, heading, reason);
        continue;
      }
      w.heading(4, heading);
      w.fields([
        w.field('export.doc.reason', closureReasonLabel(w.voice, entry.data.reason)),
        w.recorded(entry),
      ]);
      w.quote('close.note', entry.data.note);
      w.quote('export.doc.overrideReason', entry.data.overrideReason);
    } else {
      const heading = w.say('export.doc.reopened', { at });
      if (reason) {
        leftOut(w, entry, heading, reason);
        continue;
      }
      w.heading(4, heading);
      w.fields([w.recorded(entry)]);
      w.quote('export.doc.reason', entry.data.reason);
    }
    w.corrections(entry);
  }
  if (dossier.status === 'open') w.paragraph(w.say('export.doc.stillOpen'));
}

function chronology(w: Writer): void {
  w.heading(2, w.say('export.doc.chronology'));
  for (const entry of w.dossier.log) {
    const line = joined(
      ' · ',
      plain(entryKindLine(w.voice, entry)),
      entry.corrects ? w.say('chronology.corrects', { seq: entry.corrects }) : [],
    );
    w.blocks.push({
      kind: 'entry',
      header: authorIn(w, entryHeader(w.voice, entry, '\u0000'), entry),
      line,
    });
    const whole = w.wholly(entry);
    const parts = w.withholding.partly.get(entry.seq);
    if (whole) w.withheld(whole);
    else if (parts) {
      w.blocks.push({
        kind: 'withheld',
        text: w.say('export.copy.partly', {
          reasons: parts.map((reason) => w.words(`export.copy.reason.${reason}`)).join(', '),
        }),
      });
    } else {
      const summary = entrySummary(w.voice, entry);
      if (summary.trim() !== '') w.blocks.push({ kind: 'quote', lines: typedLines(w.voice, summary) });
    }
  }
}

/** The chronology header with the author's name as typed text in the place held by a NUL mark. */
function authorIn(w: Writer, header: string, entry: LogEntry): Text {
  const [before = '', after = ''] = header.split('\u0000');
  return [...plain(before), ...w.typed(entry.authorName), ...plain(after)];
}

const SECTIONS = [
  title,
  explanation,
  stepsTaken,
  people,
  concerns,
  consultations,
  conversation,
  weighing,
  afwegingskader,
  decisions,
  closing,
  chronology,
] as const;

/** The dossier (or the copy for the parents or the pupil) as a document model. */
export function dossierDocument(input: DossierDocumentInput): DocumentModel {
  const w = new Writer(input);
  for (const section of SECTIONS) section(w);
  const number = input.dossier.number;
  return {
    language: input.language,
    title: w.words('export.doc.title', { number }),
    runningHead: w.words(input.accessCopy ? 'export.copy.runningHead' : 'export.doc.runningHead', { number }),
    pageNumbering: w.words('export.doc.page'),
    blocks: w.blocks,
  };
}
