// The export document: the whole dossier as Markdown, structured like Veilig Thuis's report form,
// built from dossiers that decide() produced (never from hand-written logs).

import { dossierMarkdown, exportFileName } from '../../src/app/export';
import { decide, type Participant, type Command, type Dossier } from '../../src/domain';
import type { School } from '../../src/domain/school';

/** Tuesday 10 March 2026, 11:00 in Amsterdam. */
const NOW = new Date('2026-03-10T10:00:00Z');
const YESTERDAY = '2026-03-09';

const owner: Participant = { id: 'user-owner', name: 'Mevrouw Jansen', role: 'eigenaar' };
const coordinator: Participant = { id: 'user-ib', name: 'Meneer Bakker', role: 'zorgcoordinator' };

/** The configuration names the people; the export takes their names from here. */
const school: School = {
  id: 'school-1',
  name: 'OBS De Linde',
  tenantId: 'tenant-1',
  coordinators: [{ id: 'user-ib', name: 'Bert Bakker (IB)' }],
  decisionMaker: { id: 'user-director', name: 'Joost Visser' },
};

function build(steps: readonly [Participant, Command][]): Dossier {
  let dossier: Dossier | undefined;
  steps.forEach(([actor, command], i) => {
    const decision = decide(dossier, command, {
      actor,
      // One minute per step, so every entry has its own time.
      now: new Date(NOW.getTime() + i * 60_000),
      newDossier: { id: 'dossier-1', number: 'MC-2026-0001', tenantId: 'tenant-1' },
    });
    if (!decision.ok) throw new Error(`step ${i + 1} refused: ${JSON.stringify(decision.refusal)}`);
    dossier = decision.dossier;
  });
  if (!dossier) throw new Error('no steps');
  return dossier;
}

const opening: [Participant, Command] = [
  owner,
  {
    type: 'openDossier',
    schoolId: 'school-1',
    pupil: { reference: 'JdV', group: 'groep 6', age: 10 },
    firstDescription: 'Blauwe plek op de bovenarm gezien bij de gymles.',
  },
];

const signal = (overrides: Partial<Extract<Command, { type: 'recordSignal' }>>): [Participant, Command] => [
  owner,
  {
    type: 'recordSignal',
    categories: ['letsel-herkenbare-vorm'],
    specificForms: [],
    observedOn: YESTERDAY,
    place: 'gymzaal',
    description: 'Blauwe plek in de vorm van vingers op de linker bovenarm.',
    source: 'eigen-waarneming',
    pointsOtherWay: false,
    ...overrides,
  },
];

