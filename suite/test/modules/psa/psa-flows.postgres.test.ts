import { psaFlows } from './support/psa-flows';

psaFlows('postgres');
