import './kafka-context';

export { type GroupTopics, startGroupsAtEnd } from './kafka-groups';
export { type TestEvents, testEvents } from './test-events';
export { DEFAULT_TUNING } from '../bus-options';
export { TEST_TUNING } from './test-tuning';
