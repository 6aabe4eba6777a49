import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { completeDocument } from './complete-document';

/** The OpenAPI document is generated from the same DTO classes that validate requests. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('IMP+ Case Ledger API')
    .setDescription(
      'Back-office API for Quebec International Mobility Program Plus (A76) open work permits. ' +
        'Errors are application/problem+json; domain refusals carry the shared/RULES.md id as `code`. ' +
        'Every POST accepts Idempotency-Key; responses about one application carry ETag and commands accept If-Match ' +
        '(compared strongly: W/"7" never matches). A method a path does not take is answered 405 with Allow. ' +
        'Every GET also answers HEAD: the same status and headers, without the body.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'API key' })
    .build();
  return completeDocument(SwaggerModule.createDocument(app, config));
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup('docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}
