// The use cases on dossiers: load → check access → decide → save with the version read →
// audit. No dossier lives between requests; a stale version means someone acted first, so the
// command is decided again on the fresh dossier (an append never overwrites another's entry).

import { createHash } from 'node:crypto';
import {
  consultations,
  consultationById,
  statusVisibleIn,
  withNextReminder,
  type Consultation,
  decide,
  roleOf,
  formatDossierNumber,
  type Command,
  type Decision,
  type Dossier,
  type Refusal,
  type Role,
} from '../domain';
import type { School } from '../domain/school';
import { todayInAmsterdam, yearOf } from '../domain/calendar';
import {
  AlreadyExistsError,
  StaleVersionError,
  type DossierSummary,
  type Store,
  type Versioned,
} from '../store/store';
import type { LogContext, Logger } from '../logger';
import type { ConsultationSent, DossierEffects, EffectsReport } from './dossier-effects';

export interface Actor {
  id: string;
  name: string;
  tenantId: string;
}

export type AccessRefusal = { code: 'notFound' } | { code: 'notInvolved' } | { code: 'unknownSchool' };

export type ActOutcome =
  | { ok: true; dossier: Dossier; role: Role; duplicate: boolean; effects: EffectsReport }
  | { ok: false; refusal: Refusal; dossier: Dossier; role: Role }
  | { ok: false; access: AccessRefusal };

export type ViewOutcome = { ok: true; dossier: Dossier; role: Role } | { ok: false; access: AccessRefusal };

export type OpenOutcome =
  | { ok: true; dossier: Dossier; duplicate: boolean }
  | { ok: false; refusal: Refusal }
  | { ok: false; access: AccessRefusal };

/** How often a command is decided again after someone else's write got in first. */
const MAX_ATTEMPTS = 5;

export interface DossierServiceDependencies {
  store: Store;
  schools: readonly School[];
  logger: Logger;
  logContext?: LogContext | undefined;
  /** What follows outside the dossier (cards to others, notices); absent in tests of the core alone. */
  effects?: DossierEffects | undefined;
  newId: () => string;
}

export class DossierService {
  constructor(private readonly deps: DossierServiceDependencies) {}

  /** The schools this user's tenant has; a staff member works in one of these. */
  schoolsOf(actor: Actor): School[] {
    return this.deps.schools.filter((school) => school.tenantId === actor.tenantId);
  }

  school(schoolId: string): School | undefined {
    return this.deps.schools.find((school) => school.id === schoolId);
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
    const school = this.school(schoolId);
    if (!school || school.tenantId !== actor.tenantId)
      return { ok: false, access: { code: 'unknownSchool' } };
    const id = command.submissionId
      ? stableId(`${schoolId}:${actor.id}:${command.submissionId}`)
      : this.deps.newId();
    const existing = await this.deps.store.getDossier(schoolId, id);
    if (existing) return { ok: true, dossier: existing.value, duplicate: true };

    // Check the command before a number is taken, so a refused form leaves no gap.
    const probe = decide(
      undefined,
      command,
      this.context(actor, 'eigenaar', now, { id, number: 'MC-0000-0000', tenantId: actor.tenantId }),
    );
    if (!probe.ok) return { ok: false, refusal: probe.refusal };

    // Numbers count per calendar year as the school lives it (Dutch time).
    const year = yearOf(todayInAmsterdam(now));
    const sequence = await this.deps.store.nextDossierSequence(schoolId, year);
    const decision = decide(
      undefined,
      command,
      this.context(actor, 'eigenaar', now, {
        id,
        number: formatDossierNumber(year, sequence),
        tenantId: actor.tenantId,
      }),
    );
    if (!decision.ok) return { ok: false, refusal: decision.refusal };
    try {
      const created = await this.deps.store.createDossier(withNextReminder(decision.dossier, school, now));
      await this.audit(created.value, actor, 'changed:dossierOpened', now);
      this.deps.logContext?.note({ dossierNumber: created.value.number });
      this.deps.logger.info({ recorded: ['dossierOpened'] }, 'dossier opened');
      return { ok: true, dossier: created.value, duplicate: false };
    } catch (error) {
      if (!(error instanceof AlreadyExistsError)) throw error;
      const raced = await this.deps.store.getDossier(schoolId, id);
      if (!raced) throw error;
      return { ok: true, dossier: raced.value, duplicate: true };
    }
  }

