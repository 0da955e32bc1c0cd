import type { Branding, BrandingWarning } from './portal.schema';

/** WCAG 2 AA for body text: below this, clients with weaker sight, or in sunlight, cannot read it. */
export const MIN_TEXT_CONTRAST = 4.5;
/** The portal's top bar and buttons write white on the primary colour (portal/src/portal.css). */
const ON_PRIMARY = '#ffffff';

function luminance(hex: string): number {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2's contrast ratio of two `#rrggbb` colours, 1 to 21, rounded down to two decimals. */
export function contrastRatio(first: string, second: string): number {
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return Math.floor(((light + 0.05) / (dark + 0.05)) * 100) / 100;
}

/**
 * The portal's text that would be hard to read with these colours: body text on the background, and
 * the white text of the top bar and buttons on the primary colour. A warning, not a refusal: the MSP's
 * brand is theirs to choose.
 */
export function brandingWarnings(branding: Branding): BrandingWarning[] {
  const pairs = [
    {
      field: 'branding.textColor',
      ratio: contrastRatio(branding.textColor, branding.backgroundColor),
      what: `text ${branding.textColor} on the background ${branding.backgroundColor}`,
      fix: 'darken the text colour or lighten the background',
    },
    {
      field: 'branding.primaryColor',
      ratio: contrastRatio(ON_PRIMARY, branding.primaryColor),
      what: `white text of the top bar and buttons on the primary colour ${branding.primaryColor}`,
      fix: 'choose a darker primary colour',
    },
  ];
  return pairs
    .filter((pair) => pair.ratio < MIN_TEXT_CONTRAST)
    .map(({ field, ratio, what, fix }) => ({
      field,
      contrastRatio: ratio,
      message: `${field}: ${what} has a contrast ratio of ${ratio}:1, below the ${MIN_TEXT_CONTRAST}:1 WCAG AA asks for text; clients may not be able to read it. To fix it, ${fix}.`,
    }));
}
