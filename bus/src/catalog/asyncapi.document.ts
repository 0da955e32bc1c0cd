import type { EventCatalog, EventDefinition } from '@suite/contracts';
import { z } from 'zod';
import { dataSchemaUri } from '../envelope/cloud-event';
import { STRUCTURED_CONTENT_TYPE } from '../envelope/kafka-binding';

const KAFKA_BINDING = '0.5.0';

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/** A CloudEvent of one type in the JSON event format: the value of its Kafka message (structured mode). */
function cloudEvent(definition: EventDefinition) {
  const text = (description: string, extra: Record<string, unknown> = {}) => ({
    type: 'string',
    description,
    ...extra,
  });
  return {
    type: 'object',
    required: [
      'specversion',
      'id',
      'source',
      'type',
      'subject',
      'time',
      'datacontenttype',
      'dataschema',
      'orgid',
      'partitionkey',
      'data',
    ],
    properties: {
      specversion: text('CloudEvents version.', { const: '1.0' }),
      id: text('Event id, a time-ordered UUIDv7; consumers deduplicate on it.', { format: 'uuid' }),
      source: text('Producer, `/onestack/<producer>`.'),
      type: text('Event type.', { const: definition.type }),
      subject: text(`The aggregate id (the \`${definition.key}\` field).`),
      time: text('When the event was published.', { format: 'date-time' }),
      datacontenttype: text('Media type of `data`.', { const: 'application/json' }),
      dataschema: text('Contract of the data: type and version.', {
        const: dataSchemaUri(definition.type, definition.version),
      }),
      orgid: text('The tenant (organisation) the event belongs to.', { format: 'uuid' }),
      traceparent: text('W3C trace context of the request that caused the event.'),
      partitionkey: text('Partition key (CloudEvents Partitioning extension): the aggregate id.'),
      data: jsonSchema(definition.schema),
    },
  };
}

const messageId = (definition: EventDefinition) => `${definition.type}.v${definition.version}`;
const operationId = (topic: string) => `publish-${topic.replaceAll('.', '-')}`;

/**
 * The event catalog as an AsyncAPI 3 document: one channel per topic, one message per event type and
 * version, carried with the CloudEvents Kafka binding (structured mode, JSON format) and keyed by the
 * aggregate id.
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
        'Kafka binding’s structured mode: the whole event as JSON in the value, `content-type: ' +
        `${STRUCTURED_CONTENT_TYPE}\`, the aggregate id as the key. The suite also reads binary-mode ` +
        'messages (`ce_*` headers). Events of one aggregate arrive in order; delivery is at least once, ' +
        'so deduplicate on `id`. Changes within a version are additive only. Generated from ' +
        'contracts/src/events by `npm run contracts:asyncapi`.',
    },
    defaultContentType: STRUCTURED_CONTENT_TYPE,
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
            contentType: STRUCTURED_CONTENT_TYPE,
            headers: {
              type: 'object',
              required: ['content-type'],
              properties: { 'content-type': { type: 'string', const: STRUCTURED_CONTENT_TYPE } },
            },
            payload: cloudEvent(definition),
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
