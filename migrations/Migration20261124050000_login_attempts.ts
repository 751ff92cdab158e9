import { Migration } from '@mikro-orm/migrations';

/**
 * Sign-in attempts counted per window, shared by every gateway: by account and address, by account,
 * by address (core/tenancy/login-throttle.ts). Keys are stored as SHA-256 digests, so the table holds
 * no email addresses. The app role cannot read the table; it counts and clears through two
 * functions that run as the owner, as the login lookup does.
 */
export class Migration20261124050000_login_attempts extends Migration {
  override up(): void {
    this.addSql(`
CREATE TABLE login_attempts (
  key bytea PRIMARY KEY,
  attempts integer NOT NULL CHECK (attempts > 0),
  window_start timestamptz NOT NULL
);
CREATE INDEX login_attempts_window ON login_attempts (window_start);
ALTER TABLE login_attempts ENABLE ROW LEVEL SECURITY;

-- One more attempt on each key; a window older than since starts again. Old windows are swept a
-- few at a time (skipping any another attempt holds), so keys made up by a guesser do not pile up.
CREATE FUNCTION auth_count_login_attempts(keys text[], since timestamptz)
  RETURNS TABLE (key text, attempts integer, window_start timestamptz)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
#variable_conflict use_column
BEGIN
  DELETE FROM login_attempts WHERE login_attempts.key IN (SELECT a.key FROM login_attempts a WHERE a.window_start <= since LIMIT 20 FOR UPDATE SKIP LOCKED);
  RETURN QUERY
  WITH k AS (SELECT DISTINCT name, sha256(convert_to(name, 'UTF8')) AS digest FROM unnest(keys) AS name),
  counted AS (
    -- In digest order, so that concurrent attempts lock the same rows in the same order.
    INSERT INTO login_attempts AS a (key, attempts, window_start)
    SELECT k.digest, 1, now() FROM k ORDER BY k.digest
    ON CONFLICT ON CONSTRAINT login_attempts_pkey DO UPDATE
      SET attempts = CASE WHEN a.window_start > since THEN a.attempts + 1 ELSE 1 END,
          window_start = CASE WHEN a.window_start > since THEN a.window_start ELSE now() END
    RETURNING a.key, a.attempts, a.window_start
  )
  SELECT k.name, c.attempts, c.window_start FROM k JOIN counted c ON c.key = k.digest;
END $f$;

CREATE FUNCTION auth_clear_login_attempts(keys text[]) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public AS $f$
  DELETE FROM login_attempts WHERE key IN (SELECT sha256(convert_to(name, 'UTF8')) FROM unnest(keys) AS name);
$f$;

REVOKE ALL ON FUNCTION auth_count_login_attempts(text[], timestamptz), auth_clear_login_attempts(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_count_login_attempts(text[], timestamptz), auth_clear_login_attempts(text[]) TO crm_app;`);
  }
}
