import assert = require("assert");
import * as fs from "fs";
import * as path from "path";
import { beforeEach, test } from "node:test";

import { recorded, reset } from "./stubs"; // first: the stand-ins must be in place before the extension loads
import * as extension from "../extension";

const context = () => ({ subscriptions: [] as unknown[] });

beforeEach(async () => {
  await extension.deactivate();
  reset();
});

test("activation starts `govlint server` for Markdown and plain text", async () => {
  const ctx = context();
  await extension.activate(ctx as never);
  assert.strictEqual(recorded.clients.length, 1);
  const client = recorded.clients[0];
  assert.strictEqual(client.id, "govlint");
  assert.deepStrictEqual([client.serverOptions.command, client.serverOptions.args], ["govlint", ["server"]]);
  assert.deepStrictEqual(client.clientOptions.documentSelector, [
    { scheme: "file", language: "markdown" },
    { scheme: "file", language: "plaintext" },
  ]);
  assert.ok(client.started);
  assert.deepStrictEqual([...recorded.commands.keys()], ["govlint.restart"]);
  assert.strictEqual(ctx.subscriptions.length, 2); // the command and the settings listener, disposed with the extension
});

test("the settings choose the program and the language; the workspace is the working folder", async () => {
  recorded.workspaceFolder = "/srv/docs";
  recorded.settings = { "govlint.path": "${workspaceFolder}/.venv/bin/govlint", "govlint.lang": "en" };
  await extension.activate(context() as never);
  const client = recorded.clients[0];
  assert.deepStrictEqual(client.serverOptions, { command: "/srv/docs/.venv/bin/govlint", args: ["server", "--lang", "en"], options: { cwd: "/srv/docs" } });
});

test("changing a govlint setting restarts the server with the new settings; other settings do not", async () => {
  await extension.activate(context() as never);
  const [listener] = recorded.configurationListeners;
  await listener({ affectsConfiguration: (section) => section === "editor" });
  assert.strictEqual(recorded.clients.length, 1);
  recorded.settings = { "govlint.lang": "zh" };
  await listener({ affectsConfiguration: (section) => section === "govlint" });
  assert.strictEqual(recorded.clients.length, 2);
  assert.ok(recorded.clients[0].stopped && recorded.clients[1].started);
  assert.deepStrictEqual(recorded.clients[1].serverOptions.args, ["server", "--lang", "zh"]);
});

test("the restart command restarts; govlint.enable false starts nothing", async () => {
  await extension.activate(context() as never);
  await recorded.commands.get("govlint.restart")!();
  assert.strictEqual(recorded.clients.length, 2);
  recorded.settings = { "govlint.enable": false };
  await recorded.commands.get("govlint.restart")!();
  assert.strictEqual(recorded.clients.length, 2);
  assert.ok(recorded.clients.every((c) => c.stopped));
});

test("a govlint that cannot be started is one clear error, not a crash", async () => {
  recorded.failStart = new Error("spawn govlint ENOENT");
  await extension.activate(context() as never);
  assert.strictEqual(recorded.errors.length, 1);
  assert.match(recorded.errors[0], /could not start "govlint server" \(spawn govlint ENOENT\).*govlint\.path/);
  await extension.deactivate(); // nothing running: nothing to stop, no error
});

test("package.json declares what the extension reads and ships", () => {
  const root = path.join(__dirname, "..", "..");
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const properties = Object.keys(manifest.contributes.configuration.properties).sort();
  assert.deepStrictEqual(properties, ["govlint.args", "govlint.enable", "govlint.lang", "govlint.path"]);
  assert.deepStrictEqual(manifest.activationEvents, ["onLanguage:markdown", "onLanguage:plaintext"]);
  assert.deepStrictEqual(manifest.contributes.commands.map((c: { command: string }) => c.command), ["govlint.restart"]);
  assert.strictEqual(manifest.main, "./out/extension.js");
  // The YAML extension checks .govlint.yaml against the schema govlint generates (docs/config.schema.json).
  const [yaml] = manifest.contributes.yamlValidation;
  assert.deepStrictEqual(yaml.fileMatch, [".govlint.yaml", ".govlint.yml"]);
  const shipped = fs.readFileSync(path.join(root, yaml.url), "utf8");
  assert.strictEqual(shipped, fs.readFileSync(path.join(root, "..", "..", "docs", "config.schema.json"), "utf8"));
});
