import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Gauge } from 'prom-client';
import { CaseReplayCache } from '@app/application';
import { ServiceMetrics } from './metrics';

/** `/metrics` `as_of_cache`: the as-of replays' cache (AS_OF_CACHE_ENTRIES, AS_OF_CACHE_MB), beside the service's other metrics. */
@Injectable()
export class AsOfCacheMetrics implements OnModuleInit {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly replays: CaseReplayCache,
  ) {}

  onModuleInit(): void {
    const replays = this.replays;
    new Gauge({
      name: 'as_of_cache',
      help: "The as-of replays' cache of parsed case streams: entries and bytes (event JSON) held, and hits, misses and evictions since start",
      labelNames: ['measure'],
      registers: [this.moduleRef.get(ServiceMetrics, { strict: false }).registry],
      collect() {
        for (const [measure, value] of Object.entries(replays.stats())) this.set({ measure }, value);
      },
    });
  }
}
