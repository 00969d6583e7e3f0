import { CATALOG, TOPICS } from './catalog';
import { CE_HEADERS } from './envelope';

/** The AsyncAPI 3 document integrators read: every topic, its event types, headers and schemas. */
export function buildAsyncApi(version: string): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const topic of TOPICS) {
    const types = CATALOG.filter((d) => d.topic === topic.name);
    channels[topic.name] = {
      address: topic.name,
      description: topic.description,
      messages: Object.fromEntries(
        types.map((d) => [d.type, { $ref: `#/components/messages/${d.type}` }]),
      ),
      bindings: { kafka: { partitions: topic.partitions } },
    };
    if (types.length) {
      operations[`publish.${topic.name}`] = {
        action: 'send',
        channel: { $ref: `#/channels/${topic.name}` },
        messages: types.map((d) => ({ $ref: `#/channels/${topic.name}/messages/${d.type}` })),
      };
    }
  }
  for (const d of CATALOG) {
    messages[d.type] = {
      name: d.type,
      title: d.type,
      summary: d.description,
      contentType: 'application/json',
      headers: {
        type: 'object',
        required: [
          CE_HEADERS.id,
          CE_HEADERS.type,
          CE_HEADERS.source,
          CE_HEADERS.time,
          CE_HEADERS.specversion,
        ],
        properties: {
          [CE_HEADERS.specversion]: { const: '1.0' },
          [CE_HEADERS.id]: {
            type: 'string',
            format: 'uuid',
            description: 'Event id (deduplicate on it)',
          },
          [CE_HEADERS.type]: { const: d.type },
          [CE_HEADERS.source]: { const: `/crm/${d.producer}` },
          [CE_HEADERS.subject]: { type: 'string', description: 'Aggregate id' },
          [CE_HEADERS.time]: { type: 'string', format: 'date-time' },
          [CE_HEADERS.actorId]: {
            type: 'string',
            description: 'Employee who caused it, when known',
          },
          [CE_HEADERS.contentType]: { const: 'application/json' },
        },
      },
      payload: { $ref: `schemas/${d.type}.json` },
      bindings: {
        kafka: {
          key: {
            type: 'string',
            description:
              'Customer id where the aggregate belongs to a customer, else the aggregate id',
          },
        },
      },
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'CRM platform events',
      version,
      description:
        'Domain events of every department. CloudEvents 1.0 in Kafka binary mode: attributes in ce_* headers, the JSON data as the value. Consumers must tolerate duplicates (deduplicate on ce_id) and unknown optional fields.',
    },
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'npm start' } },
    channels,
    operations,
    components: { messages },
  };
}
