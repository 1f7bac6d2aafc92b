// Bare argon2id with node `argon2` at m=19456 KiB, t=2, p=1: prints the median hash and verify times (ms) as JSON.
// Copied next to the node_modules that holds argon2, and run there.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

import argon2 from "argon2";

const runs = Number(process.argv[2] ?? 20);
const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };
const password = "correct horse battery staple";
const encoded = await argon2.hash(password, options);
const hashes = [];
const verifies = [];
for (let i = 0; i < runs; i += 1) {
  let started = performance.now();
  await argon2.hash(password, options);
  hashes.push(performance.now() - started);
  started = performance.now();
  await argon2.verify(encoded, password);
  verifies.push(performance.now() - started);
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const manifest = createRequire(import.meta.url).resolve("argon2/package.json");
const { version } = JSON.parse(readFileSync(manifest, "utf8"));
console.log(JSON.stringify({ hash_ms: median(hashes), verify_ms: median(verifies), library: `argon2 ${version}` }));
