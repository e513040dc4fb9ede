import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

function newDb(d1: D1Database) {
  return drizzle(d1, { schema });
}
export type Db = ReturnType<typeof newDb>;

/**
 * One drizzle instance per D1 binding: building one reads the whole schema's relations (1–2 ms of
 * every request in `wrangler dev`), and it holds no per-request state, so the
 * isolate keeps it for as long as the binding object lives.
 */
const instances = new WeakMap<D1Database, Db>();

export function createDb(d1: D1Database): Db {
  let db = instances.get(d1);
  if (!db) {
    db = newDb(d1);
    instances.set(d1, db);
  }
  return db;
}
export { schema };
