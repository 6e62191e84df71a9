// The documents a school files, as use cases: the dossier as PDF, Word or text; the copy for the
// parents or the pupil (zorgcoördinator only, every copy audited); the yearly figures as PDF or CSV.
// Each ends in a single-use download link (export-links.ts): a bot cannot attach a file in a
// personal chat without a consent flow.

import { type Dossier, type Role } from '../../domain';
import type { School } from '../../domain/school';
import { todayInAmsterdam } from '../../domain/calendar';
import {
  meldcodeFigures,
  mayReadFigures,
  schoolYearDates,
  schoolYearOf,
  type MeldcodeFigures,
} from '../../domain/figures';
import { addDays } from '../../domain/working-time';
import { workingCalendarOf } from '../../domain/reminders/settings';
import { voiceOf, type Language } from '../../i18n';
import type { Store } from '../../store/store';
import type { DossierService, AccessRefusal, Actor } from '../dossier-service';
import type { ExportLinks } from '../export-links';
import { dossierFile, type DossierFormat } from '../export';
import type { AccessCopyRequest } from './access-copy';
import { DOCUMENT_FORMATS } from './document';
import { figuresCsv, figuresDocument, figuresFileName } from './figures-document';
import { renderPdf } from './renderers';

/** The audit action of a copy for the parents or the pupil: who made one, of which dossier, when. */
export const ACCESS_COPY_AUDIT_ACTION = 'accessCopyMade';
/** A copy refused because the person asking is not a zorgcoördinator of the school. */
export const ACCESS_COPY_REFUSED_AUDIT_ACTION = 'refused:accessCopyNotCoordinator';

export type DocumentRefusal = AccessRefusal | { code: 'notCoordinator' } | { code: 'noFigures' };

export type LinkOutcome =
  | { ok: true; url: string; dossier: Dossier; role: Role }
  | { ok: false; refusal: DocumentRefusal }
  /** Entries the zorgcoördinator named to leave out that the dossier does not have: nothing made. */
  | { ok: false; unknownEntries: number[]; dossier: Dossier; role: Role };

export type FiguresOutcome =
  | { ok: true; figures: MeldcodeFigures; school: School; readable: School[]; currentSchoolYear: number }
  | { ok: false; refusal: DocumentRefusal };

export interface DocumentsDependencies {
  store: Store;
  dossiers: DossierService;
  links: ExportLinks;
  newId: () => string;
}

export class Documents {
  constructor(private readonly deps: DocumentsDependencies) {}

  /** The dossier as a file, for someone involved; audited as an export before anything is built. */
  async dossier(
    actor: Actor,
    ref: { schoolId: string; dossierId: string },
    format: DossierFormat,
    language: Language,
    now: Date,
  ): Promise<LinkOutcome> {
    const exported = await this.deps.dossiers.export(actor, ref.schoolId, ref.dossierId, now);
    if (!exported.ok) return { ok: false, refusal: exported.access };
    const { dossier, role } = exported;
    const file = await dossierFile(
      { dossier, school: this.deps.dossiers.school(dossier.schoolId), language, exportedBy: actor.name, now },
      format,
    );
    const url = await this.deps.links.create(file, linkRequest(dossier, actor));
    return { ok: true, url, dossier, role };
  }

  /**
   * The copy for the parents or the pupil. Only a zorgcoördinator of the dossier's school makes one
   * (the role the app finds for the person, never a stored grant); the copy, or the refusal, is
   * audited under its own action name before anything is handed out.
   */
  async accessCopy(
    actor: Actor,
    ref: { schoolId: string; dossierId: string },
    request: AccessCopyRequest,
    format: Exclude<DossierFormat, 'md'>,
    language: Language,
    now: Date,
  ): Promise<LinkOutcome> {
    const viewed = await this.deps.dossiers.view(actor, ref.schoolId, ref.dossierId, now);
    if (!viewed.ok) return { ok: false, refusal: viewed.access };
    const { dossier, role } = viewed;
    if (role !== 'zorgcoordinator') {
      await this.audit(dossier, actor, ACCESS_COPY_REFUSED_AUDIT_ACTION, now);
      return { ok: false, refusal: { code: 'notCoordinator' } };
    }
    // A mistyped number would leave in what was meant to be left out: ask again instead.
    const unknownEntries = request.chosen.filter((seq) => !dossier.log.some((entry) => entry.seq === seq));
    if (unknownEntries.length > 0) return { ok: false, unknownEntries, dossier, role };
    await this.audit(dossier, actor, ACCESS_COPY_AUDIT_ACTION, now);
    const file = await dossierFile(
      {
        dossier,
        school: this.deps.dossiers.school(dossier.schoolId),
        language,
        exportedBy: actor.name,
        now,
        accessCopy: request,
      },
      format,
    );
    const url = await this.deps.links.create(file, linkRequest(dossier, actor));
    return { ok: true, url, dossier, role };
  }