/** Steps 1 to 4, the afwegingskader to "report", the report, a correction and the closing. */
function reportedDossier(): Dossier {
  return build([
    opening, // 1
    signal({}), // 2
    signal({
      // 3
      categories: ['geweld-tussen-ouders'],
      place: 'bij het huis van de leerling',
      description: 'Hoorde vaak geschreeuw; BSN 123456782 stond op een brief die ze zag.',
      source: 'verteld-door-ander',
      sourceName: 'moeder van een klasgenoot',
    }),
    signal({
      categories: ['ouder-agressief-naar-kind'],
      description: 'Papa wordt heel boos als ik iets laat vallen.',
      source: 'verteld-door-leerling',
    }), // 4
    signal({ categories: [], description: 'Komt vrolijk en verzorgd op school.', pointsOtherWay: true }), // 5
    [
      owner,
      { type: 'recordContact', with: 'gymdocent', on: YESTERDAY, outcome: 'Heeft de plek ook gezien.' },
    ], // 6
    [
      coordinator,
      { type: 'recordNote', text: 'Ik denk dat hij bang is om naar huis te gaan.', isOpinion: true },
    ], // 7
    [
      owner,
      {
        type: 'recordNote',
        text: '# Geen kop\n<script>alert(1)</script> en *geen* nadruk',
        isOpinion: false,
      },
    ], // 8
    [
      owner,
      { type: 'recordConsultation', with: 'intern begeleider', on: YESTERDAY, advice: 'Gesprek voeren.' },
    ], // 9
    [
      owner,
      {
        type: 'recordVeiligThuisAdvice',
        on: YESTERDAY,
        advice: 'Eerst met de leerling praten.',
        anonymous: true,
      },
    ], // 10
    [
      owner,
      {
        type: 'recordConversation',
        on: YESTERDAY,
        participants: { pupil: true, parents: false, coordinator: true },
        said: 'Thuis is het soms eng.\nPapa schreeuwt dan.',
        reaction: 'Werd stil.',
        outcome: 'Zorgen blijven.',
        parentsDespiteWarning: false,
      },
    ], // 11
    [
      owner,
      {
        type: 'recordWeighing',
        suspicion: true,
        acuteUnsafety: false,
        structuralUnsafety: true,
        reasoning: 'Herhaalde signalen en eigen woorden van de leerling.',
      },
    ], // 12
    [owner, { type: 'answerAfwegingsvraag', question: 1, answer: true, reasoning: 'Vermoeden blijft.' }], // 13
    [owner, { type: 'answerAfwegingsvraag', question: 2, answer: true, reasoning: 'Structureel onveilig.' }], // 14
    [
      owner,
      {
        type: 'recordReport',
        on: '2026-03-10',
        to: 'Veilig Thuis Utrecht',
        reference: 'VT-2026-1234',
        discussedWithParents: 'uitzondering',
        parentsException: 'veiligheid-in-het-geding',
        parentsExceptionReason: 'Vader dreigde eerder.',
        informationFromOthers: 'Het geschreeuw hoorde de moeder van een klasgenoot.',
        schoolActionsAfterReport: 'Dagelijks even bij de mentor.',
      },
    ], // 15
    [owner, { type: 'correctEntry', seq: 6, text: 'Het was de vakdocent gym, niet de groepsleerkracht.' }], // 16
    [owner, { type: 'closeDossier', reason: 'gemeld-overgedragen', note: 'Overgedragen aan Veilig Thuis.' }], // 17
  ]);
}

/** The part of the document from one heading up to the next heading of the same or a higher level. */
function sectionOf(markdown: string, heading: string): string {
  const start = markdown.indexOf(`${heading}\n`);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const level = heading.indexOf(' ');
  const rest = markdown.slice(start + heading.length);
  const next = rest.search(new RegExp(`\\n#{1,${level}} `));
  return next < 0 ? rest : rest.slice(0, next);
}

const exportedOn = new Date('2026-03-12T14:30:00Z');

