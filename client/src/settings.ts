import * as vscode from 'vscode';

export const SECTION = 'shapelens';

export interface Settings {
  enable: boolean;
  /** Empty: discover one (see python.ts). */
  interpreter: string;
  analyzeOnType: boolean;
  inlayHints: boolean;
  /** The setting, and only in a trusted workspace: an untrusted one's files are not opened. */
  readDataFiles: boolean;
  /** 'workspace': every file of the workspace folders is checked, not only the open ones. */
  diagnosticMode: DiagnosticMode;
}

export type DiagnosticMode = 'openFiles' | 'workspace';

/** What the server reads from initializationOptions and workspace/didChangeConfiguration. */
export interface ServerOptions {
  analyzeOnType: boolean;
  inlayHints: boolean;
  readDataFiles: boolean;
  diagnosticMode: DiagnosticMode;
}

export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SECTION);
  return {
    enable: config.get<boolean>('enable', true),
    // `machine` scope and restrictedConfigurations: VS Code only returns a value from the user's
    // own settings here, never one checked into a workspace.
    interpreter: config.get<string>('interpreter', '').trim(),
    analyzeOnType: config.get<boolean>('analyzeOnType', true),
    inlayHints: config.get<boolean>('inlayHints.enable', true),
    readDataFiles: config.get<boolean>('readDataFiles', true) && vscode.workspace.isTrusted,
    diagnosticMode: config.get<string>('diagnosticMode', 'openFiles') === 'workspace' ? 'workspace' : 'openFiles',
  };
}

export function serverOptions(settings: Settings): ServerOptions {
  return {
    analyzeOnType: settings.analyzeOnType, inlayHints: settings.inlayHints, readDataFiles: settings.readDataFiles,
    diagnosticMode: settings.diagnosticMode,
  };
}

/**
 * What a settings change needs: a new server process (it runs with another interpreter, or is
 * switched on or off), a didChangeConfiguration to the running one, or nothing.
 * `shapelens.trace.server` is not here: the language client applies it itself.
 */
export function changeKind(before: Settings, after: Settings): 'restart' | 'notify' | 'none' {
  if (before.enable !== after.enable || before.interpreter !== after.interpreter) {
    return 'restart';
  }
  if (before.analyzeOnType !== after.analyzeOnType || before.inlayHints !== after.inlayHints ||
      before.readDataFiles !== after.readDataFiles || before.diagnosticMode !== after.diagnosticMode) {
    return 'notify';
  }
  return 'none';
}
