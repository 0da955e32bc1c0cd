export { type Bus, type BusOptions, createBus } from './bus';
export type { BusTuning, TuningOverrides } from './bus-options';
export type { RunningSubscription } from './consumer/consumer-group.runtime';
export {
  type BatchContext,
  type BusEvent,
  defineSubscription,
  type HandlerContext,
  type RetryPolicy,
  type Subscription,
} from './consumer/subscription';
export type { EventAttributes, EventEnvelope } from './envelope/cloud-event';
export { toKafkaMessage } from './envelope/kafka-binding';
export type { Trace } from './envelope/traceparent';
export type { BusMetrics } from './metrics/bus.metrics';
export { type BusOperations, connectBusOperations } from './operations/bus-operations';
export type { BusStatus, GroupStatus } from './operations/bus-status';
export type {
  DeadLetter,
  DeadLetterFilter,
  DeadLetterSummary,
  ReplaySelection,
} from './operations/dead-letters';
export { UnknownGroupError } from './operations/group-control';
export {
  createManyPublisher,
  createPublisher,
  inRequestTrace,
  type PublishFn,
  type PublishInput,
  type PublishManyFn,
  publish,
  publishMany,
} from './outbox/outbox.publisher';
export {
  InvalidEventDataError,
  PublishOutsideTenantError,
  UnknownEventTypeError,
} from './outbox/publish.errors';
export { Relay, type RelayState } from './relay/relay.service';
export { partitionFor } from './transport/partitioner';
export type { PartitionLag, Transport, TransportKind } from './transport/transport';
