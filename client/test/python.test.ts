import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { beforeEach, test } from 'node:test';
import {
  askForInterpreter,
  findInterpreter,
  probeInterpreter,
  pythonExtensionInterpreter,
  type Probe,
} from '../src/python';
import * as vscode from './fakes/vscode';

beforeEach(() => {
  vscode.reset();
});

/** A probe that knows some commands: command -> version; the rest are "not found". */
function fakeProbe(known: Record<string, string>, calls: string[] = []): Probe {
  return (command) => {
    calls.push(command);
    const version = known[command];
    return Promise.resolve(version ? { path: `/resolved${command}`, version } : { error: 'not found' });
  };
}

const noExtension = (): Promise<string | undefined> => Promise.resolve(undefined);

test('the shapelens.interpreter setting is used, and nothing else is asked', async () => {
  const calls: string[] = [];
  let asked = false;
  const found = await findInterpreter(
    '/opt/py/bin/python',
    () => {
      asked = true;
      return Promise.resolve('/env/bin/python');
    },
    fakeProbe({ '/opt/py/bin/python': '3.12.1', python3: '3.11.2' }, calls),
  );
  assert.deepEqual(found, {
    interpreter: { path: '/resolved/opt/py/bin/python', version: '3.12.1', source: 'shapelens.interpreter' },
    notes: [],
  });
  assert.deepEqual(calls, ['/opt/py/bin/python']);
  assert.equal(asked, false);
});

test('a shapelens.interpreter that does not work is reported, not replaced by another Python', async () => {
  const calls: string[] = [];
  const found = await findInterpreter('/nope/python', noExtension, fakeProbe({ python3: '3.11.2' }, calls));
  assert.ok('problem' in found);
  assert.match(found.problem, /shapelens\.interpreter "\/nope\/python" not found/);
  assert.deepEqual(calls, ['/nope/python']);
});

test('~ in the setting is the home directory', async () => {
  const calls: string[] = [];
  await findInterpreter('~/venv/bin/python', noExtension, fakeProbe({}, calls));
  assert.deepEqual(calls, [path.join(os.homedir(), 'venv/bin/python')]);
});

test("without the setting, the Python extension's active environment comes first", async () => {
  const found = await findInterpreter(
    '',
    () => Promise.resolve('/env/bin/python'),
    fakeProbe({ '/env/bin/python': '3.10.12', python3: '3.11.2' }),
  );
  assert.ok('interpreter' in found);
  assert.equal(found.interpreter.source, 'Python extension');
  assert.equal(found.interpreter.path, '/resolved/env/bin/python');
});

test("a broken or failing Python extension falls back to PATH, with a note why", async () => {
  const broken = await findInterpreter('', () => Promise.resolve('/env/bin/python'), fakeProbe({ python3: '3.11.2' }));
  assert.ok('interpreter' in broken);
  assert.equal(broken.interpreter.source, 'PATH');
  assert.match(broken.notes.join('\n'), /environment \/env\/bin\/python not found/);

  const failing = await findInterpreter('', () => Promise.reject(new Error('activation failed')), fakeProbe({ python3: '3.11.2' }));
  assert.ok('interpreter' in failing);
  assert.match(failing.notes.join('\n'), /activation failed/);
});

test('on PATH, python3 comes before python', async () => {
  const calls: string[] = [];
  const found = await findInterpreter('', noExtension, fakeProbe({ python: '3.13.0' }, calls));
  assert.ok('interpreter' in found);
  assert.equal(found.interpreter.version, '3.13.0');
  assert.deepEqual(calls, ['python3', 'python']);
});

test('no Python anywhere is a problem that says what was tried', async () => {
  const found = await findInterpreter('', noExtension, fakeProbe({}));
  assert.ok('problem' in found);
  assert.match(found.problem, /no Python 3\.10\+ found/);
  assert.deepEqual(found.notes, ['python3 on PATH not found.', 'python on PATH not found.']);
});

/** An executable script that answers the probe like a Python of `version` would. */
function fakePython(version: string, exitCode = 0): string {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'shapelens-probe-')), 'python');
  writeFileSync(file, `#!/bin/sh\necho /somewhere/bin/python${version}\necho ${version}\nexit ${exitCode}\n`);
  chmodSync(file, 0o755);
  return file;
}

test('the probe runs the interpreter and checks its version', { skip: process.platform === 'win32' }, async () => {
  assert.deepEqual(await probeInterpreter(fakePython('3.12.4')), { path: '/somewhere/bin/python3.12.4', version: '3.12.4' });
  const old = await probeInterpreter(fakePython('3.9.18'));
  assert.ok('error' in old);
  assert.match(old.error, /is Python 3\.9\.18; Shape Lens needs 3\.10 or newer/);
  assert.ok('error' in (await probeInterpreter(fakePython('3.12.4', 1))));
  assert.deepEqual(await probeInterpreter('/no/such/python'), { error: 'not found' });
});

test('the probe understands a real python3', async () => {
  const found = await probeInterpreter('python3');
  assert.ok('path' in found, JSON.stringify(found));
  assert.ok(path.isAbsolute(found.path));
});

test("the Python extension's environment is read through its API, activating it if needed", async () => {
  assert.equal(await pythonExtensionInterpreter(), undefined);
  let activated = false;
  const api = {
    environments: {
      getActiveEnvironmentPath: () => ({ path: '/env' }),
      resolveEnvironment: (env: { path: string }) =>
        Promise.resolve({ executable: { uri: vscode.Uri.file(`${env.path}/bin/python`) } }),
      onDidChangeActiveEnvironmentPath: () => ({ dispose: () => undefined }),
    },
  };
  vscode.installed.set('ms-python.python', {
    isActive: false,
    exports: undefined,
    activate: () => {
      activated = true;
      return Promise.resolve(api);
    },
  });
  assert.equal(await pythonExtensionInterpreter(), '/env/bin/python');
  assert.equal(activated, true);
});

test('an old Python extension without the environments API is skipped', async () => {
  vscode.installed.set('ms-python.python', { isActive: true, exports: {}, activate: () => Promise.resolve({}) });
  assert.equal(await pythonExtensionInterpreter(), undefined);
});

test('the notification offers to pick an interpreter, saved in user settings', async () => {
  vscode.answers.push('Select Interpreter');
  vscode.dialog.picked = [vscode.Uri.file('/picked/bin/python3')];
  await askForInterpreter('no Python 3.10+ found to run the server.', () => assert.fail('not asked'));
  assert.deepEqual(vscode.messages, [
    ['error', 'Shape Lens: no Python 3.10+ found to run the server.', ['Select Interpreter', 'Show Output']],
  ]);
  assert.deepEqual(vscode.updates, [['shapelens.interpreter', '/picked/bin/python3', vscode.ConfigurationTarget.Global]]);
});

test('the notification can open the output instead, or be dismissed', async () => {
  let shown = 0;
  vscode.answers.push('Show Output', undefined);
  await askForInterpreter('x', () => (shown += 1));
  await askForInterpreter('x', () => (shown += 1));
  assert.equal(shown, 1);
  assert.deepEqual(vscode.updates, []);
});
