export {
  booksContractActivated,
  booksEvents,
  booksInvoiceFinalized,
  booksInvoicePaid,
} from './books';
export { eventCatalog } from './catalog';
export {
  crmCompanyContactChanged,
  crmCompanyPromoted,
  crmContact,
  crmDealUpdated,
  crmDealWon,
  crmEsignRequested,
  crmEvents,
  crmLineItem,
  crmSequenceReplied,
} from './crm';
export { defineCatalog, type EventCatalog } from './event-catalog';
export {
  defineEvent,
  type EventData,
  type EventDefinition,
  eventKey,
  type StringKeys,
} from './event-definition';
export {
  hubEvents,
  hubMembershipChanged,
  hubMembershipRemoved,
  hubRole,
  hubUserDeactivated,
  hubUserUpdated,
} from './hub';
export { platformEvents, platformPersonErased } from './platform';
export { portalDocumentSigned, portalEvents, portalQuoteAccepted, portalQuoteDeclined } from './portal';
export {
  psaClientStatus,
  psaClientStatusChanged,
  psaContractAmended,
  psaContractSigned,
  psaCsatSubmitted,
  psaEvents,
  psaTicketClosed,
  psaTicketCreated,
  psaTicketUpdated,
} from './psa';
export {
  count,
  currency,
  cursor,
  entityId,
  hubUserId,
  MAX_MONEY,
  money,
  name,
  quantity,
  text,
  timestamp,
} from './shared-scalars';
export {
  toolErrorCode,
  toolsCallRecordingCompleted,
  toolsCallStatusChanged,
  toolsConnectionHealthChanged,
  toolsContractSigned,
  toolsEmailStatusChanged,
  toolsEvents,
  toolsPaymentSucceeded,
  toolsRunCompleted,
  toolsRunRequested,
  toolsSmsReceived,
} from './tools';
export {
  voiceCallAttached,
  voiceCallEnded,
  voiceCallNoted,
  voiceCallOutcome,
  voiceCallStarted,
  voiceEvents,
  voiceRecordingReady,
} from './voice';
