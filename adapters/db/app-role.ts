import pg from 'pg';

/**
 * Makes sure the login role in `appUrl` exists, can log in with its password, and is a member of
 * `crm_app` (the role the migrations grant to). It must own nothing and never bypass RLS.
 */
export async function ensureAppLogin(ownerUrl: string, appUrl: string): Promise<void> {
  const app = new URL(appUrl);
  const user = decodeURIComponent(app.username);
  const password = decodeURIComponent(app.password);
  const owner = new URL(ownerUrl);
  if (user === decodeURIComponent(owner.username)) {
    throw new Error('DATABASE_APP_URL must use a different role than DATABASE_URL: the app role must not own the tables.');
  }
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const ident = client.escapeIdentifier(user);
    const secret = client.escapeLiteral(password);
    await client.query(`select pg_advisory_lock(hashtext('crm-autopilot:app-role'))`);
    const { rows } = await client.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'select rolsuper, rolbypassrls from pg_roles where rolname = $1',
      [user],
    );
    if (rows.length === 0) {
      await client.query(`create role ${ident} login password ${secret} nosuperuser nobypassrls nocreatedb nocreaterole`);
    } else if (rows[0]?.rolsuper || rows[0]?.rolbypassrls) {
      throw new Error(`The app role "${user}" is a superuser or has BYPASSRLS; row-level security would not apply to it.`);
    } else if (password) {
      await client.query(`alter role ${ident} login password ${secret}`);
    }
    await client.query(`grant crm_app to ${ident}`);
    await client.query(`select pg_advisory_unlock(hashtext('crm-autopilot:app-role'))`);
  } finally {
    await client.end();
  }
}
