// node `argon2` at m=19456 KiB, t=2, p=1, WORKERS hashes in flight for SECONDS on libuv's thread pool:
// prints hashes per second as JSON. The most logins per second one Node process could reach if
// hashing were all it did. Copied next to the node_modules that holds argon2, and run there.
import argon2 from "argon2";

const workers = Number(process.argv[2]);
const seconds = Number(process.argv[3]);
const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };
const started = performance.now();
const deadline = started + seconds * 1000;
let count = 0;
async function hashUntilDeadline() {
  while (performance.now() < deadline) {
    await argon2.hash("correct horse battery staple", options);
    count += 1;
  }
}
await Promise.all(Array.from({ length: workers }, hashUntilDeadline));
const elapsed = (performance.now() - started) / 1000;
console.log(JSON.stringify({ hashes_per_s: count / elapsed, workers }));
