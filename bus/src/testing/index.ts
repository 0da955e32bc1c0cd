import './kafka-context';

export { eventually } from './eventually';

export { type GroupTopics, startGroupsAtEnd } from './kafka-groups';
export { type TestEvents, testEvents } from './test-events';
export { TEST_TUNING } from './test-tuning';
