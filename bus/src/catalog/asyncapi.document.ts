import type { EventCatalog, EventDefinition } from '@suite/contracts';
import { z } from 'zod';
import { dataSchemaUri } from '../envelope/cloud-event';

const KAFKA_BINDING = '0.5.0';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** The `ce_*` headers of the CloudEvents Kafka binding (binary mode) for one event type. */
function headers(definition: EventDefinition) {
  const text = (description: string, extra: Record<string, unknown> = {}) => ({
    type: 'string',
    description,
    ...extra,
  });
  return {
    type: 'object',
    required: [
      'ce_specversion',
      'ce_id',
      'ce_source',
      'ce_type',
      'ce_subject',
      'ce_time',
      'ce_dataschema',
      'ce_orgid',
      'ce_partitionkey',
      'content-type',
    ],
    properties: {
      ce_specversion: text('CloudEvents version.', { const: '1.0' }),
      ce_id: text('Event id, a time-ordered UUIDv7; consumers deduplicate on it.', { format: 'uuid' }),
      ce_source: text('Producer, `/onestack/<producer>`.'),
      ce_type: text('Event type.', { const: definition.type }),
      ce_subject: text(`The aggregate id (the \`${definition.key}\` field).`),
      ce_time: text('When the event was published.', { format: 'date-time' }),
      ce_dataschema: text('Contract of the data: type and version.', {
        const: dataSchemaUri(definition.type, definition.version),
      }),
      ce_orgid: text('The tenant (organisation) the event belongs to.', { format: 'uuid' }),
      ce_traceparent: text('W3C trace context of the request that caused the event.'),
      ce_partitionkey: text('Partition key (CloudEvents Partitioning extension): the aggregate id.'),
      'content-type': text('CloudEvents datacontenttype.', { const: 'application/json' }),
    },
  };
}

const messageId = (definition: EventDefinition) => `${definition.type}.v${definition.version}`;
const operationId = (topic: string) => `publish-${topic.replaceAll('.', '-')}`;

/**
 * The event catalog as an AsyncAPI 3 document: one channel per topic, one message per event type and
 * version, carried with the CloudEvents Kafka binding (binary mode) and keyed by the aggregate id.
 */
export function asyncApiDocument(catalog: EventCatalog): Record<string, unknown> {
  const topics = [...new Set(catalog.definitions.map((definition) => definition.topic))].sort();
  const ofTopic = (topic: string) => catalog.definitions.filter((definition) => definition.topic === topic);
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'One Stack suite events',
      version: '1.0.0',
      description:
        'State changes the suite publishes on its bus. Every message is a CloudEvents 1.0 event in the ' +
        'Kafka binary binding: attributes in `ce_*` headers, JSON data in the value, the aggregate id as ' +
        'the key. Events of one aggregate arrive in order; delivery is at least once, so deduplicate on ' +
        '`ce_id`. Changes within a version are additive only. Generated from contracts/src/events by ' +
        '`npm run contracts:asyncapi`.',
    },
    defaultContentType: 'application/json',
    channels: Object.fromEntries(
      topics.map((topic) => [
        topic,
        {
          address: topic,
          description: `Events about one ${topic.split('.')[1]} aggregate of the ${topic.split('.')[0]} producer, keyed by its id.`,
          messages: Object.fromEntries(
            ofTopic(topic).map((definition) => [
              messageId(definition),
              { $ref: `#/components/messages/${messageId(definition)}` },
            ]),
          ),
        },
      ]),
    ),
    operations: Object.fromEntries(
      topics.map((topic) => [
        operationId(topic),
        {
          action: 'send',
          summary: `The suite publishes ${topic} events.`,
          channel: { $ref: `#/channels/${topic}` },
          messages: ofTopic(topic).map((definition) => ({
            $ref: `#/channels/${topic}/messages/${messageId(definition)}`,
          })),
        },
      ]),
    ),
    components: {
      messages: Object.fromEntries(
        catalog.definitions.map((definition) => [
          messageId(definition),
          {
            name: definition.type,
            title: `${definition.type} v${definition.version}`,
            summary: definition.description,
            contentType: 'application/json',
            headers: headers(definition),
            payload: jsonSchema(definition.schema),
            bindings: {
              kafka: {
                key: {
                  type: 'string',
                  description: `The aggregate id: the \`${definition.key}\` field of the data.`,
                },
                bindingVersion: KAFKA_BINDING,
              },
            },
          },
        ]),
      ),
    },
  };
}
