// What the copy for the parents or the pupil leaves out, entry by entry: a table of entries (made by
// decide()) and the rule that applies to each.

import { withholdingFor, type WithheldReason } from '../../../src/app/documents/access-copy';
import type { Command } from '../../../src/domain';
import { told, type Act } from '../../cards/dossiers';
import { cmd, coordinator } from '../../domain/given';

/** One dossier: the opening (seq 1), then these acts as seq 2, 3, … */
const acts: [label: string, act: Act, expected: 'kept' | WithheldReason | `partly ${WithheldReason}`][] = [
  ['an own observation', cmd.recordSignal(), 'kept'],
  ['a signal the pupil told', cmd.recordSignal({ source: 'verteld-door-leerling' }), 'kept'],
  [
    'a signal someone else told, with their name',
    cmd.recordSignal({ source: 'verteld-door-ander', sourceName: 'de buurvrouw' }),
    'partly informant',
  ],
  ['a contact, naming the person', cmd.recordContact(), 'partly informant'],
  ['a note of fact', cmd.recordNote({ isOpinion: false }), 'kept'],
  ['an opinion', cmd.recordNote({ isOpinion: true }), 'opinion'],
  ['a correction of the opinion', cmd.correctEntry({ seq: 7, text: 'Bedoeld: zij is bang.' }), 'opinion'],
  [
    'a correction of the informant’s signal',
    cmd.correctEntry({ seq: 4, text: 'Het was de buurman.' }),
    'informant',
  ],
  ['a consultation with a colleague', cmd.recordConsultation(), 'consultation'],
  ['advice from Veilig Thuis', cmd.recordVeiligThuisAdvice(), 'consultation'],
  [
    'a request to the zorgcoördinator',
    cmd.requestConsultation({ coordinatorId: coordinator.id }),
    'consultation',
  ],
  [
    'where the request went',
    cmd.recordConsultationDelivery({ consultationId: 12, delivered: 'personal' }),
    'kept',
  ],
  [
    'the zorgcoördinator accepting',
    { by: coordinator, command: cmd.acceptConsultation({ consultationId: 12 }) },
    'kept',
  ],
  [
    'the zorgcoördinator’s advice',
    { by: coordinator, command: cmd.recordConsultationAdvice({ consultationId: 12 }) },
    'consultation',
  ],
  ['a conversation skipped because it would endanger someone', cmd.skipConversation(), 'harm'],
  ['the conversation', cmd.recordConversation(), 'kept'],
  ['the weighing', cmd.recordWeighing(), 'kept'],
  ['a co-owner added', cmd.addCoOwner(), 'kept'],
  [
    'a handover, whose reason may be about a member of staff',
    { by: coordinator, command: cmd.handOverOwnership() },
    'harm',
  ],
];

const dossier = told({ acts: acts.map(([, act]) => act) });

describe('the copy for the parents or the pupil leaves out', () => {
  const withholding = withholdingFor(dossier, { recipient: 'ouders', chosen: [] });
  const outcome = (seq: number): string => {
    const whole = withholding.whole.get(seq);
    if (whole) return whole;
    const parts = withholding.partly.get(seq);
    return parts ? `partly ${parts.join(', ')}` : 'kept';
  };

  it.each(acts.map(([label, , expected], i) => [label, i + 2, expected] as const))(
    '%s (#%i): %s',
    (_label, seq, expected) => {
      expect(outcome(seq)).toBe(expected);
    },
  );

  it('also what the zorgcoördinator chooses, whatever its kind', () => {
    const chosen = withholdingFor(dossier, { recipient: 'leerling', chosen: [2, 17] });
    expect([chosen.whole.get(2), chosen.whole.get(17)]).toEqual(['chosen', 'chosen']);
  });

  it('a report: who told what, and why it was not discussed with the parents', () => {
    const reported: Command[] = [
      cmd.recordSignal(),
      cmd.recordConsultation(),
      cmd.recordConversation(),
      cmd.recordWeighing(),
      cmd.answerAfwegingsvraag({ question: 1, answer: true }),
      cmd.answerAfwegingsvraag({ question: 2, answer: true }),
      cmd.recordReport({
        discussedWithParents: 'uitzondering',
        parentsException: 'veiligheid-in-het-geding',
        parentsExceptionReason: 'Vader dreigde.',
        informationFromOthers: 'De buurvrouw hoorde geschreeuw.',
      }),
    ];
    const withReport = told({ acts: reported });
    const report = withReport.log.at(-1);
    expect(report?.kind).toBe('reportRecorded');
    expect(
      withholdingFor(withReport, { recipient: 'ouders', chosen: [] }).partly.get(report?.seq ?? 0),
    ).toEqual(['informant', 'harm']);
  });
});
