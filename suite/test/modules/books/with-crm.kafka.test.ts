import { inject } from 'vitest';
import { booksWithCrmFlows } from './support/books-with-crm-flows';

if (!inject('kafkaBrokers')) console.warn(`Kafka suites: ${inject('kafkaProblem')}`);
booksWithCrmFlows('kafka');
