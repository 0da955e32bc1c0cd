import { booksEvents } from './books';
import { crmEvents } from './crm';
import { defineCatalog } from './event-catalog';
import { hubEvents } from './hub';
import { platformEvents } from './platform';
import { portalEvents } from './portal';
import { psaEvents } from './psa';
import { toolsEvents } from './tools';
import { voiceEvents } from './voice';

/** The suite's event catalog; `npm run contracts:asyncapi` publishes it as docs/asyncapi.yaml. */
export const eventCatalog = defineCatalog(
  ...hubEvents,
  ...crmEvents,
  ...psaEvents,
  ...booksEvents,
  ...toolsEvents,
  ...voiceEvents,
  ...portalEvents,
  ...platformEvents,
);
