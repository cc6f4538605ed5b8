// check.mjs reads the Parquet files of a connact sweep folder with DuckDB and
// compares them with the CSV files beside them, also read by DuckDB.
//
//   cd sim/sweep/testdata/parquet-check && npm install
//   node check.mjs DIR/*.parquet
//
// For every X.parquet it prints the row count, the column types and the
// codecs, and the sum and non-null count of every numeric column, next to the
// same numbers computed from X.csv (read as text, NA as null, and cast to the
// Parquet column's type). It then joins the two tables row by row (POSITIONAL
// JOIN) and counts the rows that differ in any column. It exits with status 1
// if anything differs.
import { DuckDBInstance } from "@duckdb/node-api";

const files = process.argv.slice(2);
if (files.length === 0 || files.some((f) => !f.endsWith(".parquet"))) {
  console.error("usage: node check.mjs DIR/runs.parquet [DIR/points.parquet …]");
  process.exit(2);
}

const db = await DuckDBInstance.create(":memory:");
const con = await db.connect();
// One thread: both tables are then summed in row order, so equal values
// give bit-identical sums (in parallel, DuckDB adds doubles in varying order).
await con.run("SET threads = 1");
const rows = async (sql) => (await con.runAndReadAll(sql)).getRowObjectsJS();
const lit = (s) => "'" + s.replaceAll("'", "''") + "'";
const id = (s) => '"' + s.replaceAll('"', '""') + '"';
const numeric = (t) => t === "BIGINT" || t === "DOUBLE";

// Sums must be equal (up to 1e-12 relative, for safety).
const close = (a, b) =>
  a === b || (a === null && b === null) ||
  (typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)));

const [{ v: version }] = await rows("SELECT version() AS v");
console.log(`DuckDB ${version} (@duckdb/node-api)`);
let problems = 0;
const fail = (msg) => {
  problems++;
  console.log(`  MISMATCH: ${msg}`);
};

for (const pq of files) {
  const csv = pq.replace(/\.parquet$/, ".csv");
  const P = `read_parquet(${lit(pq)})`;
  const C = `read_csv(${lit(csv)}, header = true, all_varchar = true, nullstr = 'NA', delim = ',', quote = '"')`;
  console.log(`\n${pq}`);

  const pcols = await rows(`DESCRIBE SELECT * FROM ${P}`);
  const ccols = await rows(`DESCRIBE SELECT * FROM ${C}`);
  const [{ n: pn }] = await rows(`SELECT count(*) AS n FROM ${P}`);
  const [{ n: cn }] = await rows(`SELECT count(*) AS n FROM ${C}`);
  const meta = await rows(
    `SELECT string_agg(DISTINCT compression, ',') AS codecs, count(DISTINCT row_group_id) AS groups FROM parquet_metadata(${lit(pq)})`,
  );
  console.log(`  rows: parquet ${pn}, csv ${cn}; row groups ${meta[0].groups}; codecs ${meta[0].codecs}`);
  if (pn !== cn) fail(`row counts ${pn} and ${cn}`);
  if (meta[0].codecs !== "ZSTD") fail(`codecs ${meta[0].codecs}`);
  if (pcols.length !== ccols.length) fail(`${pcols.length} columns, the CSV has ${ccols.length}`);
  console.log("  columns: " + pcols.map((c) => `${c.column_name} ${c.column_type}`).join(", "));
  for (const [i, c] of pcols.entries()) {
    if (ccols[i] && ccols[i].column_name !== c.column_name) fail(`column ${i} is ${c.column_name}, CSV ${ccols[i].column_name}`);
  }

  // The CSV typed like the Parquet file, columns matched by position.
  const n = Math.min(pcols.length, ccols.length);
  const pSel = pcols.slice(0, n).map((c, i) => `${id(c.column_name)} AS p${i}`).join(", ");
  const cSel = ccols
    .slice(0, n)
    .map((c, i) => `CAST(${id(c.column_name)} AS ${pcols[i].column_type}) AS c${i}`)
    .join(", ");
  await con.run(`CREATE OR REPLACE TEMP TABLE p AS SELECT ${pSel} FROM ${P}`);
  await con.run(`CREATE OR REPLACE TEMP TABLE c AS SELECT ${cSel} FROM ${C}`);

  const num = pcols.slice(0, n).map((c, i) => ({ ...c, i })).filter((c) => numeric(c.column_type));
  if (num.length > 0) {
    const agg = (t, x) => num.map((c) => `sum(${x}${c.i}) AS s${c.i}, count(${x}${c.i}) AS n${c.i}`).join(", ");
    const [ps] = await rows(`SELECT ${agg("p", "p")} FROM p`);
    const [cs] = await rows(`SELECT ${agg("c", "c")} FROM c`);
    const w = Math.max(...num.map((c) => c.column_name.length));
    console.log(`  ${"column".padEnd(w)}  type    non-null  sum (parquet)          sum (csv)`);
    for (const c of num) {
      const [a, b] = [ps[`s${c.i}`], cs[`s${c.i}`]];
      const ok = close(a, b) && ps[`n${c.i}`] === cs[`n${c.i}`];
      console.log(
        `  ${c.column_name.padEnd(w)}  ${c.column_type.padEnd(6)}  ${String(ps[`n${c.i}`]).padStart(8)}  ${String(a).padEnd(21)}  ${String(b)}${ok ? "" : "   <-- differs"}`,
      );
      if (!ok) fail(`sums of ${c.column_name}`);
    }
  }

  // Row by row, every column (IS DISTINCT FROM: null equals null, NaN equals NaN).
  const differ = Array.from({ length: n }, (_, i) => `p${i} IS DISTINCT FROM c${i}`).join(" OR ");
  const [{ d }] = await rows(`SELECT count(*) AS d FROM p POSITIONAL JOIN c WHERE ${differ}`);
  console.log(`  rows differing from the CSV (positional join, all columns): ${d}`);
  if (d !== 0n) fail(`${d} rows differ`);
}

console.log(problems === 0 ? "\nOK: every file matches its CSV." : `\n${problems} mismatch(es).`);
process.exit(problems === 0 ? 0 : 1);
