// The use cases on dossiers, as the bot calls them. Every change goes through the one write path
// (dossier-writer.ts); what a change queues for others (cards, notices) is delivered by the courier
// (courier.ts) and its outcome recorded through that same path. Reads are audited here.

import {
  consultations,
  consultationById,
  consultationOpenFor,
  statusVisibleIn,
  type Consultation,
  confirmerOf,
  decide,
  decisionConfirmation,
  formatDossierNumber,
  type Attention,
  isCoordinatorOf,
  roleOf,
  type Actor,
  type Command,
  type Dossier,
  type Refusal,
  type Role,
} from '../domain';
import { queueAgain, outboxOf } from '../domain/outbox';
import type { School } from '../domain/school';
import { todayInAmsterdam, yearOf } from '../domain/calendar';
import type { DossierSummary, Store } from '../store/store';
import type { AfterAnswer } from './after-answer';
import type { ConsultationSent, Courier, EffectsReport } from './courier';
import { stableId, type AccessRefusal, type DossierWriter, type UpdateOutcome } from './dossier-writer';

export type { AccessRefusal } from './dossier-writer';
export type { Actor } from '../domain';

export type ActOutcome =
  | { ok: true; dossier: Dossier; role: Role; duplicate: boolean; effects: EffectsReport }
  | { ok: false; refusal: Refusal; dossier: Dossier; role: Role }
  | { ok: false; access: AccessRefusal };

export type ViewOutcome = { ok: true; dossier: Dossier; role: Role } | { ok: false; access: AccessRefusal };

export type OpenOutcome =
  | { ok: true; dossier: Dossier; duplicate: boolean }
  | { ok: false; refusal: Refusal }
  | { ok: false; access: AccessRefusal };

export interface DossierServiceDependencies {
  store: Store;
  writer: DossierWriter;
  /**
   * Delivers what a change queued, right after the answer (`afterAnswer`), never while the person
   * who clicked waits; absent in tests of the core alone.
   */
  delivery?: { courier: Courier; afterAnswer: AfterAnswer } | undefined;
  newId: () => string;
}

export class DossierService {
  constructor(private readonly deps: DossierServiceDependencies) {}

  /** The schools this user's tenant has; a staff member works in one of these. */
  schoolsOf(actor: Actor): School[] {
    return this.deps.writer.schoolsOfTenant(actor.tenantId);
  }

  school(schoolId: string): School | undefined {
    return this.deps.writer.school(schoolId);
  }

  /**
   * Open a dossier. The id follows from the card's submissionId, so a double click (or a retry
   * after a timeout) finds the dossier the first click opened instead of opening a second one.
   */
  async open(
    actor: Actor,
    schoolId: string,
    command: Command & { type: 'openDossier' },
    now: Date,
  ): Promise<OpenOutcome> {
    const id = command.submissionId
      ? stableId(`${schoolId}:${actor.id}:${command.submissionId}`)
      : this.deps.newId();
    const participant = { id: actor.id, name: actor.name, role: 'eigenaar' as const };
    // The number is taken once for this opening: the writer runs the change again when a write
    // failed in a way that may pass, and a second number would leave a gap in the school's numbering.
    let taken: { year: number; sequence: number } | undefined;
    const outcome = await this.deps.writer.create(
      actor,
      schoolId,
      id,
      async (ctx) => {
        // Check the command before a number is taken, so a refused form leaves no gap.
        const identity = { id, number: 'MC-0000-0000', tenantId: actor.tenantId };
        const probe = decide(undefined, command, {
          actor: participant,
          now,
          newDossier: identity,
          school: ctx.school,
        });
        if (!probe.ok) return probe;
        // Numbers count per calendar year as the school lives it (Dutch time).
        const year = yearOf(todayInAmsterdam(now));
        taken ??= { year, sequence: await this.deps.store.nextDossierSequence(schoolId, year) };
        const number = formatDossierNumber(taken.year, taken.sequence);
        return decide(undefined, command, {
          actor: participant,
          now,
          newDossier: { ...identity, number },
          school: ctx.school,
        });
      },
      now,
    );
    // The form pressed again shows the dossier it opened: a view like any other.
    if (outcome.ok && outcome.duplicate) await this.audit(outcome.dossier, actor, 'viewed', now);
    return outcome;
  }

  /** Read a dossier for someone involved; every view is audited. */
  async view(actor: Actor, schoolId: string, dossierId: string, now: Date): Promise<ViewOutcome> {
    const loaded = await this.load(actor, schoolId, dossierId, now);
    if (!loaded.ok) return loaded;
    await this.audit(loaded.dossier, actor, 'viewed', now);
    return { ok: true, dossier: loaded.dossier, role: loaded.role };
  }

