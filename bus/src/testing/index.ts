import './kafka-context';

export { DEFAULT_TUNING } from '../bus-options';
export { eventually } from './eventually';
export { type GroupTopics, startGroupsAtEnd } from './kafka-groups';
export { withPublishLockHeld } from './publish-lock';
export {
  keepPublishedEvents,
  type PublishedEvent,
  type PublishedFilter,
  publishedEvents,
} from './published-events';
export { redelivery } from './redeliver';
export { type TestEvents, testEvents } from './test-events';
export { TEST_TUNING } from './test-tuning';
