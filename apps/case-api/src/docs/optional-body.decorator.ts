import { ApiBody } from '@nestjs/swagger';

/**
 * Documents the body of a route whose fields are all optional as optional: a POST without a body
 * (no Content-Type, no bytes) is read as `{}`. A body that is sent must still be a JSON object.
 */
export const ApiOptionalBody = (type: new () => object) =>
  ApiBody({
    type,
    required: false,
    description: 'May be left out entirely: no body is read as {}. A body sent must be a JSON object.',
  });