  /** Read a whole dossier to export it, for someone involved; every export is audited as such. */
  async export(actor: Actor, schoolId: string, dossierId: string, now: Date): Promise<ViewOutcome> {
    const loaded = await this.load(actor, schoolId, dossierId, now);
    if (!loaded.ok) return loaded;
    await this.audit(loaded.dossier, actor, 'exported', now);
    return { ok: true, dossier: loaded.dossier, role: loaded.role };
  }

  /**
   * Apply one command through the write path, then deliver what it queued for others. A refusal or
   * an access refusal changes nothing. A command without a submission id gets one here, so that a
   * write retried after a lost answer is recognised and recorded once.
   */
  async act(
    actor: Actor,
    schoolId: string,
    dossierId: string,
    command: Command,
    now: Date,
  ): Promise<ActOutcome> {
    const once: Command = command.submissionId ? command : { ...command, submissionId: this.deps.newId() };
    const outcome = await this.deps.writer.update(
      { person: actor },
      { schoolId, dossierId },
      (dossier, ctx) =>
        decide(dossier, once, {
          actor: { id: actor.id, name: actor.name, role: ctx.role },
          now: ctx.now,
          school: ctx.school,
        }),
      now,
    );
    if (!outcome.ok) return outcome;
    const effects = this.deliverAfterAnswer(outcome, now);
    return { ok: true, dossier: outcome.dossier, role: outcome.role, duplicate: outcome.duplicate, effects };
  }

  /**
   * The dossier behind a consultation card posted in a care-team channel, for someone in that
   * channel who is not involved: the caller shows them the card's status and nothing else.
   * Audited like every read.
   */
  async channelStatus(
    actor: Actor,
    where: { schoolId: string; dossierId: string; consultationId: number; conversationId: string },
    now: Date,
  ): Promise<Dossier | undefined> {
    const school = this.school(where.schoolId);
    if (!school || school.tenantId !== actor.tenantId) return undefined;
    const dossier = (await this.deps.store.getDossier(where.schoolId, where.dossierId))?.value;
    if (!dossier || !statusVisibleIn(dossier, where.consultationId, where.conversationId)) return undefined;
    await this.audit(dossier, actor, 'statusViewed', now);
    return dossier;
  }

  /**
   * Send a consultation card again when the first attempt did not arrive. Only a request that
   * still waits and has no delivery (or an unreachable one) is sent again: never a second card.
   */
  async resendConsultation(
    actor: Actor,
    schoolId: string,
    dossierId: string,
    consultationId: number,
    now: Date,
  ): Promise<
    | { ok: true; dossier: Dossier; sent: ConsultationSent | 'notNeeded' }
    | { ok: false; access: AccessRefusal }
  > {
    const courier = this.deps.delivery?.courier;
    let queuedId: string | undefined;
    const outcome = await this.deps.writer.update(
      { person: actor },
      { schoolId, dossierId },
      (dossier) => {
        const consultation = consultationById(dossier, consultationId);
        const undelivered =
          consultation?.status === 'requested' &&
          (!consultation.delivery || consultation.delivery.delivered === 'unreachable');
        if (!undelivered || !courier) return { ok: true, dossier, entries: [], effects: [], duplicate: true };
        const waiting = outboxOf(dossier).find(
          (item) =>
            item.effect.type === 'deliverConsultation' && item.effect.consultationId === consultationId,
        );
        const claim = { token: this.deps.newId(), until: new Date(now.getTime() + courier.leaseMs) };
        const again = queueAgain(
          dossier,
          waiting ?? { type: 'deliverConsultation', consultationId, seq: consultationId },
          actor.id,
          now,
          claim,
        );
        queuedId = again.queued.id;
        return { ok: true, dossier: again.dossier, entries: [], effects: [], duplicate: false };
      },
      now,
    );
    if (!outcome.ok && 'access' in outcome) return outcome;
    // The answer shows the dossier, whether something was sent again or not: a view like any other.
    await this.audit(outcome.dossier, actor, 'viewed', now);
    if (!outcome.ok || outcome.duplicate) return { ok: true, dossier: outcome.dossier, sent: 'notNeeded' };
    const school = this.school(schoolId);
    // The item this write queued (and claimed for this instance), by the id it was given.
    const mine = outboxOf(outcome.dossier).filter((item) => item.id === queuedId);
    if (!courier || !school || mine.length === 0)
      return { ok: true, dossier: outcome.dossier, sent: 'notNeeded' };
    this.deps.delivery?.afterAnswer.run('deliver again', () =>
      courier.deliver(outcome.dossier, school, mine, now, outcome.version),
    );
    return { ok: true, dossier: outcome.dossier, sent: 'queued' };
  }

