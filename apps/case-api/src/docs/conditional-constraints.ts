import type { OpenAPIObject, SchemaObject } from '@nestjs/swagger';
import { FAMILY_MEMBER_TYPES } from '../http/dto/enums';

/** "`field` may be sent only when `when` holds", as a schema: either the condition holds or the field is absent. */
const onlyWhen = (field: string, when: Record<string, SchemaObject>): SchemaObject => ({
  anyOf: [{ properties: when }, { not: { required: [field] } }],
});

/**
 * The conditions the DTOs check with `RequiredWhen` / `AbsentWhen` (a 400 naming the field),
 * written as OpenAPI 3.0 schemas on the body schemas that carry them. Conditions between query
 * parameters (`asOf` xor `revision`) have no schema form in OpenAPI 3.0: their descriptions say so.
 */
const CONSTRAINTS: Record<string, SchemaObject> = {
  /** A principal names no principal; a spouse or dependent child names theirs. */
  SubmitApplicationDto: {
    anyOf: [
      { properties: { applicantType: { enum: ['principal'] } }, not: { required: ['principalApplicationId'] } },
      { properties: { applicantType: { enum: [...FAMILY_MEMBER_TYPES] } }, required: ['principalApplicationId'] },
    ],
  },
  /** A province for a residence in Canada, none elsewhere. */
  ResidenceDto: {
    anyOf: [
      { properties: { country: { enum: ['CAN'] } }, required: ['province'] },
      { properties: { country: { not: { enum: ['CAN'] } } }, not: { required: ['province'] } },
    ],
  },
  /** No medical result without a completed exam. */
  MedicalDto: onlyWhen('result', { examCompleted: { enum: [true] } }),
  /** Months only for an approval. */
  DecideExtensionDto: onlyWhen('months', { outcome: { enum: ['approved'] } }),
};

/** Query parameters whose presence excludes another's: the rule goes into the parameter's description. */
const EXCLUSIVE_QUERY_PARAMETERS: ReadonlyArray<Readonly<{ path: string; name: string; note: string }>> = [
  {
    path: '/v1/applications/{id}/history',
    name: 'revision',
    note: 'Must be absent when asOf is given (asOf and revision exclude each other: 400).',
  },
  {
    path: '/v1/applications/{id}/history',
    name: 'asOf',
    note: 'A UTC instant ending in Z. Excludes revision (400 when both are given).',
  },
];

export function addConditionalConstraints(document: OpenAPIObject): void {
  const schemas = (document.components?.schemas ?? {}) as Record<string, SchemaObject>;
  for (const [name, constraint] of Object.entries(CONSTRAINTS)) {
    if (schemas[name] && schemas[name].anyOf === undefined) Object.assign(schemas[name], constraint);
  }
  for (const { path, name, note } of EXCLUSIVE_QUERY_PARAMETERS) {
    for (const parameter of document.paths[path]?.get?.parameters ?? []) {
      if ('$ref' in parameter || parameter.in !== 'query' || parameter.name !== name) continue;
      parameter.description = parameter.description ? `${parameter.description} ${note}` : note;
    }
  }
}
