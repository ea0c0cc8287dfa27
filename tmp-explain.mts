import pg from "pg";
import fs from "node:fs";
const c = new pg.Client({ connectionString: process.argv[2] });
await c.connect();
for (const q of fs.readFileSync(process.argv[3], "utf8").split(";\n").map((s) => s.trim()).filter(Boolean)) {
  const r = await c.query(q);
  console.log("----", q.slice(0, 120));
  for (const row of r.rows) console.log(Object.values(row).join(" | "));
}
await c.end();
