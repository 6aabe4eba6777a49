import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * Aborts the feed's waits when the server begins to close (Fastify's preClose, before it waits
 * for the requests in flight): a long poll answers at once and a graceful shutdown never waits
 * out a wait.
 */
@Injectable()
export class FeedShutdown implements OnModuleInit {
  private readonly controller = new AbortController();

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('preClose', (done) => {
      this.controller.abort();
      done();
    });
  }
}
