// Stand-ins for the `vscode` module (which exists only inside the editor) and for the language
// client, so the extension's activation runs under plain Node.js, without a display. Each records
// what the extension did with it.

import Module = require("module");

export interface Recorded {
  clients: FakeClient[];
  commands: Map<string, () => unknown>;
  configurationListeners: Array<(event: { affectsConfiguration(section: string): boolean }) => unknown>;
  errors: string[];
  settings: Record<string, unknown>;
  workspaceFolder: string | undefined;
  failStart: Error | undefined;
}

export const recorded: Recorded = {
  clients: [],
  commands: new Map(),
  configurationListeners: [],
  errors: [],
  settings: {},
  workspaceFolder: undefined,
  failStart: undefined,
};

export class FakeClient {
  started = false;
  stopped = false;
  constructor(
    public id: string,
    public name: string,
    public serverOptions: { command: string; args: string[]; options?: { cwd?: string } },
    public clientOptions: { documentSelector: unknown[] },
  ) {
    recorded.clients.push(this);
  }
  async start(): Promise<void> {
    if (recorded.failStart) {
      throw recorded.failStart;
    }
    this.started = true;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
}

const disposable = { dispose() {} };

export const vscode = {
  commands: {
    registerCommand(name: string, callback: () => unknown) {
      recorded.commands.set(name, callback);
      return disposable;
    },
  },
  workspace: {
    getConfiguration(section: string) {
      return {
        get<T>(key: string, fallback: T): T {
          const value = recorded.settings[`${section}.${key}`];
          return value === undefined ? fallback : (value as T);
        },
      };
    },
    get workspaceFolders() {
      return recorded.workspaceFolder === undefined ? undefined : [{ uri: { fsPath: recorded.workspaceFolder } }];
    },
    onDidChangeConfiguration(listener: Recorded["configurationListeners"][number]) {
      recorded.configurationListeners.push(listener);
      return disposable;
    },
  },
  window: {
    async showErrorMessage(message: string) {
      recorded.errors.push(message);
      return undefined;
    },
  },
};

export function reset(): void {
  recorded.clients = [];
  recorded.commands = new Map();
  recorded.configurationListeners = [];
  recorded.errors = [];
  recorded.settings = {};
  recorded.workspaceFolder = undefined;
  recorded.failStart = undefined;
}

// Serve the stand-ins to every `require` of these modules from here on.
const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const original = loader._load;
loader._load = function (request: string, parent: unknown, isMain: boolean) {
  if (request === "vscode") {
    return vscode;
  }
  if (request === "vscode-languageclient/node") {
    return { LanguageClient: FakeClient };
  }
  return original.call(this, request, parent, isMain);
};
