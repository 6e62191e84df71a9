// What a dossier waits for, and since when: the marks and details the stores index for the homes.

import { attentionDetailsOf, decide, withAttention, type Command, type Dossier } from '../../src/domain';
import type { School } from '../../src/domain/school';
import { answers, cmd, context, coordinator, dossierAfter, owner, stepsOneToFour } from './given';

const school: School = {
  id: 'school-1',
  name: 'OBS De Linde',
  tenantId: 'tenant-1',
  coordinators: [{ id: coordinator.id, name: coordinator.name }],
  decisionMaker: { id: 'user-directeur', name: 'Mevrouw de Boer' },
};

function at(dossier: Dossier, command: Command, iso: string, actor = owner): Dossier {
  const decision = decide(dossier, command, context({ actor, school, now: new Date(iso) }));
  if (!decision.ok) throw new Error(`${command.type} refused: ${JSON.stringify(decision.refusal)}`);
  return decision.dossier;
}

describe('what a dossier waits for', () => {
  it('waits for a consultation since its oldest open request, counting each open request', () => {
    let dossier = at(dossierAfter([]), cmd.requestConsultation(), '2026-03-11T09:00:00.000Z'); // seq 2
    dossier = at(dossier, cmd.requestConsultation({ question: 'En de broer?' }), '2026-03-12T09:00:00.000Z');
    expect(attentionDetailsOf(dossier)).toEqual({
      consultation: { since: '2026-03-11T09:00:00.000Z', items: 2 },
    });

    // Accepted, the first still waits (for advice); answered, it no longer does.
    dossier = at(dossier, cmd.acceptConsultation(), '2026-03-13T09:00:00.000Z', coordinator);
    expect(attentionDetailsOf(dossier).consultation).toEqual({ since: '2026-03-11T09:00:00.000Z', items: 2 });
    dossier = at(dossier, cmd.recordConsultationAdvice(), '2026-03-13T10:00:00.000Z', coordinator);
    expect(attentionDetailsOf(dossier)).toEqual({
      consultation: { since: '2026-03-12T09:00:00.000Z', items: 1 },
    });
  });

  it('waits for a decision since the outcome was recorded', () => {
    const decided = dossierAfter([...stepsOneToFour(), ...answers(true, true)]);
    const outcome = decided.log.at(-1);
    expect(attentionDetailsOf(decided)).toEqual({ decision: { since: outcome?.at, items: 1 } });
  });

  it('carries the marks and their details, and stays the same object when nothing changed', () => {
    const asked = withAttention(at(dossierAfter([]), cmd.requestConsultation(), '2026-03-11T09:00:00.000Z'));
    expect(asked.attention).toEqual(['consultation']);
    expect(asked.attentionDetails).toEqual({ consultation: { since: '2026-03-11T09:00:00.000Z', items: 1 } });
    expect(withAttention(asked)).toBe(asked);

    const closed = withAttention({ ...asked, status: 'closed' });
    expect(closed.attention).toBeUndefined();
    expect(closed.attentionDetails).toBeUndefined();
  });
});
