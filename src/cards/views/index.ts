// View models, one module per screen; common.ts holds what every screen uses.
export * from './common';
export * from './home';
export * from './signalen';
export * from './consultatie';
export * from './gesprek';
export * from './wegen';
export * from './beslissen';
export * from './melden';
export * from './hulp';
export * from './chronology';
export * from './contact';
export * from './close';
export * from './export';
export * from './consultation';
export * from './reminder';
export * from './settings';
