// Driver adapter for the Prisma CLI (migrate) in JS-engine mode, mending four defects of
// @prisma/adapter-pg 6.19.3 in migrate mode (docs/decisions/002-prisma-6-js-engine.md):
//  1. introspection returns `name` (OID 19) and `"char"` (OID 18) columns it cannot map;
//  2. connectToShadowDb() built from a connection string points at the MAIN database;
//  3. the shadow database is dropped while its own pool still holds connections;
//  4. a whole migration script sent through executeRaw uses the extended protocol, which refuses
//     several statements ("cannot insert multiple commands into a prepared statement").
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, type SqlQuery, type SqlResultSet } from "@prisma/driver-adapter-utils";

const PG_NAME = 19;
const PG_CHAR = 18;
const PG_TEXT = 25;

type PgField = { dataTypeID: number };
type PgResult = { fields: PgField[]; rows: unknown[] };
type Queryable = {
  client?: { query(sql: string): Promise<{ rowCount: number | null }> };
  queryRaw(query: SqlQuery): Promise<SqlResultSet>;
  executeRaw(query: SqlQuery): Promise<number>;
  performIO?: (query: SqlQuery) => Promise<PgResult>;
  startTransaction?: (isolationLevel?: unknown) => Promise<Queryable>;
};

// Which result sets carried "char" columns, keyed by the rows array queryRaw hands back as is.
const charColumns = new WeakMap<unknown[], number[]>();

function mendQueryable<T>(target: T): T {
  const q = target as unknown as Queryable;
  const performIO = q.performIO?.bind(q);
  if (performIO) {
    q.performIO = async (query) => {
      const result = await performIO(query);
      const chars: number[] = [];
      result.fields.forEach((field, index) => {
        if (field.dataTypeID === PG_NAME) field.dataTypeID = PG_TEXT;
        if (field.dataTypeID === PG_CHAR) {
          field.dataTypeID = PG_TEXT;
          chars.push(index);
        }
      });
      if (chars.length > 0) charColumns.set(result.rows, chars);
      return result;
    };
  }
  const queryRaw = q.queryRaw.bind(q);
  q.queryRaw = async (query) => {
    const result = await queryRaw(query);
    // Plain Text for "char" crashes CHECK-constraint introspection; Character is what the engine expects.
    for (const index of charColumns.get(result.rows as unknown[]) ?? []) {
      result.columnTypes[index] = ColumnTypeEnum.Character;
    }
    return result;
  };
  const executeRaw = q.executeRaw.bind(q);
  q.executeRaw = async (query) => {
    // Without parameters the simple protocol runs a multi-statement script as one call.
    if (query.args.length > 0 || !q.client) return executeRaw(query);
    try {
      return (await q.client.query(query.sql)).rowCount ?? 0;
    } catch {
      return executeRaw(query); // let the adapter turn the error into its own kind
    }
  };
  const startTransaction = q.startTransaction?.bind(q);
  if (startTransaction) {
    q.startTransaction = async (isolationLevel) => mendQueryable(await startTransaction(isolationLevel));
  }
  return target;
}

export class MigratePg extends PrismaPg {
  readonly #url: string;

  constructor(url: string) {
    super({ connectionString: url });
    this.#url = url;
  }

  override async connect() {
    return mendQueryable(await super.connect());
  }

  override async connectToShadowDb() {
    const main = await super.connect();
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const url = new URL(this.#url);
    url.pathname = `/${name}`;
    const shadow = mendQueryable(await new PrismaPg({ connectionString: url.toString() }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  }
}
