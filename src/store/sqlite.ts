import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { connectionOf, defaultExport, keyvClass } from './load.js';
import type { Backend } from './store.js';

type Query = (sql: string, ...params: unknown[]) => Promise<Record<string, unknown>[]>;

/** keyv's SQLite adapter keeps every record as one row of this table: key, and JSON `{ value, expires }`. */
const TABLE = 'keyv';

/**
 * The embedded SQLite file, through keyv. On open: `secure_delete` (deleted rows are overwritten
 * with zeros, not just unlinked) and incremental auto-vacuum (freed pages can be handed back to
 * the file system), switched on once for a file made without them. Expired rows are deleted by
 * `sweep`; keyv alone would keep them until their owner reads them again.
 */
export function sqliteBackend(sqlitePath: string, namespace: string): Backend {
  const connect = async () => {
    await mkdir(path.dirname(sqlitePath), { recursive: true });
    const KeyvSqlite = defaultExport(await import('@keyv/sqlite'));
    const sqlite = new KeyvSqlite({ uri: `sqlite://${sqlitePath}`, busyTimeout: 5000 });
    const keyv = new (await keyvClass())({ store: sqlite, namespace, throwOnErrors: true });
    const query = sqlite.query as Query;
    try {
      await query('PRAGMA secure_delete = ON');
      const [mode] = await query('PRAGMA auto_vacuum');
      if (Number(mode?.auto_vacuum) !== 2) {
        // auto_vacuum only changes with a VACUUM; cheap on a new file, once on an old one.
        await query('PRAGMA auto_vacuum = INCREMENTAL');
        await query('VACUUM');
      }
    } catch (err) {
      await sqlite.disconnect().catch(() => undefined);
      throw err;
    }
    return { keyv, query };
  };
  const connection = connectionOf(connect);
  const open = () => connection.open();
  const query = async (sql: string, ...params: unknown[]) => (await open()).query(sql, ...params);
  const prefix = `${namespace}:`;
  return {
    kind: 'sqlite',
    where: `SQLite at ${sqlitePath}`,
    open: async () => (await open()).keyv,
    async claim(key, ttlMs) {
      const now = Date.now();
      // One statement, so two processes on one file cannot both win: insert, or take over an
      // expired claim; RETURNING yields a row only when this call wrote.
      const rows = await query(
        `INSERT INTO ${TABLE} (key, value) VALUES (?, ?)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value
         WHERE NOT json_valid(${TABLE}.value) OR coalesce(json_extract(${TABLE}.value, '$.expires'), 0) <= ?
         RETURNING key`,
        `${prefix}${key}`,
        JSON.stringify({ value: true, expires: now + ttlMs }),
        now,
      );
      return rows.length === 1;
    },
    async scrub() {
      await query('PRAGMA incremental_vacuum');
    },
    async close() {
      const was = connection.release();
      const db = await was?.catch(() => undefined);
      await db?.keyv.disconnect();
    },
    async sweep() {
      const rows = await query(
        `DELETE FROM ${TABLE} WHERE key LIKE ? AND json_valid(value)
         AND json_extract(value, '$.expires') IS NOT NULL AND json_extract(value, '$.expires') <= ?
         RETURNING key`,
        `${prefix}%`,
        Date.now(),
      );
      if (rows.length) await query('PRAGMA incremental_vacuum');
      return rows.length;
    },
  };
}
