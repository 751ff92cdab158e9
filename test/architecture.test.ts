import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(join(root, folder), { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => join(e.parentPath, e.name));
}

async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => (m[1] ?? m[2]) as string);
}

// Pure libraries only: validation (zod) and phone numbers.
const allowedInCore = /^(\.{1,2}\/|libphonenumber-js|zod$)/;

describe('dependency direction (DESIGN.md)', () => {
  it('core/ imports nothing but core/ and pure libraries: no other layer, no SDK, no I/O', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('core')) {
      for (const specifier of await importsOf(file)) {
        // Specs may use the test tools (vitest, and fast-check for property-based tests); core itself may not.
        if (file.endsWith('.spec.ts') && (specifier === 'vitest' || specifier === 'fast-check')) continue;
        const resolved = specifier.startsWith('.') ? relative(root, join(file, '..', specifier)) : specifier;
        if (!allowedInCore.test(specifier) || (specifier.startsWith('.') && !resolved.startsWith('core/'))) offenders.push(`${relative(root, file)} → ${specifier}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it('adapters/ never import the gateway', async () => {
    const offenders: string[] = [];
    for (const file of await sourceFiles('adapters')) {
      for (const specifier of await importsOf(file)) if (/(^|\/)gateway\//.test(specifier)) offenders.push(`${relative(root, file)} → ${specifier}`);
    }
    expect(offenders).toEqual([]);
  });
});
