import type { OpenAPIObject } from '@nestjs/swagger';
import { addConditionalConstraints } from './conditional-constraints';
import { contractParameters } from './contract-components';
import { linkCreatedResources } from './created-resource-links';
import { refineResponses } from './response-refinements';
import { completeOperation } from './route-contract';
import { closeRequestSchemas, eachSchema, nullableEnums, nullableReferences, utcInstants } from './schema-refinements';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * Completes the document @nestjs/swagger generates from the controllers, so that it describes
 * everything the server can answer: the statuses, headers and request headers its shared
 * machinery (guards, limits, idempotency, If-Match, the problem mapping) adds to every route of a
 * kind, the answers of routes without DTOs, closed request schemas, conditional constraints,
 * UTC instants, nullable nested objects, and links from created resources. Runs on every new route too.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  refineResponses(document);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) completeOperation(path, method, operation);
    }
  }
  const components = (document.components ??= {});
  components.parameters = { ...components.parameters, ...contractParameters() };
  eachSchema(document, (schema) => {
    nullableReferences(schema);
    nullableEnums(schema);
    utcInstants(schema);
  });
  // Before the conditional constraints: their branches name a few members and must stay open.
  closeRequestSchemas(document);
  addConditionalConstraints(document);
  linkCreatedResources(document);
  return document;
}