  /**
   * Send a card that did not arrive again, for someone involved: it goes out right after the
   * answer, and waits again if its person still cannot be reached.
   */
  async resendCard(
    actor: Actor,
    schoolId: string,
    dossierId: string,
    itemId: string,
    now: Date,
  ): Promise<ViewOutcome> {
    const loaded = await this.load(actor, schoolId, dossierId, now);
    if (!loaded.ok) return loaded;
    // The answer shows the dossier: a view like any other.
    await this.audit(loaded.dossier, actor, 'viewed', now);
    const delivery = this.deps.delivery;
    if (delivery && (loaded.dossier.outbox ?? []).some((item) => item.id === itemId))
      delivery.afterAnswer.run('send again', () =>
        delivery.courier.deliverItem({ schoolId, dossierId }, itemId, now),
      );
    return { ok: true, dossier: loaded.dossier, role: loaded.role };
  }

  /**
   * The consultations waiting for or taken up by the zorgcoördinatoren of the schools this user
   * coordinates, oldest first. Found by the stores' index of what dossiers wait for, so the cost
   * follows the open consultations, not the school's dossiers.
   */
  async consultationsFor(
    actor: Actor,
    now: Date,
  ): Promise<{ dossier: Dossier; consultation: Consultation }[]> {
    const schools = this.schoolsOf(actor).filter((school) => isCoordinatorOf(school, actor.id));
    const lines = (await this.needing(schools, 'consultation')).flatMap((dossier) =>
      openConsultationsIn(dossier).map((consultation) => ({ dossier, consultation })),
    );
    await this.auditListed(
      lines.map((line) => line.dossier),
      actor,
      now,
    );
    return lines.sort((a, b) => a.consultation.requestedAt.localeCompare(b.consultation.requestedAt));
  }

  /**
   * What the zorgcoördinator's home shows: how many consultations wait for the zorgcoördinatoren of
   * the schools this user coordinates, and the `limit` that have waited longest, oldest first. Reads
   * a count and at most `limit` dossiers per school (Store.waitingList), so the home costs the same
   * with 5 or 500 waiting consultations and with 1,000 or 20,000 dossiers; only the dossiers shown
   * are audited as listed. "Mijn consultaties" lists them all (consultationsFor).
   */
  async consultationsWaiting(
    actor: Actor,
    now: Date,
    limit: number,
  ): Promise<{ items: number; lines: { dossier: Dossier; consultation: Consultation }[] }> {
    const schools = this.schoolsOf(actor).filter((school) => isCoordinatorOf(school, actor.id));
    const lists = await Promise.all(
      schools.map((school) => this.deps.store.waitingList(school.id, 'consultation', limit)),
    );
    const read = await Promise.all(
      lists.flatMap((list) => list.longest).map((s) => this.deps.store.getDossier(s.schoolId, s.id)),
    );
    const lines = read
      .flatMap((versioned) => (versioned ? [versioned.value] : []))
      .flatMap((dossier) => openConsultationsIn(dossier).map((consultation) => ({ dossier, consultation })))
      .sort((a, b) => a.consultation.requestedAt.localeCompare(b.consultation.requestedAt))
      .slice(0, Math.max(0, limit));
    await this.auditListed(
      lines.map((line) => line.dossier),
      actor,
      now,
    );
    return { items: lists.reduce((sum, list) => sum + list.items, 0), lines };
  }

