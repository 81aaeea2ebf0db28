// How the extension starts govlint's language server, from the user's settings. No `vscode` import
// here: this is plain logic, tested without an editor (see src/test/).

import * as os from "os";
import * as path from "path";

export interface Settings {
  enable: boolean;
  path: string; // the govlint program; "" = the workspace's .venv, else `govlint` on the PATH
  args: string[]; // more arguments for `govlint server`
  lang: "auto" | "zh" | "en";
}

export interface ServerCommand {
  command: string;
  args: string[];
}

/** The documents govlint checks: reports written as Markdown or plain text, saved on disk. */
export const DOCUMENT_SELECTOR = [
  { scheme: "file", language: "markdown" },
  { scheme: "file", language: "plaintext" },
];

/** The settings under `govlint.`, with the defaults package.json declares. */
export function readSettings(get: <T>(key: string, fallback: T) => T): Settings {
  const lang = get<string>("lang", "auto");
  return {
    enable: get<boolean>("enable", true),
    path: get<string>("path", "").trim(),
    args: get<string[]>("args", []).filter((a) => typeof a === "string"),
    lang: lang === "zh" || lang === "en" ? lang : "auto",
  };
}

/** `${workspaceFolder}` and a leading `~` expanded. */
export function expand(value: string, workspaceFolder: string | undefined, home: string = os.homedir()): string {
  let result = value;
  if (workspaceFolder !== undefined) {
    result = result.split("${workspaceFolder}").join(workspaceFolder);
  }
  if (result === "~" || result.startsWith("~/") || result.startsWith("~\\")) {
    result = home + result.slice(1);
  }
  return result;
}

/** The govlint of the workspace's virtual environment, where one was made as the README says. */
export function venvGovlint(workspaceFolder: string, platform: NodeJS.Platform): string {
  return platform === "win32"
    ? path.win32.join(workspaceFolder, ".venv", "Scripts", "govlint.exe")
    : path.posix.join(workspaceFolder, ".venv", "bin", "govlint");
}

/** The command that starts the server: the program from the settings (or found), then `server`. */
export function serverCommand(
  settings: Settings,
  workspaceFolder: string | undefined,
  platform: NodeJS.Platform = process.platform,
  exists: (file: string) => boolean = () => false,
): ServerCommand {
  let command = settings.path ? expand(settings.path, workspaceFolder) : "";
  if (!command && workspaceFolder !== undefined && exists(venvGovlint(workspaceFolder, platform))) {
    command = venvGovlint(workspaceFolder, platform);
  }
  const args = ["server"];
  if (settings.lang !== "auto") {
    args.push("--lang", settings.lang);
  }
  return { command: command || "govlint", args: [...args, ...settings.args] };
}

/** What to tell the user when the server cannot be started. */
export function startFailure(command: ServerCommand, error: unknown): string {
  const why = error instanceof Error ? error.message : String(error);
  return (
    `govlint: could not start "${[command.command, ...command.args].join(" ")}" (${why}). ` +
    "Install govlint (see its README) or set govlint.path to the program, " +
    "for example .venv/bin/govlint, or .venv\\Scripts\\govlint.exe on Windows."
  );
}
