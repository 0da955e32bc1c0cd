import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { CONTENT_TYPE, type EventEnvelope } from './cloud-event';

// CloudEvents Kafka protocol binding, binary mode: each attribute is a `ce_<name>` header,
// `datacontenttype` is the `content-type` header, the value is the data and the key is the partition key.
const PREFIX = 'ce_';
const CONTENT_TYPE_HEADER = 'content-type';

export function toKafkaMessage(envelope: EventEnvelope, partition: number): Message {
  const { data, datacontenttype, ...attributes } = envelope;
  const headers: IHeaders = { [CONTENT_TYPE_HEADER]: datacontenttype };
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) headers[`${PREFIX}${name}`] = String(value);
  }
  return { key: envelope.partitionkey, value: JSON.stringify(data), headers, partition };
}

/** The structured envelope of a Kafka message; throws when the value is not JSON. */
export function fromKafkaMessage(message: KafkaMessage): Record<string, unknown> {
  const envelope: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const text = Array.isArray(value) ? value[0]?.toString() : value?.toString();
    if (name === CONTENT_TYPE_HEADER) envelope.datacontenttype = text;
    else if (name.startsWith(PREFIX)) envelope[name.slice(PREFIX.length)] = text;
  }
  const value = message.value?.toString() ?? '';
  if (envelope.datacontenttype !== CONTENT_TYPE)
    throw new Error(`content-type is ${String(envelope.datacontenttype)}, expected ${CONTENT_TYPE}`);
  envelope.data = JSON.parse(value);
  return envelope;
}
