import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type Database from 'better-sqlite3';
import { Gauge, type Registry } from 'prom-client';
import { CaseReplayCache, EVENT_STORE } from '@app/application';
import { SqliteEventStore, type EventStore } from '@app/event-store';
import { READ_MODEL_DB } from '@app/hosting';
import { caseViewStateCache } from '@app/projections';
import { ServiceMetrics } from './metrics';

/** A gauge of a cache's counters, one series per measure (entries, hits, misses, evictions…). */
function cacheGauge(registry: Registry, name: string, help: string, stats: () => Readonly<Record<string, number>>) {
  new Gauge({
    name,
    help,
    labelNames: ['measure'],
    registers: [registry],
    collect() {
      for (const [measure, value] of Object.entries(stats())) this.set({ measure }, value);
    },
  });
}

/**
 * `/metrics` for the read side's caches, beside the service's other metrics: `as_of_cache`
 * (AS_OF_CACHE_ENTRIES, AS_OF_CACHE_MB), `case_view_cache` (CASE_VIEW_CACHE_ENTRIES) and, on
 * the SQLite store, `recent_events_cache`, each with its bounds beside what it holds (the write
 * side's `stream_cache` is in ServiceMetrics).
 */
@Injectable()
export class CacheMetrics implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly replays: CaseReplayCache,
    @Inject(READ_MODEL_DB) private readonly readModels: Database.Database,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  onModuleInit(): void {
    const { registry } = this.moduleRef.get(ServiceMetrics, { strict: false });
    cacheGauge(
      registry,
      'as_of_cache',
      "The as-of replays' cache of parsed case streams: entries and bytes (event JSON) held, their bounds (AS_OF_CACHE_ENTRIES, AS_OF_CACHE_MB), and hits, misses and evictions since start",
      () => this.replays.stats(),
    );
    const states = caseViewStateCache(this.readModels);
    cacheGauge(
      registry,
      'case_view_cache',
      "The case view's parsed application states between batches: entries held and the most it holds (CASE_VIEW_CACHE_ENTRIES), and hits, misses and evictions since start",
      () => states.stats(),
    );
    const { store } = this;
    if (!(store instanceof SqliteEventStore)) return;
    cacheGauge(
      registry,
      'recent_events_cache',
      "The event log's latest appends kept parsed for this process's read models and processes: events held and the most held, pages served from them (hits) or read from the table (misses), and events let go",
      () => store.recentEventsStats(),
    );
  }
}
