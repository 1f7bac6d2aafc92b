// A node:http server that only verifies a password (POST /verify) and answers GET /health, on PORT.
// Its sequential latency is the floor under any Node login endpoint: the hash on the thread pool
// and HTTP, with no framework and no database. Copied next to the node_modules that holds argon2.
import http from "node:http";

import argon2 from "argon2";

const options = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 };
const encoded = await argon2.hash("correct horse battery staple", options);

async function answer(request) {
  if (request.url !== "/verify") return { status: "ok" };
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const { password } = JSON.parse(Buffer.concat(chunks).toString());
  return { valid: await argon2.verify(encoded, password) };
}

http
  .createServer((request, response) => {
    answer(request).then((body) => {
      response.writeHead(200, { "Content-Type": "application/json" });
      response.end(JSON.stringify(body));
    });
  })
  .listen(Number(process.env.PORT), "127.0.0.1");
