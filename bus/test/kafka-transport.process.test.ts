import { inject } from 'vitest';
import { transportContract } from './support/transport-contract';

// Without a broker these tests fail (busFixture says why); CI sets REQUIRE_KAFKA=1 and starts one.
if (!inject('kafkaBrokers')) console.warn(`Kafka suites: ${inject('kafkaProblem')}`);
transportContract('kafka');
