// Entry of a compute worker thread: the TypeScript sources run through tsx, as in bin/narrascope.js.
import { register } from 'tsx/esm/api';

register();
await import('./compute-worker.ts');
