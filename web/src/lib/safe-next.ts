const BASE = 'http://same-site.invalid';

/**
 * Where to go after signing in: a path of this site, or "/". A browser rewrites what it is given
 * before following it (tabs and newlines dropped, "\" read as "/"), so "/\t/evil.example" would be
 * "//evil.example", another site: anything a browser would rewrite is refused, and what is kept is
 * the path as a URL parser reads it, which a Location header always carries.
 */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.length > 2048) return '/';
  // Control characters, spaces and backslashes: browsers strip or rewrite them, and headers refuse some.
  if (/[\u0000-\u0020\u007f\\]/.test(value)) return '/';
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? '/' : path;
}
