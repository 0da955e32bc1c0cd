export interface MergeValues {
  readonly contact: { readonly name: string };
  readonly company: { readonly name: string };
  readonly deal: { readonly name: string } | null;
}

/** Fills a step's template; an unknown field or a missing deal leaves an empty string, never the braces. */
export function fillTemplate(template: string, values: MergeValues): string {
  const fields: Record<string, string> = {
    'contact.name': values.contact.name,
    'contact.firstName': values.contact.name.split(/\s+/)[0] ?? '',
    'company.name': values.company.name,
    'deal.name': values.deal?.name ?? '',
  };
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, field: string) => fields[field] ?? '');
}
