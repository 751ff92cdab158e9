import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Builds the dashboard when it has no build yet or its sources changed since (run by `npm start`). */
const root = new URL('..', import.meta.url).pathname;
const handler = join(root, 'web/build/handler.js');

function newest(folder: string): number {
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

const sources = [join(root, 'web/src'), join(root, 'web/static')].filter(existsSync);
const stale = !existsSync(handler) || sources.some((folder) => newest(folder) > statSync(handler).mtimeMs);
if (stale) {
  console.log('Building the dashboard (once; again only when web/ changes)...');
  const result = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
