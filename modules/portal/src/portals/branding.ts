import type { Branding } from './portal.schema';

/** Fonts a portal may choose: system stacks, so no font file is fetched and nothing reflows on load. */
export const FONT_STACKS = {
  system: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  humanist: '"Seravek", "Gill Sans Nova", Ubuntu, Calibri, "DejaVu Sans", sans-serif',
  geometric: 'Avenir, Montserrat, Corbel, "URW Gothic", source-sans-pro, sans-serif',
  serif: 'Charter, "Bitstream Charter", "Sitka Text", Cambria, serif',
  mono: 'ui-monospace, "Cascadia Code", "Source Code Pro", Menlo, monospace',
} as const;

export type FontName = keyof typeof FONT_STACKS;

export const DEFAULT_BRANDING: Branding = {
  primaryColor: '#1f4e8c',
  accentColor: '#f2a900',
  backgroundColor: '#ffffff',
  textColor: '#1b1f24',
  font: 'system',
  logoUrl: null,
};

/**
 * The branding as CSS custom properties, for a `<style>` in the page's head: the first paint already
 * has the MSP's colours. Every value was validated by the schema (hex colours, a font name from the
 * list), so nothing here can close the style element.
 */
export function brandingCss(branding: Branding): string {
  return [
    ':root{',
    `--brand-primary:${branding.primaryColor};`,
    `--brand-accent:${branding.accentColor};`,
    `--brand-background:${branding.backgroundColor};`,
    `--brand-text:${branding.textColor};`,
    `--brand-font:${FONT_STACKS[branding.font]};`,
    '}',
  ].join('');
}
