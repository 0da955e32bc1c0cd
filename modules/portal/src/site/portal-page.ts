import { brandingCss } from '../portals/branding';
import { support } from '../portals/portal.schema';
import { brandingOf, featuresOf, type PortalRecord } from '../portals/portal.view';

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/** JSON inside a script element: `<` escaped so no value can end the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/** What the page's script reads on start: the portal's name, features and support contact. */
export function portalPageConfig(portal: PortalRecord) {
  const brand = brandingOf(portal);
  return {
    name: portal.name,
    logoUrl: brand.logoUrl,
    features: featuresOf(portal),
    support: support.parse(portal.support ?? {}),
  };
}

/**
 * The built page with the portal's branding in its head: CSS variables in a style element, the title,
 * and the config the script reads. The first paint is already the MSP's brand.
 */
export function renderPortalPage(template: string, portal: PortalRecord): string {
  const head = [
    `<title>${escapeHtml(portal.name)}</title>`,
    `<style id="portal-brand">${brandingCss(brandingOf(portal))}</style>`,
    `<script type="application/json" id="portal-config">${scriptJson(portalPageConfig(portal))}</script>`,
  ].join('');
  return template.replace(/<title>[^<]*<\/title>/, '').replace('</head>', `${head}</head>`);
}
