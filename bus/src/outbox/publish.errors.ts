import { z } from 'zod';

export class UnknownEventTypeError extends Error {
  constructor(
    readonly type: string,
    readonly version: number | undefined,
  ) {
    super(
      `cannot publish ${type}${version === undefined ? '' : ` v${version}`}: not in the event catalog; ` +
        'define it in contracts/src/events/<producer>.ts and add it to the catalog',
    );
    this.name = 'UnknownEventTypeError';
  }
}

export class InvalidEventDataError extends Error {
  constructor(
    readonly type: string,
    readonly version: number,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(
      `cannot publish ${type} v${version}: the data does not match its contract:\n` +
        z.prettifyError({ issues } as z.ZodError),
    );
    this.name = 'InvalidEventDataError';
  }
}

export class PublishOutsideTenantError extends Error {
  constructor(type: string) {
    super(
      `cannot publish ${type}: the transaction has no org; publish inside ` +
        'forOrg(db.app, orgId).transaction(tx => ...) so the event commits with the state change',
    );
    this.name = 'PublishOutsideTenantError';
  }
}
