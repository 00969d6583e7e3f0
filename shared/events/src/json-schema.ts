import { z } from 'zod';
import type { EventDefinition } from './define-event';

/** The published JSON Schema of an event type's data (what integrators validate against). */
export function jsonSchemaOf(definition: EventDefinition): Record<string, unknown> {
  const schema = z.toJSONSchema(definition.schema, { target: 'draft-2020-12', io: 'input' });
  return {
    ...schema,
    $id: `https://crm.dev/schemas/${definition.type}.json`,
    title: definition.type,
    description: definition.description,
  };
}
