import { booksWithCrmFlows } from './support/books-with-crm-flows';

booksWithCrmFlows('postgres');
