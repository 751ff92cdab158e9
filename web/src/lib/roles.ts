import type { Role } from './types.ts';

/** Mirrors the gateway's permission table for what the UI shows; the gateway still decides. */
export const canWrite = (role: Role): boolean => role !== 'VIEWER';
export const canAdminister = (role: Role): boolean => role === 'OWNER' || role === 'ADMIN';
