import type {
  recordsCreate,
  recordsDelete,
  recordsFind,
  recordsGet,
  recordsListRecent,
  recordsSearch,
  recordsUpdate,
} from '@suite/contracts';
import type { z } from 'zod';

// The records procedures' inputs and outputs are their contracts (contracts/src/integration/crm.integration.ts).
export type RecordView = NonNullable<z.infer<typeof recordsGet.output>>;
export type RecordById = z.infer<typeof recordsGet.input>;
export type RecordFindInput = z.infer<typeof recordsFind.input>;
export type RecordSearchInput = z.infer<typeof recordsSearch.input>;
export type RecordListRecentInput = z.infer<typeof recordsListRecent.input>;
export type RecordCreateInput = z.infer<typeof recordsCreate.input>;
export type RecordUpdateInput = z.infer<typeof recordsUpdate.input>;
export type RecordList = z.infer<typeof recordsFind.output>;
export type RecordDeleted = z.infer<typeof recordsDelete.output>;
