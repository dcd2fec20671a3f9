export * from './document.ts';
export * from './actor.ts';
export * from './attribution.ts';
export * from './narrative.ts';
export * from './analysis.ts';
