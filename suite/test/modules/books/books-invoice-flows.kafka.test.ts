import { inject } from 'vitest';
import { booksInvoiceFlows } from './support/books-invoice-flows';

// Without a broker these tests fail (the fixture says why); CI sets REQUIRE_KAFKA=1 and starts one.
if (!inject('kafkaBrokers')) console.warn(`Kafka suites: ${inject('kafkaProblem')}`);
booksInvoiceFlows('kafka');