  /** Read a dossier for someone involved; every view is audited. */
  async view(actor: Actor, schoolId: string, dossierId: string, now: Date): Promise<ViewOutcome> {
    const loaded = await this.load(actor, schoolId, dossierId, now);
    if (!loaded.ok) return loaded;
    await this.audit(loaded.dossier.value, actor, 'viewed', now);
    return { ok: true, dossier: loaded.dossier.value, role: loaded.role };
  }

  /** Read a whole dossier to export it, for someone involved; every export is audited as such. */
  async export(actor: Actor, schoolId: string, dossierId: string, now: Date): Promise<ViewOutcome> {
    const loaded = await this.load(actor, schoolId, dossierId, now);
    if (!loaded.ok) return loaded;
    await this.audit(loaded.dossier.value, actor, 'exported', now);
    return { ok: true, dossier: loaded.dossier.value, role: loaded.role };
  }

  /** Apply one command; a refusal or an access refusal changes nothing. */
  async act(
    actor: Actor,
    schoolId: string,
    dossierId: string,
    command: Command,
    now: Date,
  ): Promise<ActOutcome> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(actor, schoolId, dossierId, now);
      if (!loaded.ok) return loaded;
      const { dossier, role } = loaded;
      const decision: Decision = decide(dossier.value, command, {
        ...this.context(actor, role, now),
        school: loaded.school,
      });
      if (!decision.ok) return { ok: false, refusal: decision.refusal, dossier: dossier.value, role };
      if (decision.duplicate) return { ok: true, dossier: dossier.value, role, duplicate: true, effects: {} };
      try {
        const saved = await this.deps.store.replaceDossier(
          // The one place the reminder schedule follows every change (decide does not know the school's periods).
          withNextReminder(decision.dossier, loaded.school, now),
          dossier.version,
        );
        for (const entry of decision.entries)
          await this.audit(saved.value, actor, `changed:${entry.kind}`, now);
        this.deps.logger.info({ recorded: decision.entries.map((entry) => entry.kind) }, 'dossier changed');
        const { effects, dossier: after } = await this.carryOut(
          saved.value,
          loaded.school,
          decision,
          actor,
          now,
        );
        return { ok: true, dossier: after, role, duplicate: false, effects };
      } catch (error) {
        if (!(error instanceof StaleVersionError) || attempt >= MAX_ATTEMPTS) throw error;
        this.deps.logger.info({ dossierId, attempt }, 'someone else wrote first; deciding again');
      }
    }
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
    const loaded = await this.load(actor, schoolId, dossierId, now);
    if (!loaded.ok) return loaded;
    const consultation = consultationById(loaded.dossier.value, consultationId);
    const undelivered =
      consultation?.status === 'requested' &&
      (!consultation.delivery || consultation.delivery.delivered === 'unreachable');
    if (!undelivered || !this.deps.effects)
      return { ok: true, dossier: loaded.dossier.value, sent: 'notNeeded' };
    let latest = loaded.dossier.value;
    const sent = await this.deps.effects.resendConsultation(
      latest,
      loaded.school,
      consultationId,
      actor,
      async (command) => {
        const outcome = await this.act(actor, schoolId, dossierId, command, now);
        if (outcome.ok) latest = outcome.dossier;
      },
    );
    return { ok: true, dossier: latest, sent };
  }

  /**
   * The consultations waiting for or taken up by the zorgcoördinatoren of the schools this user
   * coordinates, oldest first. Reads the school's open dossiers: a school has tens, not thousands.
   */
  async consultationsFor(
    actor: Actor,
    now: Date,
  ): Promise<{ dossier: Dossier; consultation: Consultation }[]> {
    const schools = this.schoolsOf(actor).filter((school) =>
      school.coordinators.some((c) => c.id === actor.id),
    );
    const lines: { dossier: Dossier; consultation: Consultation }[] = [];
    for (const school of schools) {
      for (const summary of await this.deps.store.dossiersOfSchool(school.id, 'open')) {
        const dossier = (await this.deps.store.getDossier(school.id, summary.id))?.value;
        if (!dossier) continue;
        for (const consultation of consultations(dossier)) {
          if (consultation.status === 'requested' || consultation.status === 'accepted') {
            lines.push({ dossier, consultation });
            await this.audit(dossier, actor, 'listed', now);
          }
        }
      }
    }
    return lines.sort((a, b) => a.consultation.requestedAt.localeCompare(b.consultation.requestedAt));
  }

  /**
   * Carry out what follows from the new entries. The entries are saved already: a failure here is
   * logged and never undoes them. Entries the effects record (where a card went) are decided and
   * saved like any other, and the dossier returned is the one after them.
   */
  private async carryOut(
    dossier: Dossier,
    school: School,
    decision: Decision & { ok: true },
    actor: Actor,
    now: Date,
  ): Promise<{ effects: EffectsReport; dossier: Dossier }> {
    if (!this.deps.effects) return { effects: {}, dossier };
    let latest = dossier;
    try {
      const effects = await this.deps.effects.after(
        dossier,
        school,
        decision.entries,
        actor,
        async (command) => {
          const outcome = await this.act(actor, school.id, dossier.id, command, now);
          if (outcome.ok) latest = outcome.dossier;
        },
      );
      return { effects, dossier: latest };
    } catch (error) {
      this.deps.logger.error(
        { error: error instanceof Error ? { name: error.name, message: error.message } : 'unknown' },
        'effects failed; the entry itself is saved',
      );
      return { effects: {}, dossier: latest };
    }
  }

  /**
   * Open dossiers this user owns, over the schools of their tenant, newest activity first. The
   * list is found by the indexed query; each dossier is then read by id to tell where it stands.
   */
  async openDossiersOf(actor: Actor): Promise<{ summary: DossierSummary; dossier: Dossier }[]> {
    const lists = await Promise.all(
      this.schoolsOf(actor).map((school) => this.deps.store.openDossiersOfOwner(school.id, actor.id)),
    );
    const summaries = lists.flat().sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    const read = await Promise.all(summaries.map((s) => this.deps.store.getDossier(s.schoolId, s.id)));
    return summaries.flatMap((summary, i) => {
      const dossier = read[i]?.value;
      return dossier ? [{ summary, dossier }] : [];
    });
  }

  private async load(
    actor: Actor,
    schoolId: string,
    dossierId: string,
    now: Date,
  ): Promise<
    | { ok: true; dossier: Versioned<Dossier>; role: Role; school: School }
    | { ok: false; access: AccessRefusal }
  > {
    const school = this.school(schoolId);
    if (!school) return { ok: false, access: { code: 'notFound' } };
    const dossier = await this.deps.store.getDossier(schoolId, dossierId);
    if (!dossier) return { ok: false, access: { code: 'notFound' } };
    this.deps.logContext?.note({ dossierNumber: dossier.value.number });
    const role = roleOf(dossier.value, { id: actor.id, tenantId: actor.tenantId }, school);
    if (!role) {
      // The attempt is recorded without content; the user learns nothing about the dossier.
      await this.audit(dossier.value, actor, 'refused:notInvolved', now);
      this.deps.logger.warn({ dossierId, actorId: actor.id }, 'access refused');
      return { ok: false, access: { code: 'notInvolved' } };
    }
    return { ok: true, dossier, role, school };
  }

  private context(
    actor: Actor,
    role: Role,
    now: Date,
    newDossier?: { id: string; number: string; tenantId: string },
  ): Parameters<typeof decide>[2] {
    return { actor: { id: actor.id, name: actor.name, role }, now, ...(newDossier ? { newDossier } : {}) };
  }

  private async audit(dossier: Dossier, actor: Actor, action: string, now: Date): Promise<void> {
    await this.deps.store.appendAudit({
      id: this.deps.newId(),
      schoolId: dossier.schoolId,
      dossierId: dossier.id,
      actorId: actor.id,
      action,
      at: now.toISOString(),
    });
  }
}

/** A UUID-shaped id derived from a key: the same card submission always names the same dossier. */
function stableId(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
