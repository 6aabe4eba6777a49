import { setFlagsFromString } from 'node:v8';

/**
 * Bounds how far V8 lets its old generation grow past the data still alive before the next full
 * collection (HEAP_GROWTH_PERCENT). Left alone, V8 grows it up to 4× the live data while the
 * allocation rate is high, so a service with 70 MB alive reached 250 MB of heap and over 400 MB of
 * resident memory under submission load (docs/performance.md, "Memory"). A limit of `percent`
 * grows it to live × (1 + percent/100) instead: more full collections, never a lower ceiling, so a
 * larger live set is never refused. 0 leaves V8's own heuristic. V8 reads the setting at every full
 * collection, so setting it at start, before the load, is enough.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
