import { inject } from 'vitest';
import { booksFlows } from './support/books-flows';

// Without a broker these tests fail (the fixture says why); CI sets REQUIRE_KAFKA=1 and starts one.
if (!inject('kafkaBrokers')) console.warn(`Kafka suites: ${inject('kafkaProblem')}`);
booksFlows('kafka');
