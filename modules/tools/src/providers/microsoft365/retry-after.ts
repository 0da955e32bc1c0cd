/** Seconds to wait from a `Retry-After` header: delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterSeconds(
  header: string | null | undefined,
  now = Date.now(),
  fallback = 30,
): number {
  if (!header) return fallback;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return fallback;
  return Math.max(0, Math.ceil((at - now) / 1000));
}
