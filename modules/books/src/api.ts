// What other modules may import from Books: router types only (`import type`).
import type { booksIntegrationRouter } from './integration';
import type { booksAppRouter } from './router';

export type BooksAppRouter = typeof booksAppRouter;
export type BooksIntegrationRouter = typeof booksIntegrationRouter;
