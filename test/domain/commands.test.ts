import {
  NAME_MAX_LENGTH,
  PLACE_MAX_LENGTH,
  PUPIL_GROUP_MAX_LENGTH,
  PUPIL_REFERENCE_MAX_LENGTH,
  TEXT_MAX_LENGTH,
  commandSchemas,
  parseCommand,
  type Refusal,
} from '../../src/domain';
import { YESTERDAY, cmd } from './given';

const pupil = (fields: Record<string, unknown>): unknown =>
  cmd.openDossier({ pupil: { reference: 'JdV', group: 'groep 6', ...fields } });
const reference = (value: string): unknown => pupil({ reference: value, age: 9 });

interface Row {
  name: string;
  input: unknown;
  expect: Refusal | 'accepted';
}

const rows: Row[] = [
  // The pupil is identified minimally.
  { name: 'initials identify a pupil', input: reference('J.d.V.'), expect: 'accepted' },
  { name: 'initials without dots identify a pupil', input: reference('JdV'), expect: 'accepted' },
  { name: "the school's pupil number identifies a pupil", input: reference('20240153'), expect: 'accepted' },
  {
    name: 'a full name is refused as pupil reference',
    input: reference('Jan de Vries'),
    expect: { code: 'looksLikeFullName', field: 'pupil.reference' },
  },
  {
    name: 'one initial and one surname pass the simple name check (a known limit, documented)',
    input: reference('J. Vries'),
    expect: 'accepted',
  },
  {
    name: 'an initial with a prefixed surname is refused as pupil reference',
    input: reference('J. van Dijk'),
    expect: { code: 'looksLikeFullName', field: 'pupil.reference' },
  },
  {
    name: 'a nine-digit number is refused as pupil reference because it looks like a BSN',
    input: reference('123456782'),
    expect: { code: 'looksLikeBsn', field: 'pupil.reference' },
  },
  {
    name: 'a BSN written with dots is refused too',
    input: reference('1234.56.782'),
    expect: { code: 'looksLikeBsn', field: 'pupil.reference' },
  },
  {
    name: 'a pupil reference longer than the bound is refused',
    input: reference('A'.repeat(PUPIL_REFERENCE_MAX_LENGTH + 1)),
    expect: { code: 'textTooLong', field: 'pupil.reference' },
  },
  {
    name: 'an empty pupil reference is refused',
    input: reference('  '),
    expect: { code: 'fieldRequired', field: 'pupil.reference' },
  },
  {
    name: 'a group longer than the bound is refused',
    input: pupil({ group: 'g'.repeat(PUPIL_GROUP_MAX_LENGTH + 1), age: 9 }),
    expect: { code: 'textTooLong', field: 'pupil.group' },
  },
  { name: 'a pupil of 4 is accepted', input: pupil({ age: 4 }), expect: 'accepted' },
  { name: 'a pupil of 20 is accepted', input: pupil({ age: 20 }), expect: 'accepted' },
  {
    name: 'a pupil of 3 is refused',
    input: pupil({ age: 3 }),
    expect: { code: 'invalidCommand', field: 'pupil.age' },
  },
  {
    name: 'a pupil of 21 is refused',
    input: pupil({ age: 21 }),
    expect: { code: 'invalidCommand', field: 'pupil.age' },
  },
  { name: 'a year of birth alone is accepted', input: pupil({ birthYear: 2015 }), expect: 'accepted' },
  {
    name: 'an age and a year of birth together are refused',
    input: pupil({ age: 10, birthYear: 2015 }),
    expect: { code: 'ageOrBirthYear', field: 'pupil.age' },
  },
  {
    name: 'neither an age nor a year of birth is refused',
    input: pupil({}),
    expect: { code: 'ageOrBirthYear', field: 'pupil.age' },
  },
  {
    name: 'a first description longer than the bound is refused',
    input: cmd.openDossier({ firstDescription: 'x'.repeat(TEXT_MAX_LENGTH + 1) }),
    expect: { code: 'textTooLong', field: 'firstDescription' },
  },
  // Signals.
  {
    name: 'a signal needs a factual description',
    input: cmd.recordSignal({ description: '' }),
    expect: { code: 'fieldRequired', field: 'description' },
  },
  {
    name: 'a description longer than the bound is refused',
    input: cmd.recordSignal({ description: 'x'.repeat(TEXT_MAX_LENGTH + 1) }),
    expect: { code: 'textTooLong', field: 'description' },
  },
  {
    name: 'a description of exactly the bound is accepted',
    input: cmd.recordSignal({ description: 'x'.repeat(TEXT_MAX_LENGTH) }),
    expect: 'accepted',
  },
  {
    name: 'a place longer than the bound is refused',
    input: cmd.recordSignal({ place: 'x'.repeat(PLACE_MAX_LENGTH + 1) }),
    expect: { code: 'textTooLong', field: 'place' },
  },
  {
    name: 'an unknown signal id is refused and named',
    input: cmd.recordSignal({ categories: ['verzonnen'] }),
    expect: { code: 'unknownSignal', field: 'categories.0' },
  },
  {
    name: 'a form of violence outside the five specific forms is refused',
    input: { ...(cmd.recordSignal() as object), specificForms: ['radicalisering'] },
    expect: { code: 'invalidCommand', field: 'specificForms.0' },
  },
  {
    name: 'a signal told by someone else without their name is refused',
    input: cmd.recordSignal({ source: 'verteld-door-ander', sourceName: ' ' }),
    expect: { code: 'sourceRequired', field: 'sourceName' },
  },
  {
    name: 'a signal told by the pupil needs no further source',
    input: cmd.recordSignal({ source: 'verteld-door-leerling' }),
    expect: 'accepted',
  },
  {
    name: 'a date written another way is refused',
    input: cmd.recordSignal({ observedOn: '10-03-2026' }),
    expect: { code: 'invalidDate', field: 'observedOn' },
  },
  // Contacts, consultations, conversations.
  {
    name: 'a consultation names whom it was with',
    input: cmd.recordConsultation({ with: '' }),
    expect: { code: 'fieldRequired', field: 'with' },
  },
  {
    name: 'a contact name longer than the bound is refused',
    input: cmd.recordContact({ with: 'x'.repeat(NAME_MAX_LENGTH + 1) }),
    expect: { code: 'textTooLong', field: 'with' },
  },
  {
    name: 'a conversation without pupil and without parents is refused',
    input: cmd.recordConversation({ participants: { pupil: false, parents: false, coordinator: true } }),
    expect: { code: 'participantsRequired', field: 'participants' },
  },
  // Step 5.
  {
    name: 'there is no sixth afwegingsvraag',
    input: { ...(cmd.answerAfwegingsvraag() as object), question: 6 },
    expect: { code: 'invalidCommand', field: 'question' },
  },
  {
    name: 'a report exception needs its ground',
    input: cmd.recordReport({ discussedWithPupil: 'uitzondering', pupilExceptionReason: 'Zie gesprek.' }),
    expect: { code: 'reasonRequired', field: 'pupilException' },
  },
  {
    name: 'closing for a reason the meldcode does not know is refused',
    input: { ...(cmd.closeDossier() as object), reason: 'geen-zin' },
    expect: { code: 'invalidCommand', field: 'reason' },
  },
  // The envelope.
  {
    name: 'an unknown command type is refused',
    input: { type: 'deleteDossier' },
    expect: { code: 'invalidCommand', field: 'type' },
  },
  {
    name: 'a submission id that is not a uuid is refused',
    input: cmd.recordNote({ submissionId: 'twice' }),
    expect: { code: 'invalidCommand', field: 'submissionId' },
  },
];

