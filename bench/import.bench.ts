import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat, unlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { readerFigures } from './import-reader.ts';
import { benchDatabase, signupOwner, startProduct } from './support/environment.ts';
import { report } from './support/report.ts';

const cities = ['Jaipur', 'Delhi', 'Mumbai', 'Bangalore', 'Pune', 'Chennai', 'Kolkata', 'Hyderabad', 'Ahmedabad', 'Lucknow'];
const industries = ['Dental', 'Fitness', 'Restaurant', 'Retail', 'Real estate', 'Education', 'Salon', 'Clinic', 'Hotel', 'Logistics'];
const kinds = ['Clinic', 'Studio', 'Traders', 'Foods', 'Labs', 'Works', 'Centre', 'Hub', 'House', 'Mart'];
const names = ['Sharma', 'Verma', 'Iyer', 'Nair', 'Khan', 'Reddy', 'Mehta', 'Gupta', 'Das', 'Rao'];

interface Row {
  business: string;
  contact: string;
  email: string;
  phone: string;
  city: string;
  industry: string;
}

/** Realistic leads with about 1% invalid rows and 1% duplicates of an earlier email. */
function* leads(count: number): Generator<{ row: Row; kind: 'valid' | 'invalid' | 'duplicate' }> {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i += 1) {
    const n = next();
    const city = cities[n % 10] as string;
    const row: Row = {
      business: `${names[(n >> 4) % 10]} ${kinds[(n >> 8) % 10]} ${i}`,
      contact: `${['Dr.', 'Mr.', 'Ms.'][n % 3]} ${names[(n >> 12) % 10]}`,
      email: `owner${i}@lead${i % 997}.example.in`,
      phone: `9${String(100000000 + (n % 899999999)).padStart(9, '0')}`,
      city,
      industry: industries[(n >> 16) % 10] as string,
    };
    if (i > 0 && i % 100 === 37) yield { row: { ...row, email: `owner${i - 30}@lead${(i - 30) % 997}.example.in` }, kind: 'duplicate' };
    else if (i % 100 === 71) yield { row: { ...row, business: '', contact: '' }, kind: 'invalid' }; // no name at all: not a lead
    else yield { row, kind: 'valid' };
  }
}

const csvLine = (r: Row) => `${r.business},${r.contact},${r.email},${r.phone},${r.city},${r.industry}\n`;

/** The file's first whole lines, up to `bytes`. */
async function fileStart(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path);
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(bytes), 0, bytes, 0);
    return buffer.subarray(0, bytesRead < bytes ? bytesRead : buffer.lastIndexOf(0x0a) + 1);
  } finally {
    await handle.close();
  }
}

/** Distinct rows of each kind in the import's downloadable issue report. */
async function reportedRows(url: string, token: string, importId: string): Promise<{ invalid: number; duplicate: number }> {
  const response = await fetch(`${url}/api/imports/${importId}/issues.csv`, { headers: { authorization: `Bearer ${token}` } });
  const rows = { invalid: new Set<string>(), duplicate: new Set<string>() };
  for (const line of (await response.text()).split('\n').slice(1)) {
    const [row, , kind] = line.split(',');
    if (row && (kind === 'INVALID' || kind === 'DUPLICATE')) rows[kind === 'INVALID' ? 'invalid' : 'duplicate'].add(row);
  }
  return { invalid: rows.invalid.size, duplicate: rows.duplicate.size };
}

