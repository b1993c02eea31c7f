import { execFile } from 'node:child_process';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { SECTION } from './settings';

/** pyproject's requires-python: the bundled server libraries need it. */
export const MINIMUM_PYTHON: readonly [number, number] = [3, 10];

export interface Interpreter {
  /** sys.executable of the probed command: absolute, so a restart runs the same Python. */
  path: string;
  version: string;
  source: 'shapelens.interpreter' | 'Python extension' | 'PATH';
}

export type Discovery = { interpreter: Interpreter; notes: string[] } | { problem: string; notes: string[] };

/** Runs a candidate and answers its executable and version, or why it cannot run the server. */
export type Probe = (command: string) => Promise<{ path: string; version: string } | { error: string }>;

const PROBE_SCRIPT = 'import sys; print(sys.executable); print("%d.%d.%d" % sys.version_info[:3])';

export const probeInterpreter: Probe = (command) =>
  new Promise((resolve) => {
    // A cold interpreter on a network home can take seconds; a hung one must not stall activation.
    execFile(command, ['-c', PROBE_SCRIPT], { timeout: 15000 }, (error, stdout) => {
      if (error) {
        resolve({ error: error.code === 'ENOENT' ? 'not found' : error.message.trim().split('\n', 1).join('') });
        return;
      }
      const [path = '', version = ''] = stdout.trim().split(/\r?\n/);
      const numbers = /^(\d+)\.(\d+)\.\d+/.exec(version);
      if (!path || !numbers) {
        resolve({ error: `gave unexpected output ${JSON.stringify(stdout)}` });
        return;
      }
      const [major, minor] = [Number(numbers[1]), Number(numbers[2])];
      if (major < MINIMUM_PYTHON[0] || (major === MINIMUM_PYTHON[0] && minor < MINIMUM_PYTHON[1])) {
        resolve({ error: `is Python ${version}; Shape Lens needs ${MINIMUM_PYTHON.join('.')} or newer` });
        return;
      }
      resolve({ path, version });
    });
  });

/** The parts of ms-python.python's API used here (its `environments` API, 2023 and later). */
interface PythonExtensionApi {
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
    resolveEnvironment(environment: { path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
    onDidChangeActiveEnvironmentPath: vscode.Event<unknown>;
  };
}

const PYTHON_EXTENSION = 'ms-python.python';

/** The Python extension's API when it is installed; it is optional, never a dependency. */
async function pythonExtensionApi(): Promise<PythonExtensionApi['environments']> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi | undefined>(PYTHON_EXTENSION);
  if (!extension) {
    return undefined;
  }
  const api = extension.isActive ? extension.exports : await extension.activate();
  return api?.environments;
}

/** The executable of the Python extension's active environment for `resource`, if any. */
export async function pythonExtensionInterpreter(resource?: vscode.Uri): Promise<string | undefined> {
  const environments = await pythonExtensionApi();
  if (!environments) {
    return undefined;
  }
  const resolved = await environments.resolveEnvironment(environments.getActiveEnvironmentPath(resource));
  return resolved?.executable.uri?.fsPath;
}

/** Calls `listener` when the user picks another environment in the Python extension. */
export async function onPythonExtensionChange(listener: () => void): Promise<vscode.Disposable | undefined> {
  try {
    const environments = await pythonExtensionApi();
    return environments?.onDidChangeActiveEnvironmentPath(listener);
  } catch {
    return undefined; // its activation failed: findInterpreter reports that when it matters
  }
}

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? os.homedir() + path.slice(1) : path;
}

/**
 * The interpreter that runs the server: the `shapelens.interpreter` setting when set (and then
 * only it: an explicit choice that does not work is reported, not silently replaced), else the
 * Python extension's active environment, else python3/python on PATH.
 */
export async function findInterpreter(
  setting: string,
  fromPythonExtension: () => Promise<string | undefined>,
  probe: Probe = probeInterpreter,
): Promise<Discovery> {
  const notes: string[] = [];
  if (setting) {
    const found = await probe(expandHome(setting));
    return 'error' in found
      ? { problem: `shapelens.interpreter "${setting}" ${found.error}.`, notes }
      : { interpreter: { ...found, source: 'shapelens.interpreter' }, notes };
  }
  let fromExtension: string | undefined;
  try {
    fromExtension = await fromPythonExtension();
  } catch (error) {
    notes.push(`The Python extension's active environment is unavailable: ${String(error)}`);
  }
  if (fromExtension) {
    const found = await probe(fromExtension);
    if (!('error' in found)) {
      return { interpreter: { ...found, source: 'Python extension' }, notes };
    }
    notes.push(`The Python extension's environment ${fromExtension} ${found.error}.`);
  }
  const onPath = process.platform === 'win32' ? ['python', 'py'] : ['python3', 'python'];
  for (const command of onPath) {
    const found = await probe(command);
    if (!('error' in found)) {
      return { interpreter: { ...found, source: 'PATH' }, notes };
    }
    notes.push(`${command} on PATH ${found.error}.`);
  }
  return { problem: `no Python ${MINIMUM_PYTHON.join('.')}+ found to run the server.`, notes };
}

/** An error notification whose button lets the user pick an interpreter (saved in user settings). */
export async function askForInterpreter(problem: string, showOutput: () => void): Promise<void> {
  const select = 'Select Interpreter';
  const output = 'Show Output';
  const choice = await vscode.window.showErrorMessage(`Shape Lens: ${problem}`, select, output);
  if (choice === output) {
    showOutput();
    return;
  }
  if (choice !== select) {
    return;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFolders: false,
    openLabel: 'Use this Python',
    title: `Python ${MINIMUM_PYTHON.join('.')}+ to run Shape Lens`,
  });
  if (picked?.[0]) {
    // The settings listener restarts the server with it.
    await vscode.workspace
      .getConfiguration(SECTION)
      .update('interpreter', picked[0].fsPath, vscode.ConfigurationTarget.Global);
  }
}