describe('the export document', () => {
  const dossier = reportedDossier();
  const nl = dossierMarkdown({
    dossier,
    school,
    language: 'nl',
    exportedBy: 'Mevrouw Jansen',
    now: exportedOn,
  });

  it('has the sections of Veilig Thuis’s report form, in order, and the full chronology last', () => {
    const headings = nl.split('\n').filter((line) => /^##? /.test(line));
    expect(headings).toEqual([
      '# Dossier MC-2026-0001',
      '## 1. Toelichting',
      '## 2. Gezette stappen van de meldcode',
      '## 3. Betrokken medewerkers van school',
      '## 4. De zorgen',
      '## 5. Consultatie en advies van Veilig Thuis',
      '## 6. Gesprek met de leerling en/of de ouders',
      '## 7. Weging',
      '## 8. Afwegingskader',
      '## 9. Melding, hulp en vervolg',
      '## 10. Afsluiting',
      '## 11. Chronologie',
    ]);
  });

  it('opens with the dossier number, the school, a minimal pupil reference and who exported when', () => {
    const header = sectionOf(nl, '## 1. Toelichting');
    expect(header).toContain('- **Dossiernummer:** MC-2026-0001');
    expect(header).toContain('- **School:** OBS De Linde');
    expect(header).toContain('- **Leerling:** JdV, groep 6, 10 jaar (op 10 mrt 2026)');
    expect(header).toContain('- **Status:** gesloten');
    expect(header).toContain('- **Geopend op:** 10 mrt 2026, 11:00');
    expect(header).toContain('- **Geëxporteerd op:** 12 mrt 2026, 15:30');
    expect(header).toContain('- **Geëxporteerd door:** Mevrouw Jansen');
  });

  it('gives the status of every step with the dates it was worked on', () => {
    expect(sectionOf(nl, '## 2. Gezette stappen van de meldcode')).toBe(
      [
        '',
        '',
        '- **1. Signalen in kaart brengen:** gedaan (vastgelegd van 10 mrt 2026 tot en met 10 mrt 2026)',
        '- **2. Collegiale consultatie:** gedaan (vastgelegd van 10 mrt 2026 tot en met 10 mrt 2026)',
        '- **3. Gesprek met de ouders en/of de leerling:** gedaan (vastgelegd van 10 mrt 2026 tot en met 10 mrt 2026)',
        '- **4. Wegen:** gedaan (vastgelegd van 10 mrt 2026 tot en met 10 mrt 2026)',
        '- **5. Beslissen:** gedaan (vastgelegd van 10 mrt 2026 tot en met 10 mrt 2026)',
        '',
      ].join('\n'),
    );
  });

  it('names the people involved as the school configures them', () => {
    const people = sectionOf(nl, '## 3. Betrokken medewerkers van school');
    expect(people).toContain('- **Eigenaar van het dossier:** Mevrouw Jansen');
    expect(people).toContain('- **Zorgcoördinator(en):** Bert Bakker (IB)');
    expect(people).toContain('- **Beslisser:** Joost Visser');
    expect(people).toContain(
      '- **Hebben iets vastgelegd in het dossier:** Mevrouw Jansen (eigenaar), Meneer Bakker (zorgcoördinator)',
    );
  });

  it('keeps own observations apart from information from others, and marks every second-hand source', () => {
    const own = sectionOf(nl, '### Eigen waarneming');
    expect(own).toContain('#### Signaal #2 · 9 mrt 2026');
    expect(own).toContain('- **Bron:** eigen waarneming');
    expect(own).toContain('- **Signalen van de signalenkaart:**');
    expect(own).toContain('> Blauwe plek in de vorm van vingers op de linker bovenarm.');
    expect(own).not.toContain('#### Signaal #3');
    expect(own).not.toContain('#### Signaal #5');

    const others = sectionOf(nl, '### Informatie van anderen');
    expect(others).toContain('#### Signaal #3 · 9 mrt 2026');
    expect(others).toContain(
      '- **Bron:** **VAN ANDEREN: Verteld door iemand anders (moeder van een klasgenoot)**',
    );
    expect(others).toContain('#### Signaal #4 · 9 mrt 2026');
    expect(others).toContain('- **Bron:** **VAN ANDEREN: Verteld door de leerling**');
    expect(others).not.toContain('#### Signaal #2');

    const counter = sectionOf(nl, '### Signalen die het vermoeden tegenspreken');
    expect(counter).toContain('#### Signaal #5 · 9 mrt 2026');
    expect(counter).toContain('> Komt vrolijk en verzorgd op school.');
  });

  it('shows contacts with their corrections, and opinions as opinions with their author', () => {
    const contacts = sectionOf(nl, '### Contacten over de signalen');
    expect(contacts).toContain('#### Contact met gymdocent · 9 mrt 2026');
    expect(contacts).toContain('> Heeft de plek ook gezien.');
    expect(contacts).toContain(
      '**Gecorrigeerd in #16 (10 mrt 2026, 11:15, Mevrouw Jansen):**\n\n> Het was de vakdocent gym, niet de groepsleerkracht.',
    );
    const notes = sectionOf(nl, '### Notities');
    expect(notes).toContain('#### Mening van Meneer Bakker (#7)');
    expect(notes).toContain('> Ik denk dat hij bang is om naar huis te gaan.');
    expect(notes).toContain('#### Notitie #8');
  });

  it('escapes what users typed so it cannot change the document', () => {
    const notes = sectionOf(nl, '### Notities');
    expect(notes).toContain('> \\# Geen kop\n> \\<script\\>alert(1)\\</script\\> en \\*geen\\* nadruk');
    expect(nl).not.toContain('<script>');
  });

  it('has the consultation, the Veilig Thuis advice, the conversation and the weighing', () => {
    const consultations = sectionOf(nl, '## 5. Consultatie en advies van Veilig Thuis');
    expect(consultations).toContain('#### Collegiale consultatie met intern begeleider · 9 mrt 2026');
    expect(consultations).toContain('#### Advies van Veilig Thuis · 9 mrt 2026 · anoniem gevraagd');
    const conversation = sectionOf(nl, '## 6. Gesprek met de leerling en/of de ouders');
    expect(conversation).toContain('#### Gesprek · 9 mrt 2026 · met de leerling, de zorgcoördinator');
    expect(conversation).toContain('> Thuis is het soms eng.\n> Papa schreeuwt dan.');
    const weighing = sectionOf(nl, '## 7. Weging');
    expect(weighing).toContain('- **Vermoeden van huiselijk geweld of kindermishandeling:** ja');
    expect(weighing).toContain('- **Acute onveiligheid:** nee');
    expect(weighing).toContain('- **Structurele onveiligheid:** ja');
  });

  it('has the afwegingskader answers with their reasoning and the outcome', () => {
    const afweging = sectionOf(nl, '## 8. Afwegingskader');
    expect(afweging).toContain(
      '#### Vraag 1: Is er op basis van stap 1 tot en met 3 (nog steeds) een vermoeden van huiselijk geweld of kindermishandeling?',
    );
    expect(afweging).toContain('#### Vraag 2: Is er sprake van acute en/of structurele onveiligheid?');
    expect(afweging).toContain('> Structureel onveilig.');
    expect(afweging).toContain('**Uitkomst van het afwegingskader: melden bij Veilig Thuis.**');
  });

  it('has the report with what came from others, and the closing with its reason', () => {
    const report = sectionOf(nl, '## 9. Melding, hulp en vervolg');
    expect(report).toContain('#### Melding bij Veilig Thuis Utrecht · 10 mrt 2026');
    expect(report).toContain('- **Kenmerk van Veilig Thuis:** VT-2026-1234');
    expect(report).toContain('- **Vooraf besproken met de leerling:** niet nodig bij deze leeftijd');
    expect(report).toContain(
      '- **Vooraf besproken met de ouders:** nee, uitzondering: de veiligheid van de leerling, de melder of een ander is in het geding (Vader dreigde eerder.)',
    );
    expect(report).toContain(
      '**Informatie in de melding die van anderen komt:**\n\n> Het geschreeuw hoorde de moeder van een klasgenoot.',
    );
    const closing = sectionOf(nl, '## 10. Afsluiting');
    expect(closing).toContain(
      '- **Reden:** Gemeld bij Veilig Thuis; de school blijft betrokken zoals afgesproken met Veilig Thuis',
    );
    expect(closing).toContain('> Overgedragen aan Veilig Thuis.');
  });

  it('ends with every log entry, corrections naming the entry they correct', () => {
    const chronology = sectionOf(nl, '## 11. Chronologie');
    const headers = chronology.split('\n').filter((line) => line.startsWith('**#'));
    expect(headers).toHaveLength(17);
    expect(headers[0]).toBe('**#1 · 10 mrt 2026, 11:00 · Mevrouw Jansen (eigenaar)**  ');
    expect(chronology).toContain(
      '**#16 · 10 mrt 2026, 11:15 · Mevrouw Jansen (eigenaar)**  \nCorrectie · Correctie van #6\n\n> Het was de vakdocent gym, niet de groepsleerkracht.',
    );
    // Full texts, not shortened as on the card.
    expect(chronology).toContain('> Gezien of gehoord op 9 mrt 2026, gymzaal, bron: Eigen waarneming.');
  });

  it('holds no BSN-like number and none of the internal ids', () => {
    expect(nl).not.toContain('123456782');
    expect(nl).toContain('BSN [nummer weggelaten] stond op een brief');
    expect(nl).not.toMatch(/(?<!\d)\d(?:[ .]?\d){8}(?!\d)/);
    for (const id of ['user-owner', 'user-ib', 'user-director', 'tenant-1', 'dossier-1', 'school-1'])
      expect(nl).not.toContain(id);
  });

  it('is written in English for an English user', () => {
    const en = dossierMarkdown({ dossier, school, language: 'en', exportedBy: 'Ms Jansen', now: exportedOn });
    expect(en).toContain('## 4. The concerns');
    expect(en).toContain('- **Source:** **FROM OTHERS: Told by someone else (moeder van een klasgenoot)**');
    expect(en).toContain('#### Opinion of Meneer Bakker (#7)');
    expect(en).toContain('- **Exported by:** Ms Jansen');
    expect(en).toContain('**Outcome of the assessment framework: report to Veilig Thuis.**');
    expect(en).not.toContain('Toelichting');
  });

  it('shows a help plan and its follow-up, and says what is missing in an open dossier', () => {
    const help = build([
      opening,
      signal({}),
      [owner, { type: 'recordConsultation', with: 'IB', on: YESTERDAY, advice: 'Hulp organiseren.' }],
      [owner, { type: 'skipConversation', reason: 'Een gesprek brengt de leerling nu in gevaar.' }],
      [
        owner,
        {
          type: 'recordWeighing',
          suspicion: true,
          acuteUnsafety: false,
          structuralUnsafety: false,
          reasoning: 'Zorgen.',
        },
      ],
      [owner, { type: 'answerAfwegingsvraag', question: 1, answer: true, reasoning: 'Ja.' }],
      [owner, { type: 'answerAfwegingsvraag', question: 2, answer: false, reasoning: 'Niet onveilig.' }],
      [
        owner,
        { type: 'answerAfwegingsvraag', question: 3, answer: true, reasoning: 'Schoolmaatschappelijk werk.' },
      ],
      [owner, { type: 'answerAfwegingsvraag', question: 4, answer: true, reasoning: 'Ouders werken mee.' }],
      [
        owner,
        {
          type: 'recordHelpPlan',
          what: 'Opvoedondersteuning via het wijkteam.',
          who: 'zorgcoördinator',
          deadline: '2026-04-01',
          followUpOn: '2026-04-15',
        },
      ],
    ]);
    const md = dossierMarkdown({
      dossier: help,
      school,
      language: 'nl',
      exportedBy: 'Mevrouw Jansen',
      now: NOW,
    });
    const decisions = sectionOf(md, '## 9. Melding, hulp en vervolg');
    expect(decisions).toContain('#### Hulpplan #10');
    expect(decisions).toContain('- **Wie:** zorgcoördinator');
    expect(decisions).toContain('- **Uiterlijk:** 1 apr 2026');
    expect(decisions).toContain('- **Evaluatie op:** 15 apr 2026');
    expect(decisions).toContain('**Welke hulp:**\n\n> Opvoedondersteuning via het wijkteam.');
    expect(sectionOf(md, '## 6. Gesprek met de leerling en/of de ouders')).toContain(
      '#### Gesprek overgeslagen',
    );
    expect(sectionOf(md, '## 10. Afsluiting')).toContain('Het dossier is open.');
    expect(sectionOf(md, '## 8. Afwegingskader')).toContain(
      '**Uitkomst van het afwegingskader: hulp organiseren en de effecten volgen.**',
    );

    const fresh = build([opening]);
    const started = dossierMarkdown({ dossier: fresh, school, language: 'nl', exportedBy: 'X', now: NOW });
    expect(sectionOf(started, '## 2. Gezette stappen van de meldcode')).toContain(
      'Nog te zetten voordat besloten kan worden over melden: 1. Signalen in kaart brengen, 2. Collegiale consultatie, 3. Gesprek met de ouders en/of de leerling, 4. Wegen.',
    );
    expect(sectionOf(started, '### Eigen waarneming')).toContain('_Niets vastgelegd._');
  });

  it('is saved under the dossier number', () => {
    expect(exportFileName(dossier)).toBe('MC-2026-0001.md');
  });
});
