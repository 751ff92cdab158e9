import type { ServerResponse } from 'node:http';

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A small, self-contained HTML page (no scripts, no external assets) for links sent to leads. */
export function sendPage(res: ServerResponse, status: number, title: string, body: string): void {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f4f6fb;color:#1d2433;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;max-width:560px;width:calc(100% - 32px);padding:32px;border-radius:16px;box-shadow:0 8px 30px rgba(20,30,60,.08)}
h1{font-size:1.4rem;margin:0 0 8px}p{line-height:1.5;color:#465069}table{width:100%;border-collapse:collapse;margin:16px 0}
td{padding:8px 0;border-bottom:1px solid #eef0f5}td:last-child{text-align:right;white-space:nowrap}.total td{font-weight:700;border:0}
button{background:#4f46e5;color:#fff;border:0;border-radius:10px;padding:14px 20px;font-size:1rem;width:100%;cursor:pointer}
button:focus-visible{outline:3px solid #a5b4fc;outline-offset:2px}.muted{font-size:.85rem;color:#7a8398}.badge{display:inline-block;background:#ecfdf5;color:#047857;border-radius:999px;padding:4px 10px;font-size:.85rem}
</style></head><body><main>${body}</main></body></html>`;
  // These pages run no script and load nothing: the policy says so, and only our own forms post.
  const policy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store', 'content-security-policy': policy });
  res.end(html);
}
