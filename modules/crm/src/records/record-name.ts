/** CRM keeps one contact name; drivers speak first and last: the last word is the last name. */
export function splitName(name: string): { firstName: string; lastName: string } {
  const at = name.trim().lastIndexOf(' ');
  return at < 0
    ? { firstName: '', lastName: name.trim() }
    : { firstName: name.slice(0, at).trim(), lastName: name.slice(at + 1).trim() };
}

export function joinName(firstName: string, lastName: string): string {
  return [firstName.trim(), lastName.trim()].filter(Boolean).join(' ');
}
