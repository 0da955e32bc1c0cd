import type { z } from 'zod';

/** Keys of T whose values are strings: the fields an aggregate id (the bus key) can come from. */
export type StringKeys<T> = { [K in keyof T]-?: T[K] extends string ? K : never }[keyof T] & string;

/**
 * One version of one event type (rule 2). The type is dotted lower case, `<producer>.<noun>.<verb>`;
 * the topic is `<producer>.<aggregate>`; `key` names the data field holding the aggregate id, which is
 * the CloudEvents subject and the partition key, so events of one aggregate stay in order (types about
 * the same aggregate share its topic, e.g. `hub.membership.changed` on `hub.user`).
 */
export interface EventDefinition<TType extends string = string, TSchema extends z.ZodObject = z.ZodObject> {
  readonly type: TType;
  readonly version: number;
  readonly topic: string;
  readonly key: string;
  readonly description: string;
  readonly schema: TSchema;
}

/** The validated data of an event definition. */
export type EventData<D extends EventDefinition> = z.output<D['schema']>;

const TOPIC = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/;
// The last segment may use snake_case (`psa.client.status_changed`), as the product catalog names them.
const TYPE = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.[a-z][a-z0-9_-]*$/;

export function defineEvent<
  const TType extends string,
  TSchema extends z.ZodObject,
  TKey extends StringKeys<z.output<TSchema>>,
>(definition: {
  type: TType;
  version: number;
  topic: string;
  key: TKey;
  description: string;
  schema: TSchema;
}): EventDefinition<TType, TSchema> {
  const { type, version, topic, key } = definition;
  if (!TOPIC.test(topic)) throw new Error(`event ${type}: topic "${topic}" must be <producer>.<aggregate>`);
  const producer = topic.split('.')[0];
  if (!TYPE.test(type) || !type.startsWith(`${producer}.`))
    throw new Error(
      `event ${type}: the type must be dotted lower case and start with its producer "${producer}."`,
    );
  if (!Number.isInteger(version) || version < 1)
    throw new Error(`event ${type}: version must be a whole number from 1, got ${version}`);
  if (!(key in definition.schema.shape))
    throw new Error(`event ${type}: key "${key}" is not a field of its schema`);
  return definition;
}

/** The value of the key field: the aggregate id. */
export function eventKey(definition: EventDefinition, data: unknown): string {
  return String((data as Record<string, unknown>)[definition.key]);
}
