import { describe, expect, it } from 'vitest';
import { minorUnits } from '../src/client/minor-units';

describe("an invoice amount in the currency's smallest unit", () => {
  it('counts cents, whole yen and fils as the currency does', () => {
    expect(minorUnits('1158.07', 'USD')).toBe(115_807);
    expect(minorUnits('480.2', 'EUR')).toBe(48_020);
    expect(minorUnits('0.00', 'USD')).toBe(0);
    expect(minorUnits('1000.00', 'JPY')).toBe(1000);
    expect(minorUnits('1.50', 'BHD')).toBe(1500);
  });

  it('refuses an amount finer than the currency', () => {
    expect(minorUnits('10.50', 'JPY')).toBeNull();
  });
});
