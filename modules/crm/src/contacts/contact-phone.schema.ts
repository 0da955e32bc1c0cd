import { contactsLookupByPhone, type contactsRememberPhoneChoice } from '@suite/contracts';
import type { z } from 'zod';

export const phoneLookupView = contactsLookupByPhone.output;

export type PhoneLookupInput = z.infer<typeof contactsLookupByPhone.input>;
export type PhoneLookupView = z.infer<typeof contactsLookupByPhone.output>;
export type PhoneChoiceInput = z.infer<typeof contactsRememberPhoneChoice.input>;
export type PhoneChoiceView = z.infer<typeof contactsRememberPhoneChoice.output>;
