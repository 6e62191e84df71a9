// The whole dossier as one readable Markdown document, for the pupil file and as the basis of a report
// to Veilig Thuis. Its sections follow Veilig Thuis's report form (explanation, steps taken, people
// involved, the concerns, …) and end with the full chronology. Pure: no I/O, the clock is passed in.
//
// What came from others is marked at every signal; opinions carry their author. Everything a user
// typed is escaped so it cannot break the document's structure, and numbers that look like a citizen
// service number (BSN) are left out: a pupil is identified minimally, also on paper.

import { t, type Language } from '../i18n';
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
} from '../domain';
import type { School } from '../domain/school';
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
} from '../cards/views';

export interface ExportInput {
  dossier: Dossier;
  /** The dossier's school as configured now: the names of its zorgcoördinatoren and beslisser. */
  school: School | undefined;
  language: Language;
  /** The name of who asks for the export. */
  exportedBy: string;
  now: Date;
}

/** The file name of the export: the dossier number, which holds no pupil data. */
export function exportFileName(dossier: Dossier): string {
  const safe = dossier.number.replace(/[^A-Za-z0-9-]/g, '');
  return `${safe === '' ? 'dossier' : safe}.md`;
}

// ---- Escaping what users typed ---------------------------------------------------------------------------

/** Nine digits, possibly grouped with spaces or dots, not part of a longer number. */
const BSN_LIKE = /(?<![\d.])\d(?:[ .]?\d){8}(?![\d]|[ .]\d)/g;
/** Control characters except tabs (line breaks are handled by the callers). */
const INVISIBLE = /(?![\n\t])\p{Cc}/gu;
const MARKDOWN = /[\\`*_[\]<>|#]/g;

function clean(language: Language, text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(MARKDOWN, (c) => `\\${c}`)
    .replace(BSN_LIKE, () => t(language, 'export.doc.bsnRemoved'));
}

// ---- A small document builder ----------------------------------------------------------------------------

class Markdown {
  private readonly blocks: string[] = [];

  constructor(private readonly language: Language) {}

  /** User text on one line. */
  inline(text: string): string {
    return clean(this.language, text.replace(/\s+/g, ' ').trim());
  }

  heading(level: number, text: string): this {
    this.blocks.push(`${'#'.repeat(level)} ${text}`);
    return this;
  }

  paragraph(text: string): this {
    this.blocks.push(text);
    return this;
  }

  /** Labelled short values as one list; values are given already escaped. */
  fields(rows: readonly (readonly [string, string] | false | undefined)[]): this {
    const lines = rows
      .filter((row): row is readonly [string, string] => Array.isArray(row) && row[1] !== '')
      .map(([label, value]) => `- **${label}:** ${value}`);
    if (lines.length > 0) this.blocks.push(lines.join('\n'));
    return this;
  }

  /** A labelled piece of user text, quoted with its line breaks. Nothing when the text is empty. */
  quote(label: string, text: string | undefined): this {
    if (text === undefined || text.trim() === '') return this;
    const lines = text
      .trim()
      .split(/\r?\n/)
      .map((line) => `> ${clean(this.language, line)}`.trimEnd());
    this.blocks.push(`**${label}:**\n\n${lines.join('\n')}`);
    return this;
  }

  toString(): string {
    return `${this.blocks.join('\n\n')}\n`;
  }
}

// ---- The document ------------------------------------------------------------------------------------------

export function dossierMarkdown(input: ExportInput): string {
  const { dossier, school, language, now } = input;
  const say = (key: Parameters<typeof t>[1], params: Record<string, string | number> = {}): string =>
    t(language, key, params);
  const md = new Markdown(language);
  const date = (d: string): string => formatDate(language, d);
  const by = (entry: LogEntry): string =>
    say('export.doc.by', {
      at: formatDateTime(language, entry.at),
      author: md.inline(entry.authorName),
      role: roleLabel(language, entry.role),
      seq: entry.seq,
    });
  const recorded = (entry: LogEntry): readonly [string, string] => [say('export.doc.recordedBy'), by(entry)];
  const corrections = (entry: LogEntry): void => {
    for (const correction of correctionsOf(dossier, entry.seq)) {
      const text = typeof correction.data['text'] === 'string' ? correction.data['text'] : '';
      md.quote(
        say('export.doc.correctedBy', {
          seq: correction.seq,
          at: formatDateTime(language, correction.at),
          author: md.inline(correction.authorName),
        }),
        text,
      );
    }
  };
  const nothingIfEmpty = (items: readonly unknown[]): void => {
    if (items.length === 0) md.paragraph(`_${say('export.doc.nothing')}_`);
  };

  // Title and explanation.
  md.heading(1, say('export.doc.title', { number: md.inline(dossier.number) }));
  md.paragraph(`_${say('export.doc.subtitle')}_`);
  md.heading(2, say('export.doc.explanation'));
  md.paragraph(say('export.doc.explanationText'));
  const pupil = dossier.pupil;
  const age = pupil.age
    ? say('export.doc.age', { years: pupil.age.years, on: date(pupil.age.recordedOn) })
    : pupil.birthYear !== undefined
      ? say('export.doc.birthYear', { year: pupil.birthYear })
      : '';
  md.fields([
    [say('export.doc.number'), md.inline(dossier.number)],
    [say('export.doc.school'), school ? md.inline(school.name) : say('export.doc.unknown')],
    [
      say('export.doc.pupil'),
      [md.inline(pupil.reference), md.inline(pupil.group), age].filter((p) => p !== '').join(', '),
    ],
    [
      say('export.doc.status'),
      say(dossier.status === 'open' ? 'export.doc.status.open' : 'export.doc.status.closed'),
    ],
    [say('export.doc.openedOn'), formatDateTime(language, dossier.openedAt)],
    [say('export.doc.exportedOn'), formatDateTime(language, now.toISOString())],
    [say('export.doc.exportedBy'), md.inline(input.exportedBy)],
  ]);

  // The meldcode steps taken.
  md.heading(2, say('export.doc.steps'));
  const statuses = stepStatuses(dossier);
  md.fields(
    STEPS.map((step) => {
      const status = say(`status.${statuses[step]}`);
      const entries = dossier.log.filter((entry) => entry.step === step);
      const first = entries[0];
      const last = entries.at(-1);
      return [
        say(`step.${step}`),
        first && last
          ? say('export.doc.stepDates', {
              status,
              first: formatDate(language, first.at),
              last: formatDate(language, last.at),
            })
          : status,
      ] as const;
    }),
  );
  const missing = missingBeforeDecision(dossier);
  if (missing.length > 0) md.paragraph(say('export.doc.missing', { steps: stepList(language, missing) }));

  // The people involved, with the names the school's configuration gives.
  md.heading(2, say('export.doc.people'));
  const authors = new Map<string, string>();
  for (const entry of dossier.log) {
    if (entry.authorId === REMINDER_AUTHOR.id || authors.has(entry.authorId)) continue;
    authors.set(entry.authorId, `${md.inline(entry.authorName)} (${roleLabel(language, entry.role)})`);
  }
  md.fields([
    [say('export.doc.owner'), md.inline(dossier.ownerName)],
    [
      say('export.doc.coordinators'),
      school ? school.coordinators.map((c) => md.inline(c.name)).join(', ') : say('export.doc.unknown'),
    ],
    [
      say('export.doc.decisionMaker'),
      school ? md.inline(school.decisionMaker.name) : say('export.doc.unknown'),
    ],
    [say('export.doc.authors'), [...authors.values()].join(', ')],
  ]);

  // The concerns: own observations apart from what others told, and what points the other way.
  md.heading(2, say('export.doc.concerns'));
  const opened = entriesOf(dossier, 'dossierOpened')[0];
  if (opened && opened.data.firstDescription !== '') {
    md.heading(3, say('export.doc.firstDescription'));
    md.fields([recorded(opened)]);
    md.quote(say('export.doc.description'), opened.data.firstDescription);
  }
  const signals = entriesOf(dossier, 'signalRecorded');
  const signal = (entry: EntryOf<'signalRecorded'>): void => {
    const d = entry.data;
    const source =
      d.source === 'eigen-waarneming'
        ? say('export.doc.sourceOwn')
        : `**${say('export.doc.sourceFromOthers', { source: md.inline(sourceText(language, d)) })}**`;
    md.heading(4, say('export.doc.signal', { seq: entry.seq, on: date(d.observedOn) }));
    md.fields([
      [say('export.doc.source'), source],
      [say('export.doc.place'), md.inline(d.place)],
      [say('export.doc.signals'), md.inline(signalNames(language, d.categories))],
      [say('export.doc.forms'), md.inline(specificFormNames(language, specificFormsOfSignal(d)))],
      recorded(entry),
    ]);
    md.quote(say('export.doc.description'), d.description);
    corrections(entry);
  };
  const own = signals.filter((s) => !s.data.pointsOtherWay && s.data.source === 'eigen-waarneming');
  const fromOthers = signals.filter((s) => !s.data.pointsOtherWay && s.data.source !== 'eigen-waarneming');
  const counter = signals.filter((s) => s.data.pointsOtherWay);
  md.heading(3, say('export.doc.ownObservation'));
  own.forEach(signal);
  nothingIfEmpty(own);
  md.heading(3, say('export.doc.fromOthers'));
  md.paragraph(`_${say('export.doc.fromOthersText')}_`);
  fromOthers.forEach(signal);
  nothingIfEmpty(fromOthers);
  md.heading(3, say('export.doc.counterIndications'));
  counter.forEach(signal);
  nothingIfEmpty(counter);

  md.heading(3, say('export.doc.contacts'));
  const contacts = entriesOf(dossier, 'contactRecorded');
  for (const entry of contacts) {
    md.heading(4, say('export.doc.contact', { with: md.inline(entry.data.with), on: date(entry.data.on) }));
    md.fields([recorded(entry)]);
    md.quote(say('export.doc.contactOutcome'), entry.data.outcome);
    corrections(entry);
  }
  nothingIfEmpty(contacts);

  md.heading(3, say('export.doc.notes'));
  const notes = entriesOf(dossier, 'noteRecorded');
  for (const entry of notes) {
    const title = entry.data.isOpinion
      ? say('export.doc.opinion', { author: md.inline(entry.authorName), seq: entry.seq })
      : say('export.doc.note', { seq: entry.seq });
    md.heading(4, title);
    md.fields([recorded(entry)]);
    md.quote(kindLabel(language, 'noteRecorded'), entry.data.text);
    corrections(entry);
  }
  nothingIfEmpty(notes);

  // Consultation and Veilig Thuis advice.
  md.heading(2, say('export.doc.consultations'));
  const forms = specificFormsOf(dossier);
  if (forms.length > 0)
    md.paragraph(`**${say('export.doc.adviceRequired', { forms: specificFormNames(language, forms) })}**`);
  const consultations = dossier.log.filter(
    (entry) =>
      entry.kind === 'consultationRecorded' ||
      entry.kind === 'consultationAdviceRecorded' ||
      entry.kind === 'veiligThuisAdviceRecorded',
  );
  for (const entry of consultations) {
    if (entry.kind === 'consultationRecorded') {
      const d = (entry as unknown as EntryOf<'consultationRecorded'>).data;
      md.heading(4, say('export.doc.consultation', { with: md.inline(d.with), on: date(d.on) }));
      md.fields([recorded(entry)]);
      md.quote(say('export.doc.advice'), d.advice);
    } else if (entry.kind === 'veiligThuisAdviceRecorded') {
      const d = (entry as unknown as EntryOf<'veiligThuisAdviceRecorded'>).data;
      md.heading(
        4,
        say('export.doc.veiligThuisAdvice', {
          on: date(d.on),
          anonymous: say(d.anonymous ? 'chronology.summary.anonymous' : 'chronology.summary.notAnonymous'),
        }),
      );
      md.fields([recorded(entry)]);
      md.quote(say('export.doc.advice'), d.advice);
    } else {
      md.heading(4, kindLabel(language, entry.kind));
      md.fields([recorded(entry)]);
      const advice = entry.data['advice'];
      md.quote(say('export.doc.advice'), typeof advice === 'string' ? advice : undefined);
    }
    corrections(entry);
  }
  nothingIfEmpty(consultations);

  // The conversation with the pupil and/or the parents, or why it was skipped.
  md.heading(2, say('export.doc.conversation'));
  const conversations = dossier.log.filter(
    (entry) => entry.kind === 'conversationRecorded' || entry.kind === 'conversationSkipped',
  );
  for (const entry of conversations) {
    if (entry.kind === 'conversationRecorded') {
      const d = (entry as unknown as EntryOf<'conversationRecorded'>).data;
      md.heading(
        4,
        say('export.doc.conversationHeld', {
          on: date(d.on),
          participants: participantNames(language, d.participants),
        }),
      );
      md.fields([recorded(entry)]);
      md.quote(say('export.doc.said'), d.said);
      md.quote(say('export.doc.reaction'), d.reaction);
      md.quote(say('export.doc.outcome'), d.outcome);
      if (d.parentsDespiteWarning) md.quote(say('export.doc.despiteWarning'), d.parentsDespiteWarningReason);
    } else {
      const d = (entry as unknown as EntryOf<'conversationSkipped'>).data;
      md.heading(4, say('export.doc.conversationSkipped'));
      md.fields([recorded(entry)]);
      md.quote(say('export.doc.reason'), d.reason);
    }
    corrections(entry);
  }
  nothingIfEmpty(conversations);

  // The weighing.
  md.heading(2, say('export.doc.weighing'));
  const weighings = entriesOf(dossier, 'weighingRecorded');
  for (const entry of weighings) {
    md.heading(4, say('export.doc.weighingItem', { seq: entry.seq }));
    md.fields([
      [say('export.doc.suspicion'), yesNo(language, entry.data.suspicion)],
      [say('export.doc.acute'), yesNo(language, entry.data.acuteUnsafety)],
      [say('export.doc.structural'), yesNo(language, entry.data.structuralUnsafety)],
      recorded(entry),
    ]);
    md.quote(say('export.doc.reasoning'), entry.data.reasoning);
    corrections(entry);
  }
  nothingIfEmpty(weighings);

  // The afwegingskader: the answers on the current path, each with its reasoning, and the outcome.
  md.heading(2, say('export.doc.afwegingskader'));
  const afweging = afwegingskaderState(dossier);
  for (const answer of afweging.answers) {
    const entry = dossier.log.find((e) => e.seq === answer.seq);
    md.heading(
      4,
      say('export.doc.question', {
        question: answer.question,
        text: say(`export.doc.question.${answer.question}`),
      }),
    );
    md.fields([[say('export.doc.answer'), yesNo(language, answer.answer)], entry && recorded(entry)]);
    md.quote(say('export.doc.reasoning'), answer.reasoning);
    if (entry) corrections(entry);
  }
  nothingIfEmpty(afweging.answers);
  if (afweging.outcome)
    md.paragraph(
      `**${say('export.doc.afwegingOutcome', { outcome: say(`close.outcome.${afweging.outcome}`) })}**`,
    );
  if (afweging.superseded.length > 0)
    md.paragraph(say('export.doc.superseded', { seqs: afweging.superseded.map((s) => `#${s}`).join(', ') }));
  for (const entry of dossier.log.filter(
    (e) => e.kind === 'decisionConfirmed' || e.kind === 'decisionSentBack',
  )) {
    md.heading(4, kindLabel(language, entry.kind));
    md.fields([recorded(entry)]);
    md.quote(kindLabel(language, entry.kind), entrySummary(language, entry));
  }

  // Report, help and follow-up.
  md.heading(2, say('export.doc.decisions'));
  const decisions = dossier.log.filter(
    (entry) =>
      entry.kind === 'reportRecorded' ||
      entry.kind === 'reportFeedbackRecorded' ||
      entry.kind === 'helpPlanRecorded' ||
      entry.kind === 'followUpRecorded',
  );
  for (const entry of decisions) {
    switch (entry.kind) {
      case 'reportRecorded': {
        const d = (entry as unknown as EntryOf<'reportRecorded'>).data;
        // The age rule as it stood on the day of the report (the same rule decide() applied).
        const must = mustDiscussReportWith(dossier.pupil, new Date(entry.at));
        md.heading(4, say('export.doc.report', { to: md.inline(d.to), on: date(d.on) }));
        md.fields([
          [say('export.doc.reportReference'), md.inline(d.reference ?? '')],
          [
            say('export.doc.discussedWithPupil'),
            md.inline(
              discussedText(
                language,
                d.discussedWithPupil,
                d.pupilException,
                d.pupilExceptionReason,
                must.pupil,
              ),
            ),
          ],
          [
            say('export.doc.discussedWithParents'),
            md.inline(
              discussedText(
                language,
                d.discussedWithParents,
                d.parentsException,
                d.parentsExceptionReason,
                must.parents,
              ),
            ),
          ],
          recorded(entry),
        ]);
        md.quote(say('export.doc.informationFromOthers'), d.informationFromOthers);
        md.quote(say('export.doc.schoolActions'), d.schoolActionsAfterReport);
        break;
      }
      case 'reportFeedbackRecorded': {
        const d = (entry as unknown as EntryOf<'reportFeedbackRecorded'>).data;
        md.heading(4, say('export.doc.feedback', { on: date(d.on) }));
        md.fields([recorded(entry)]);
        md.quote(kindLabel(language, entry.kind), d.feedback);
        break;
      }
      case 'helpPlanRecorded': {
        const d = (entry as unknown as EntryOf<'helpPlanRecorded'>).data;
        md.heading(4, say('export.doc.helpPlan', { seq: entry.seq }));
        md.fields([
          [say('export.doc.helpWho'), md.inline(d.who)],
          [say('export.doc.helpDeadline'), date(d.deadline)],
          [say('export.doc.helpFollowUp'), date(d.followUpOn)],
          recorded(entry),
        ]);
        md.quote(say('export.doc.helpWhat'), d.what);
        break;
      }
      default: {
        const d = (entry as unknown as EntryOf<'followUpRecorded'>).data;
        md.heading(4, say('export.doc.followUp', { on: date(d.on) }));
        md.fields([recorded(entry)]);
        md.quote(kindLabel(language, entry.kind), d.text);
      }
    }
    corrections(entry);
  }
  nothingIfEmpty(decisions);

  // Closing and reopening.
  md.heading(2, say('export.doc.closing'));
  const closings = dossier.log.filter((e) => e.kind === 'dossierClosed' || e.kind === 'dossierReopened');
  for (const entry of closings) {
    const at = formatDateTime(language, entry.at);
    if (entry.kind === 'dossierClosed') {
      const d = (entry as unknown as EntryOf<'dossierClosed'>).data;
      md.heading(4, say('export.doc.closed', { at }));
      md.fields([[say('export.doc.reason'), closureReasonLabel(language, d.reason)], recorded(entry)]);
      md.quote(say('close.note'), d.note);
    } else {
      const d = (entry as unknown as EntryOf<'dossierReopened'>).data;
      md.heading(4, say('export.doc.reopened', { at }));
      md.fields([recorded(entry)]);
      md.quote(say('export.doc.reason'), d.reason);
    }
    corrections(entry);
  }
  if (dossier.status === 'open') md.paragraph(say('export.doc.stillOpen'));

  // The full chronology.
  md.heading(2, say('export.doc.chronology'));
  for (const entry of dossier.log) {
    const kind = [
      entryKindLine(language, entry),
      entry.corrects ? say('chronology.corrects', { seq: entry.corrects }) : '',
    ]
      .filter((p) => p !== '')
      .join(' · ');
    md.paragraph(`**${entryHeader(language, entry, md.inline(entry.authorName))}**  \n${kind}`);
    const summary = entrySummary(language, entry);
    if (summary.trim() !== '') md.paragraph(quoted(language, summary));
  }

  return md.toString();
}

/** A quoted block without a label (the chronology's summaries). */
function quoted(language: Language, text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${clean(language, line)}`.trimEnd())
    .join('\n');
}
