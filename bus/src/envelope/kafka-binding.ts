import type { IHeaders, KafkaMessage, Message } from 'kafkajs';
import { CONTENT_TYPE } from './cloud-event';

// CloudEvents Kafka protocol binding. We send structured mode: the whole event as JSON in the value,
// `content-type: application/cloudevents+json`, the partition key as the message key. kafkajs encodes
// and decodes headers one by one in JavaScript: eleven `ce_*` headers cost it as much CPU as the rest
// of the message (decision 0079). We read both modes, as the binding says the receiver must tell them
// apart by `content-type`: sister products and relays before 0079 send binary mode.
const CONTENT_TYPE_HEADER = 'content-type';
const CLOUDEVENTS_MEDIA_TYPE = 'application/cloudevents';
const STRUCTURED_JSON = 'application/cloudevents+json';
/** The `content-type` header of every message the suite sends. */
export const STRUCTURED_CONTENT_TYPE = `${STRUCTURED_JSON}; charset=UTF-8`;
const STRUCTURED_HEADERS: IHeaders = { [CONTENT_TYPE_HEADER]: STRUCTURED_CONTENT_TYPE };
const BINARY_PREFIX = 'ce_';

// Binary-mode header names map to attribute names through a small cache rather than per message.
const NAMES_CACHED = 64;
const attributeNames = new Map<string, string | null>();

function attributeName(header: string): string | null {
  let name = attributeNames.get(header);
  if (name === undefined) {
    name = header.startsWith(BINARY_PREFIX) ? header.slice(BINARY_PREFIX.length) : null;
    if (attributeNames.size < NAMES_CACHED) attributeNames.set(header, name);
  }
  return name;
}

/** A Kafka message for an event already rendered as CloudEvents JSON (the relay has PostgreSQL render it). */
export function toKafkaMessage(
  event: { readonly key: string; readonly event: string },
  partition: number,
): Message {
  return { key: event.key, value: event.event, headers: STRUCTURED_HEADERS, partition };
}

const headerText = (value: IHeaders[string]) =>
  Array.isArray(value) ? value[0]?.toString() : value?.toString();

/** The structured envelope of a Kafka message in either content mode; throws naming what is wrong. */
export function fromKafkaMessage(message: KafkaMessage): Record<string, unknown> {
  const contentType = headerText(message.headers?.[CONTENT_TYPE_HEADER]);
  return contentType?.toLowerCase().startsWith(CLOUDEVENTS_MEDIA_TYPE)
    ? fromStructured(contentType, message)
    : fromBinary(message);
}

function fromStructured(contentType: string, message: KafkaMessage): Record<string, unknown> {
  if (!contentType.toLowerCase().startsWith(STRUCTURED_JSON))
    throw new Error(`event format ${contentType} is not supported; send ${STRUCTURED_JSON} or binary mode`);
  const envelope: unknown = JSON.parse(message.value?.toString() ?? '');
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope))
    throw new Error(`a ${STRUCTURED_JSON} value must be a JSON object`);
  return envelope as Record<string, unknown>;
}

function fromBinary(message: KafkaMessage): Record<string, unknown> {
  const envelope: Record<string, unknown> = {};
  const headers = message.headers ?? {};
  for (const name in headers) {
    const text = headerText(headers[name]);
    if (name === CONTENT_TYPE_HEADER) envelope.datacontenttype = text;
    else {
      const attribute = attributeName(name);
      if (attribute !== null) envelope[attribute] = text;
    }
  }
  if (envelope.datacontenttype !== CONTENT_TYPE)
    throw new Error(`content-type is ${String(envelope.datacontenttype)}, expected ${CONTENT_TYPE}`);
  envelope.data = JSON.parse(message.value?.toString() ?? '');
  return envelope;
}
