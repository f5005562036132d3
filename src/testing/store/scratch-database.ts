/**
 * @module testing/store/scratch-database
 * A new, empty Postgres database on the server of `url`, for tests and benchmarks whose child
 * processes connect with a plain URL (a schema of our own would not reach them); `drop` removes
 * it, forcing off any connection still open.
 */
import pg from 'pg';

export interface ScratchDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function scratchDatabase(url: string, tag: string): Promise<ScratchDatabase> {
  const name = `mp_${tag}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const own = new URL(url);
  own.pathname = `/${name}`;
  return { url: own.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
