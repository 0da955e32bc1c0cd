import { z } from 'zod';
import { count, cursor } from '../events/shared-scalars';

// The AI assistant's pages (its queries over MCP): small by default, so its context stays small.

/** The input fields of a paged assistant query. */
export const compactPage = { cursor: cursor.optional(), limit: count(50).default(10) };

/** The output field after a page's items. */
export const nextCursor = z
  .string()
  .nullable()
  .describe('Pass it as `cursor` for the next page; null on the last.');
