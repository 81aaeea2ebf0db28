import assert = require("assert");
import { test } from "node:test";

import { DOCUMENT_SELECTOR, expand, readSettings, serverCommand, startFailure, venvGovlint } from "../settings";

const defaults = readSettings((_key, fallback) => fallback);

test("the defaults start `govlint server` from the PATH", () => {
  assert.deepStrictEqual(defaults, { enable: true, path: "", args: [], lang: "auto" });
  assert.deepStrictEqual(serverCommand(defaults, undefined), { command: "govlint", args: ["server"] });
  assert.deepStrictEqual(serverCommand(defaults, "/docs", "linux", () => false), { command: "govlint", args: ["server"] });
});

test("the workspace's .venv is used when there is one (Windows: Scripts\\govlint.exe)", () => {
  const seen: string[] = [];
  const exists = (file: string) => {
    seen.push(file);
    return true;
  };
  assert.deepStrictEqual(serverCommand(defaults, "/home/li/docs", "linux", exists).command, "/home/li/docs/.venv/bin/govlint");
  assert.deepStrictEqual(serverCommand(defaults, "C:\\Users\\李\\年报", "win32", exists).command, "C:\\Users\\李\\年报\\.venv\\Scripts\\govlint.exe");
  assert.deepStrictEqual(seen, ["/home/li/docs/.venv/bin/govlint", "C:\\Users\\李\\年报\\.venv\\Scripts\\govlint.exe"]);
  assert.strictEqual(venvGovlint("/d", "darwin"), "/d/.venv/bin/govlint");
});

test("govlint.path wins, with ${workspaceFolder} and ~ expanded", () => {
  const settings = { ...defaults, path: "${workspaceFolder}/tools/govlint" };
  assert.strictEqual(serverCommand(settings, "/docs", "linux", () => true).command, "/docs/tools/govlint");
  assert.strictEqual(expand("~/.local/bin/govlint", undefined, "/home/li"), "/home/li/.local/bin/govlint");
  assert.strictEqual(expand("~\\govlint.exe", undefined, "C:\\Users\\li"), "C:\\Users\\li\\govlint.exe");
  assert.strictEqual(expand("/opt/~/govlint", undefined, "/home/li"), "/opt/~/govlint");
});

test("govlint.lang and govlint.args become arguments of `govlint server`", () => {
  const settings = readSettings(<T>(key: string, fallback: T) => ({ lang: "en", args: ["--foo"], path: "  govlint  " } as Record<string, unknown>)[key] as T ?? fallback);
  assert.deepStrictEqual(serverCommand(settings, undefined), { command: "govlint", args: ["server", "--lang", "en", "--foo"] });
  const odd = readSettings(<T>(key: string, fallback: T) => (key === "lang" ? ("fr" as unknown as T) : fallback));
  assert.strictEqual(odd.lang, "auto");
});

test("reports are Markdown and plain-text files", () => {
  assert.deepStrictEqual(DOCUMENT_SELECTOR.map((s) => s.language), ["markdown", "plaintext"]);
});

test("a start failure says how to fix it", () => {
  const message = startFailure({ command: "govlint", args: ["server"] }, new Error("spawn govlint ENOENT"));
  assert.match(message, /could not start "govlint server" \(spawn govlint ENOENT\)/);
  assert.match(message, /govlint\.path/);
});
