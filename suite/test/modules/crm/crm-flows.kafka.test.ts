import { inject } from 'vitest';
import { crmFlowsContract } from './support/crm-flows.contract';

// Without a broker these tests fail (the suite helper says why); CI sets REQUIRE_KAFKA=1 and starts one.
if (!inject('kafkaBrokers')) console.warn(`Kafka suites: ${inject('kafkaProblem')}`);
crmFlowsContract('kafka');
