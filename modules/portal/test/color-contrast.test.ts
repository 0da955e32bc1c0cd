import { describe, expect, it } from 'vitest';
import { DEFAULT_BRANDING } from '../src/portals/branding';
import { brandingWarnings, contrastRatio } from '../src/portals/color-contrast';

describe("WCAG contrast of a portal's colours", () => {
  it('computes WCAG 2 ratios, whichever colour is lighter', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
    expect(contrastRatio('#ffffff', '#000000')).toBe(21);
    expect(contrastRatio('#1f4e8c', '#1f4e8c')).toBe(1);
    // #767676 is the lightest grey that passes on white; #777777 just fails.
    expect(contrastRatio('#767676', '#ffffff')).toBe(4.54);
    expect(contrastRatio('#777777', '#ffffff')).toBe(4.47);
  });

  it('warns of nothing for the default branding', () => {
    expect(brandingWarnings(DEFAULT_BRANDING)).toEqual([]);
  });

  it('warns of text on the background and of white on the primary colour below 4.5:1', () => {
    const warnings = brandingWarnings({ ...DEFAULT_BRANDING, textColor: '#777777', primaryColor: '#f2a900' });
    expect(warnings.map((warning) => [warning.field, warning.contrastRatio])).toEqual([
      ['branding.textColor', 4.47],
      ['branding.primaryColor', 2],
    ]);
    expect(warnings[0]?.message).toBe(
      'branding.textColor: text #777777 on the background #ffffff has a contrast ratio of 4.47:1, below the 4.5:1 WCAG AA asks for text; clients may not be able to read it. To fix it, darken the text colour or lighten the background.',
    );
    expect(brandingWarnings({ ...DEFAULT_BRANDING, textColor: '#767676' })).toEqual([]);
  });
});
