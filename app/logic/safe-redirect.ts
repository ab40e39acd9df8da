/**
 * Only same-app paths are followed after sign-in (no open redirect). Browsers read `/\host` like
 * `//host` (another origin), so a backslash after the first slash is refused too.
 */
export function safeRedirect(target: unknown): string {
  return typeof target === 'string' && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/'
}