  /**
   * A school's figures for one school year (the current one when none is given), for its
   * zorgcoördinatoren and its beslisser. Reads the school's list of dossiers, leaves out those not
   * changed since the year began (they cannot have been opened in it), and reads the rest by id.
   */
  async figures(
    actor: Actor,
    schoolId: string | undefined,
    schoolYear: number | undefined,
    now: Date,
  ): Promise<FiguresOutcome> {
    const readable = this.deps.dossiers.schoolsOf(actor).filter((school) => mayReadFigures(school, actor.id));
    const school = schoolId === undefined ? readable[0] : readable.find((s) => s.id === schoolId);
    if (!school) return { ok: false, refusal: { code: 'noFigures' } };
    const currentSchoolYear = schoolYearOf(todayInAmsterdam(now));
    const year = schoolYear ?? currentSchoolYear;
    const { from } = schoolYearDates(year);
    const lists = await Promise.all([
      this.deps.store.dossiersOfSchool(school.id, 'open'),
      this.deps.store.dossiersOfSchool(school.id, 'closed'),
    ]);
    // updatedAt is never before openedAt: a dossier last changed before the year began was opened
    // before it. A day's margin covers the hours by which Dutch time runs ahead of UTC.
    const since = addDays(from, -1);
    const candidates = lists.flat().filter((summary) => summary.updatedAt >= since);
    const read = await Promise.all(candidates.map((s) => this.deps.store.getDossier(s.schoolId, s.id)));
    const dossiers = read.flatMap((versioned) => (versioned ? [versioned.value] : []));
    const figures = meldcodeFigures(dossiers, {
      schoolId: school.id,
      schoolYear: year,
      calendar: workingCalendarOf(school),
    });
    return { ok: true, figures, school, readable, currentSchoolYear };
  }

  /** The figures as a PDF or CSV file behind a download link. */
  async figuresFile(
    actor: Actor,
    schoolId: string,
    schoolYear: number,
    format: 'pdf' | 'csv',
    language: Language,
    now: Date,
  ): Promise<{ ok: true; url: string; figures: MeldcodeFigures } | { ok: false; refusal: DocumentRefusal }> {
    const outcome = await this.figures(actor, schoolId, schoolYear, now);
    if (!outcome.ok) return outcome;
    const input = {
      figures: outcome.figures,
      schoolName: outcome.school.name,
      voice: voiceOf(language, outcome.school),
      madeBy: actor.name,
      now,
    };
    const body = format === 'pdf' ? await renderPdf(figuresDocument(input)) : figuresCsv(input);
    const url = await this.deps.links.create(
      {
        fileName: figuresFileName(outcome.figures, format),
        contentType: DOCUMENT_FORMATS[format].contentType,
        body,
      },
      {
        tenantId: outcome.school.tenantId,
        schoolId: outcome.school.id,
        // The download is audited like a dossier's; the figures are named by their school year.
        dossierId: `meldcodecijfers-${schoolYear}`,
        requestedBy: actor.id,
      },
    );
    return { ok: true, url, figures: outcome.figures };
  }

  private async audit(dossier: Dossier, actor: Actor, action: string, now: Date): Promise<void> {
    await this.deps.store.appendAudit({
      id: this.deps.newId(),
      tenantId: dossier.tenantId,
      schoolId: dossier.schoolId,
      dossierId: dossier.id,
      actorId: actor.id,
      action,
      at: now.toISOString(),
    });
  }
}

function linkRequest(dossier: Dossier, actor: Actor) {
  return {
    tenantId: dossier.tenantId,
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    requestedBy: actor.id,
  };
}
