// Lists the failed tests of the given .trx files: the test's name, then the first lines of its
// message, so a failure is named even when the rest of the output is cut.
// Usage: node failed-tests.mjs results/*.trx
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const maxTests = 20;
const maxMessageLines = 4;

const unescape = (text) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, hex) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#([0-9]+);/g, (_, dec) => String.fromCodePoint(parseInt(dec, 10)))
    .replace(/&amp;/g, "&");

let shown = 0;
let total = 0;
for (const file of process.argv.slice(2)) {
  let xml;
  try {
    xml = readFileSync(file, "utf8");
  } catch {
    continue;
  }
  const results = xml.match(/<UnitTestResult\b[\s\S]*?(?:<\/UnitTestResult>|\/>)/g) ?? [];
  for (const result of results) {
    if (!/\boutcome="Failed"/.test(result.slice(0, result.indexOf(">")))) continue;
    total++;
    if (shown >= maxTests) continue;
    shown++;
    const name = unescape(/\btestName="([^"]*)"/.exec(result)?.[1] ?? "(unnamed)");
    const duration = /\bduration="([^"]*)"/.exec(result)?.[1] ?? "?";
    const message = unescape(/<Message>([\s\S]*?)<\/Message>/.exec(result)?.[1] ?? "")
      .split("\n")
      .map((line) => line.trimEnd())
      .filter((line) => line.length > 0)
      .slice(0, maxMessageLines);
    console.log(`FAILED ${basename(file, ".trx")}: ${name} (${duration})`);
    for (const line of message) console.log(`    ${line.length > 300 ? line.slice(0, 300) + "..." : line}`);
  }
}
if (total > shown) console.log(`... and ${total - shown} more failed tests`);
