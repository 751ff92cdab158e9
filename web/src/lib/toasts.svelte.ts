/** Short messages at the corner of the screen, announced to screen readers. */
export interface Toast {
  id: number;
  kind: 'success' | 'error' | 'info';
  message: string;
}

let next = 1;
export const toasts = $state<Toast[]>([]);

export function toast(message: string, kind: Toast['kind'] = 'info', ms = kind === 'error' ? 7000 : 4000): void {
  const id = next++;
  toasts.push({ id, kind, message });
  setTimeout(() => dismiss(id), ms);
}

export function dismiss(id: number): void {
  const index = toasts.findIndex((t) => t.id === id);
  if (index >= 0) toasts.splice(index, 1);
}
