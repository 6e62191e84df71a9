// View models, one module per screen; common.ts holds what every screen uses.
export * from './common';
export * from './home';
export * from './signalen';
