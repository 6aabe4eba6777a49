/**
 * The baseline of the HTTP figures: a minimal NestJS 11 + Fastify application with one trivial
 * route, started the same way as the service (`PORT`, `HOST`), so the ratio shows what our own
 * code costs on top of the framework on this machine.
 */
import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';

@Controller()
class TrivialController {
  @Get('trivial')
  trivial() {
    return { ok: true };
  }
}

@Module({ controllers: [TrivialController] })
class TrivialModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create<NestFastifyApplication>(TrivialModule, new FastifyAdapter(), { logger: false });
  app.enableShutdownHooks();
  await app.listen({ port: Number(process.env.PORT ?? 3000), host: process.env.HOST ?? '127.0.0.1' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
