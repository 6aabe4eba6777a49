import { setFlagsFromString } from 'node:v8';

/**
 * V8's allocation-site pretenuring (HEAP_PRETENURING, off unless `true`): once most objects made at
 * one place in the code outlived two young collections, V8 allocates that place's objects straight
 * in the old generation, and keeps doing so as long as each full collection finds more than a few
 * percent of the old generation alive, which in a service holding its caches is always. A load of
 * slow requests (50 connections of submissions, tens of milliseconds each) makes that true of the
 * request path's own objects (Node's request and response, the logger's child, Fastify's and Nest's
 * per-request objects); from then on every request, however quick, puts its objects in the old
 * generation, where they keep the young objects they point to alive through the next young
 * collections: after a submission load each young collection of the as-of replays copied and
 * promoted ~1.1 MB instead of ~20 KB, paused 3–10 ms instead of ~0.6, and the old generation was
 * collected every second or two. Off, every object starts young.
 */
export function setPretenuring(enabled: boolean): void {
  if (!enabled) setFlagsFromString('--no-allocation-site-pretenuring');
}
