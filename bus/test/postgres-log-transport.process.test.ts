import { transportContract } from './support/transport-contract';

transportContract('postgres');
