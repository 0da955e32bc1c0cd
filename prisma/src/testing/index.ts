export { createTestDatabase, openTestDatabase, type TestDatabase } from './test-database';
