// Runs vitest and ends with the plain `N passed, N failed` line CI's summary parser reads.
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";

const results = "test-results.json";
const run = spawnSync(
  process.execPath,
  [
    "node_modules/vitest/vitest.mjs",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${results}`,
    ...process.argv.slice(2),
  ],
  { stdio: "inherit" },
);
let passed = 0;
let failed = 0;
try {
  const report = JSON.parse(readFileSync(results, "utf8"));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.success || report.numFailedTests > 0 ? 0 : 1);
  rmSync(results);
} catch {
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(run.status ?? 1);
