// govlint for VS Code: starts `govlint server` (the Language Server Protocol over stdio) for
// Markdown and plain-text documents. The server does the work: diagnostics, quick fixes,
// `source.fixAll.govlint` (fix on save), hover with the rule's documentation.

import * as fs from "fs";
import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";

import { DOCUMENT_SELECTOR, readSettings, ServerCommand, serverCommand, startFailure } from "./settings";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("govlint.restart", restart),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration("govlint")) {
        await restart();
      }
    }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await stop();
}

/** The command the current settings and workspace give. */
export function currentCommand(): ServerCommand {
  const configuration = vscode.workspace.getConfiguration("govlint");
  const settings = readSettings((key, fallback) => configuration.get(key, fallback));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return serverCommand(settings, folder, process.platform, fs.existsSync);
}

async function start(): Promise<void> {
  const configuration = vscode.workspace.getConfiguration("govlint");
  if (!readSettings((key, fallback) => configuration.get(key, fallback)).enable) {
    return;
  }
  const command = currentCommand();
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const serverOptions: ServerOptions = { command: command.command, args: command.args, options: { cwd: folder } };
  const clientOptions: LanguageClientOptions = { documentSelector: DOCUMENT_SELECTOR };
  const created = new LanguageClient("govlint", "govlint", serverOptions, clientOptions);
  client = created;
  try {
    await created.start();
  } catch (error) {
    client = undefined;
    void vscode.window.showErrorMessage(startFailure(command, error));
  }
}

async function stop(): Promise<void> {
  const running = client;
  client = undefined;
  if (running !== undefined) {
    try {
      await running.stop();
    } catch {
      // a server that failed to start cannot be stopped; nothing to clean up
    }
  }
}

async function restart(): Promise<void> {
  await stop();
  await start();
}
