// The one registry of card verbs, composed from one module per screen. Each verb names its
// payload schema and what it does; the meldcode's rules live in src/domain, not here.

import type { Verb } from '../verb';
import { TextCommands } from '../text-commands';
import type { Actor, Turn } from '../turn';
import type { StepCards, VerbDependencies } from './common';
import { homeVerbs } from './home';
import { dossierVerbs } from './dossier';
import { signalenCard, signalenVerbs } from './signalen';
import { consultatieCard, consultatieVerbs } from './consultatie';
import { gesprekCard, gesprekVerbs } from './gesprek';
import { wegenCard, wegenVerbs } from './wegen';
import { beslissenCard, beslissenVerbs } from './beslissen';
import { contactVerbs } from './contact';
import { chronologyVerbs } from './chronology';
import { closeVerbs } from './close';
import { exportVerbs } from './export';
import { documentVerbs } from './documents';
import { consultationVerbs } from './consultation';
import { reminderVerbs } from './reminder';
import { settingsVerbs } from './settings';
import { betrokkenenVerbs } from './betrokkenen';

export type { VerbDependencies } from './common';

export function createVerbs(deps: VerbDependencies): Record<string, Verb> {
  const stepCards: StepCards = {
    signalen: signalenCard(deps),
    consultatie: consultatieCard(deps),
    gesprek: gesprekCard(deps),
    wegen: wegenCard(deps),
    beslissen: beslissenCard(deps),
  };
  const modules = [
    homeVerbs(deps),
    dossierVerbs(deps, stepCards),
    signalenVerbs(deps),
    consultatieVerbs(deps),
    gesprekVerbs(deps),
    wegenVerbs(deps),
    beslissenVerbs(deps),
    contactVerbs(deps),
    chronologyVerbs(deps),
    closeVerbs(deps),
    exportVerbs(deps),
    documentVerbs(deps),
    consultationVerbs(deps),
    reminderVerbs(deps),
    settingsVerbs(deps),
    betrokkenenVerbs(deps),
  ];
  const registry: Record<string, Verb> = {};
  for (const verbs of modules) {
    for (const [name, verb] of Object.entries(verbs)) {
      if (name in registry)
        throw new Error(`The verb ${name} is registered twice; every verb needs one owner.`);
      registry[name] = verb;
    }
  }
  return registry;
}

/** Typed commands run the same verbs as the buttons: they are given the one registry. */
export function createTextCommands(verbs: Readonly<Record<string, Verb>>): TextCommands {
  const run = (name: string) => (turn: Turn & { actor: Actor }, now: Date) => {
    const verb = verbs[name];
    if (!verb) throw new Error(`Text command needs the verb ${name}, which is not registered.`);
    return verb.run({ turn, now }, {});
  };
  return new TextCommands({
    home: run('showHome'),
    newDossier: run('startNewDossier'),
    myDossiers: run('showMyDossiers'),
    myConsultations: run('showMyConsultations'),
    settings: run('showSettings'),
    figures: run('showFigures'),
  });
}
