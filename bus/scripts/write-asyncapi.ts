// npm run contracts:asyncapi — regenerates docs/asyncapi.yaml from the event catalog.
import { writeFileSync } from 'node:fs';
import { ASYNCAPI_FILE, asyncApiYaml } from '../src/catalog/asyncapi.yaml';

writeFileSync(ASYNCAPI_FILE, asyncApiYaml());
console.log(`wrote ${ASYNCAPI_FILE}`);
