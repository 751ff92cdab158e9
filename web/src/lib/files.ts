import { GqlError } from './graphql-error.ts';
import type { ColumnChoice, ImportPreview, ImportResult } from './types.ts';

/** The start of a file is enough to preview: the first rows of any export fit in it. */
export const PREVIEW_BYTES = 256 * 1024;

const mappingQuery = (mapping: ColumnChoice[]): string => (mapping.length ? `&mapping=${encodeURIComponent(JSON.stringify(mapping))}` : '');

/** The mapping step: how the gateway would read the file's first rows, with the caller's choices. */
export async function previewCsv(file: File, tenantId: string, mapping: ColumnChoice[] = [], rows = 10): Promise<ImportPreview> {
  const response = await fetch(`/api/leads/import/preview?rows=${rows}${mappingQuery(mapping)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', 'x-tenant-id': tenantId },
    credentials: 'same-origin',
    body: file.slice(0, PREVIEW_BYTES),
  });
  const text = await response.text();
  if (!response.ok) throw restError(response.status, text);
  return JSON.parse(text) as ImportPreview;
}

/** The gateway's REST errors look like { error: { code, message } }. */
function restError(status: number, body: string): GqlError {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (parsed.error?.message) return new GqlError(parsed.error.message, parsed.error.code ?? 'ERROR');
  } catch {
    // not JSON: fall through
  }
  return new GqlError(`The server answered ${status}.`, 'NETWORK');
}

/**
 * Downloads a file from a REST endpoint of the current tenant (the tenant goes in a header, which
 * a plain link cannot send, so the file is fetched and handed to the browser as a blob).
 */
export async function downloadFile(path: string, tenantId: string, filename: string): Promise<void> {
  const response = await fetch(path, { headers: { 'x-tenant-id': tenantId }, credentials: 'same-origin' });
  if (!response.ok) throw restError(response.status, await response.text());
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Streams a CSV file to POST /api/leads/import. The gateway imports rows while they arrive, so
 * upload progress is import progress; `onProgress` gets 0-1.
 */
export function uploadCsv(file: File, tenantId: string, onProgress: (fraction: number) => void, mapping: ColumnChoice[] = []): { done: Promise<ImportResult>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ImportResult>((resolve, reject) => {
    xhr.open('POST', `/api/leads/import?filename=${encodeURIComponent(file.name)}${mappingQuery(mapping)}`);
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.setRequestHeader('x-tenant-id', tenantId);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(1, event.loaded / event.total));
    };
    xhr.onload = () => {
      // 400 with fileErrors is still an import result (the file as a whole was unusable).
      try {
        const body = JSON.parse(xhr.responseText) as ImportResult & { error?: unknown };
        if (body && 'import' in body) return resolve(body);
      } catch {
        // fall through
      }
      reject(restError(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new GqlError('The upload failed: check your connection and try again.', 'NETWORK'));
    xhr.onabort = () => reject(new GqlError('The upload was cancelled.', 'ABORTED'));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