  /**
   * The outcomes of step 5 that wait for this person to confirm, oldest first: the beslisser's, and
   * the deputy's where the beslisser took the decision (consultation.ts, confirmerOf).
   */
  async decisionsFor(actor: Actor, now: Date): Promise<{ summary: DossierSummary; dossier: Dossier }[]> {
    const schools = this.schoolsOf(actor).filter((school) => mayConfirm(school, actor.id));
    const waiting = (await this.needing(schools, 'decision')).filter((dossier) => {
      const school = this.school(dossier.schoolId);
      return (
        decisionConfirmation(dossier).state === 'waiting' &&
        school !== undefined &&
        confirmerOf(dossier, school)?.id === actor.id
      );
    });
    await this.auditListed(waiting, actor, now);
    return waiting
      .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt))
      .map((dossier) => ({ summary: summaryOf(dossier), dossier }));
  }

  /** The open dossiers of these schools that wait for `what`, read by id. */
  private async needing(schools: readonly School[], what: Attention): Promise<Dossier[]> {
    const lists = await Promise.all(
      schools.map((school) => this.deps.store.dossiersNeeding(school.id, what)),
    );
    const read = await Promise.all(lists.flat().map((s) => this.deps.store.getDossier(s.schoolId, s.id)));
    return read.flatMap((versioned) => (versioned ? [versioned.value] : []));
  }

  /**
   * Deliver what the write queued, after the answer: the person who clicked never waits on another
   * person's chat. The entries are saved already; a failed delivery never undoes them, and what was
   * not delivered stays in the outbox for the sweep (or until its person talks to the bot).
   */
  private deliverAfterAnswer(outcome: UpdateOutcome & { ok: true }, now: Date): EffectsReport {
    const school = this.school(outcome.dossier.schoolId);
    if (!this.deps.delivery || !school || outcome.queued.length === 0) return {};
    const { courier, afterAnswer } = this.deps.delivery;
    afterAnswer.run('deliver', () =>
      courier.deliver(outcome.dossier, school, outcome.queued, now, outcome.version),
    );
    return outcome.queued.some((item) => item.effect.type === 'deliverConsultation')
      ? { consultationSent: 'queued' }
      : {};
  }

  /**
   * Open dossiers this user takes part in (as owner, co-owner or zorgcoördinator), over the schools
   * of their tenant, newest activity first; for a school's aandachtsfunctionaris, who may read every
   * dossier of that school, all its open dossiers. The list is found by an indexed query; each
   * dossier is then read by id to tell where it stands, and kept only while this user still has a
   * role in it: the index remembers a zorgcoördinator who has since left the school's settings.
   * The first `shown` (what the card lists) are audited as listed when the user is not their owner.
   */
  async openDossiersOf(
    actor: Actor,
    now: Date,
    shown: number,
  ): Promise<{ summary: DossierSummary; dossier: Dossier }[]> {
    const summaries = await this.newestFirstOverSchools(actor, (school) =>
      school.aandachtsfunctionaris?.id === actor.id
        ? this.deps.store.dossiersOfSchool(school.id, 'open')
        : this.deps.store.openDossiersInvolving(school.id, actor.id),
    );
    const read = await Promise.all(summaries.map((s) => this.deps.store.getDossier(s.schoolId, s.id)));
    const involved = summaries.flatMap((summary, i) => {
      const dossier = read[i]?.value;
      const school = dossier && this.school(dossier.schoolId);
      const role = dossier && school ? roleOf(dossier, actor, school) : null;
      return dossier && role ? [{ summary, dossier, role }] : [];
    });
    await this.auditListed(
      involved.slice(0, shown).flatMap(({ dossier, role }) => (role === 'eigenaar' ? [] : [dossier])),
      actor,
      now,
    );
    return involved.map(({ summary, dossier }) => ({ summary, dossier }));
  }

  /**
   * The dossiers this user owns that closed last, over the schools of their tenant, newest first:
   * to find one again (the signals came back, or it is to be exported). An owner's own list, found
   * by the owner index; at most `limit`.
   */
  async closedDossiersOf(actor: Actor, limit: number): Promise<DossierSummary[]> {
    const closed = await this.newestFirstOverSchools(actor, (school) =>
      this.deps.store.closedDossiersOfOwner(school.id, actor.id, limit),
    );
    return closed.slice(0, limit);
  }

  /** One list per school of the user's tenant, asked at once, merged newest change first. */
  private async newestFirstOverSchools(
    actor: Actor,
    listOf: (school: School) => Promise<DossierSummary[]>,
  ): Promise<DossierSummary[]> {
    const lists = await Promise.all(this.schoolsOf(actor).map(listOf));
    return lists.flat().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  private load(
    actor: Actor,
    schoolId: string,
    dossierId: string,
    now: Date,
  ): Promise<
    { ok: true; dossier: Dossier; role: Role; school: School } | { ok: false; access: AccessRefusal }
  > {
    return this.deps.writer.read(actor, { schoolId, dossierId }, now);
  }

  private async audit(dossier: Dossier, actor: Actor, action: string, now: Date): Promise<void> {
    await this.deps.writer.audit(dossier, actor.id, action, now);
  }

  /** Every dossier a list shows someone, audited as listed once each, at once (not one after another). */
  private async auditListed(dossiers: readonly Dossier[], actor: Actor, now: Date): Promise<void> {
    await Promise.all([...new Set(dossiers)].map((dossier) => this.audit(dossier, actor, 'listed', now)));
  }
}

/** The consultations of a dossier its zorgcoördinator still has to answer (asked, or taken up). */
function openConsultationsIn(dossier: Dossier): Consultation[] {
  return consultations(dossier).filter((c) => consultationOpenFor(c, 'answer'));
}

/** Is this person the school's beslisser or its deputy: someone who may confirm a decision? */
export function mayConfirm(school: School, personId: string): boolean {
  return school.decisionMaker.id === personId || school.deputyDecisionMaker?.id === personId;
}

/** What a list shows of a dossier that was read whole. */
function summaryOf(dossier: Dossier): DossierSummary {
  return {
    id: dossier.id,
    schoolId: dossier.schoolId,
    number: dossier.number,
    pupilReference: dossier.pupil.reference,
    ownerId: dossier.ownerId,
    status: dossier.status,
    updatedAt: dossier.updatedAt,
    nextReminderAt: dossier.nextReminderAt,
  };
}
