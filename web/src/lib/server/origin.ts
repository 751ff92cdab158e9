/**
 * Cross-site request forgery protection for form posts (Kit's own check is off: behind the gateway
 * adapter-node cannot know the public origin). A form post must carry an Origin whose host is the
 * Host it was sent to, or the public URL the gateway announces in ORIGIN.
 */
const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

export function isCrossSiteFormPost(request: Request, publicOrigin: string | undefined = process.env.ORIGIN): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return false;
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type && !FORM_TYPES.includes(type)) return false;
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return true;
  if (publicOrigin && origin === publicOrigin.replace(/\/+$/, '')) return false;
  try {
    return new URL(origin).host !== request.headers.get('host');
  } catch {
    return true;
  }
}

/** Whether cookies must be Secure: the public URL is https (the request URL may not say so). */
export function isSecureOrigin(url: URL, publicOrigin: string | undefined = process.env.ORIGIN): boolean {
  return publicOrigin ? publicOrigin.startsWith('https:') : url.protocol === 'https:';
}
