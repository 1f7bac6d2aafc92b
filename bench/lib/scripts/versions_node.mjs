// Prints the installed version of each package named on the command line, as JSON, from the
// node_modules of the folder it runs in.
import { existsSync, readFileSync } from "node:fs";

const found = {};
for (const name of process.argv.slice(2)) {
  const manifest = `node_modules/${name}/package.json`;
  if (existsSync(manifest)) found[name] = JSON.parse(readFileSync(manifest, "utf8")).version;
}
console.log(JSON.stringify(found));