export async function importBench(options: { rows: number }): Promise<void> {
  const file = join(tmpdir(), `crm-bench-import-${options.rows}.csv`);
  const valid = join(tmpdir(), `crm-bench-import-${options.rows}-valid.csv`);
  const counts = { valid: 0, invalid: 0, duplicate: 0 };
  const all = createWriteStream(file);
  const good = createWriteStream(valid);
  all.write('Business Name,Contact Person,Email,Mobile,City,Industry\n');
  for (const { row, kind } of leads(options.rows)) {
    counts[kind] += 1;
    if (!all.write(csvLine(row))) await new Promise<void>((resolve) => all.once('drain', () => resolve()));
    if (kind === 'valid' && !good.write(csvLine(row))) await new Promise<void>((resolve) => good.once('drain', () => resolve()));
  }
  await Promise.all([new Promise<void>((resolve) => all.end(() => resolve())), new Promise<void>((resolve) => good.end(() => resolve()))]);
  const bytes = (await stat(file)).size;
  // The reader alone first, while nothing else of the benchmark runs.
  const reader = readerFigures(await fileStart(file, 16 * 1024 * 1024));

  const db = await benchDatabase();
  const nodeOptions = process.env.BENCH_NODE_OPTIONS;
  const product = await startProduct(db, 'gateway', { WORKERS: 'false', ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}) });
  try {
    // The product: the real upload endpoint, the file streamed as a user's browser would send it.
    const owner = await signupOwner(product.url);
    const started = performance.now();
    const response = await fetch(`${product.url}/api/leads/import?filename=bench.csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'text/csv' },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    const result = (await response.json()) as { import: { id: string; rowsRead: number; imported: number; invalid: number; duplicates: number } };
    const productSeconds = (performance.now() - started) / 1000;
    const peak = product.peakRssMb();
    const reported = await reportedRows(product.url, owner.token, result.import.id);

    // The baseline: COPY of the same valid rows into a bare table with the same indexes.
    const client = new pg.Client({ connectionString: db.ownerUrl });
    await client.connect();
    await client.query(`
      create table bench_copy (tenant_id uuid not null, id uuid not null default uuidv7(), status text not null default 'NEW',
        business_name text not null, contact_name text, email text, phone text, city text, industry text, tags text[] not null default '{}',
        created_at timestamptz not null default now(),
        search_text text generated always as (lower(business_name || ' ' || coalesce(contact_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(city, ''))) stored,
        primary key (tenant_id, id));
      create unique index on bench_copy (tenant_id, email) where email is not null;
      create index on bench_copy (tenant_id, created_at desc, id desc);
      create index on bench_copy (tenant_id, status, created_at desc, id desc);
      create index on bench_copy using gin (search_text gin_trgm_ops);
      create index on bench_copy using gin (tags);`);
    const copyStarted = performance.now();
    const copy = client.query(copyFrom(`copy bench_copy (business_name, contact_name, email, phone, city, industry, tenant_id) from stdin (format csv)`));
    await pipeline(
      createReadStream(valid),
      async function* (source) {
        let carry = '';
        for await (const chunk of source) {
          const lines = (carry + chunk).split('\n');
          carry = lines.pop() ?? '';
          yield lines.map((line) => `${line},${owner.tenantId}\n`).join('');
        }
      },
      copy,
    );
    const copySeconds = (performance.now() - copyStarted) / 1000;
    await client.end();

    const read = result.import.rowsRead;
    await report({
      name: 'import',
      parameters: { rows: options.rows, fileMb: Math.round(bytes / 1e5) / 10 },
      figures: [{ metric: 'rows per second', product: read / productSeconds, baseline: counts.valid / copySeconds, unit: 'rows/s', higherIsBetter: true, goal: '≥ 0.5×' }, ...reader.figures],
      peakRssMb: peak,
      notes: [
        `imported ${result.import.imported}, invalid ${result.import.invalid}, duplicates ${result.import.duplicates} of ${read} rows read (generated: ${counts.valid} valid, ${counts.invalid} invalid, ${counts.duplicate} duplicates)`,
        `every invalid and duplicate row is in the import's issue report (issues.csv: ${reported.invalid} invalid, ${reported.duplicate} duplicate rows): ${reported.invalid === counts.invalid && reported.duplicate === counts.duplicate ? 'yes' : 'NO'}`,
        `goal: peak RSS under 300 MB whatever the file size (product started as \`npm run gateway\` starts it: node ${product.nodeFlags.join(' ')}${nodeOptions ? `, NODE_OPTIONS="${nodeOptions}"` : ''})`,
        ...reader.notes,
      ],
    });
  } finally {
    await product.stop();
    await db.stop();
    await Promise.all([unlink(file), unlink(valid)]).catch(() => undefined);
  }
}
