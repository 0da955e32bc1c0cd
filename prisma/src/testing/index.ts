export { countOverlappingQueries } from './overlapping-queries';
export { createTestDatabase, openTestDatabase, type TestDatabase } from './test-database';
