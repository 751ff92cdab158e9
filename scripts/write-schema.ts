import { writeFile } from 'node:fs/promises';
import { printSdl } from '../gateway/graphql/schema.ts';

/** Writes gateway/schema.graphql from the code (a test fails when the file is stale). */
await writeFile(new URL('../gateway/schema.graphql', import.meta.url), await printSdl());
console.log('wrote gateway/schema.graphql');