describe('a command is checked before anything is recorded', () => {
  test.each(rows)('$name', ({ input, expect: expected }) => {
    const result = parseCommand(input);
    if (expected === 'accepted') expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, refusal: expected });
  });
});

describe('a card payload arrives as text and is read as the command it means', () => {
  test('toggles, a multi-select, a number and empty inputs become booleans, a list, a number and nothing', () => {
    const payload = {
      type: 'recordSignal',
      categories: 'letsel-herkenbare-vorm, somber',
      specificForms: '',
      observedOn: YESTERDAY,
      place: '',
      description: 'Huilde in de klas.',
      source: 'eigen-waarneming',
      sourceName: '',
      pointsOtherWay: 'false',
      submissionId: '',
      verb: 'recordSignal',
    };
    // toEqual: an empty input becomes undefined (decide leaves such keys out of the log).
    expect(commandSchemas.recordSignal.parse(payload)).toEqual({
      type: 'recordSignal',
      categories: ['letsel-herkenbare-vorm', 'somber'],
      specificForms: [],
      observedOn: YESTERDAY,
      place: '',
      description: 'Huilde in de klas.',
      source: 'eigen-waarneming',
      pointsOtherWay: false,
    });
  });

  test('a question number and an answer from a card become a number and a boolean', () => {
    const parsed = parseCommand({
      type: 'answerAfwegingsvraag',
      question: '2',
      answer: 'true',
      reasoning: 'Onthulling.',
    });
    expect(parsed).toEqual({
      ok: true,
      command: { type: 'answerAfwegingsvraag', question: 2, answer: true, reasoning: 'Onthulling.' },
    });
  });

  test('a toggle that is neither true nor false is refused', () => {
    expect(parseCommand({ ...(cmd.recordNote() as object), isOpinion: 'maybe' })).toEqual({
      ok: false,
      refusal: { code: 'invalidCommand', field: 'isOpinion' },
    });
  });
});
