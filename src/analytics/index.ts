/** Amplification analytics (issue 5): pure functions over in-memory arrays. */
export * from './timeline.ts';
export * from './surges.ts';
export * from './events.ts';
export * from './cascades.ts';
export * from './coordination.ts';
export * from './graph-export.ts';
export { chooseBands } from './neardup.ts';
