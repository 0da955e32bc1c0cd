import { booksInvoiceFlows } from './support/books-invoice-flows';

booksInvoiceFlows('postgres');
