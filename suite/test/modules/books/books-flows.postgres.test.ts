import { booksFlows } from './support/books-flows';

booksFlows('postgres');
