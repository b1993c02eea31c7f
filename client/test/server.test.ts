import assert from 'node:assert/strict';
import * as path from 'node:path';
import { afterEach, beforeEach, mock, test } from 'node:test';
import type * as code from 'vscode';
import type { Discovery } from '../src/python';
import { Server } from '../src/server';
import { Status } from '../src/status';
import { events, LanguageClient, State } from './fakes/languageclient';
import * as vscode from './fakes/vscode';

const PYTHON: Discovery = { interpreter: { path: '/usr/bin/python3.11', version: '3.11.2', source: 'PATH' }, notes: [] };

interface Harness {
  server: Server;
  status: Status;
  log: string[];
  problems: string[];
  settingsSeen: string[];
}

function harness(discovery: Discovery = PYTHON): Harness {
  const log: string[] = [];
  const problems: string[] = [];
  const settingsSeen: string[] = [];
  const status = new Status('shapelens.showOutput');
  const output = { appendLine: (line: string) => log.push(line) } as unknown as code.OutputChannel;
  const server = new Server({
    extensionPath: '/ext',
    output,
    status,
    findInterpreter: (setting) => {
      settingsSeen.push(setting);
      return Promise.resolve(discovery);
    },
    noInterpreter: (problem) => problems.push(problem),
  });
  return { server, status, log, problems, settingsSeen };
}

/** Lets queued promise callbacks run (the fake clients resolve at once). */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

beforeEach(() => {
  vscode.reset();
  LanguageClient.reset();
});
afterEach(() => {
  mock.timers.reset();
});

test('the server runs the bundled launcher with the interpreter found and the server options', async () => {
  vscode.settings.set('shapelens.interpreter', '/opt/py/bin/python');
  vscode.settings.set('shapelens.analyzeOnType', false);
  const h = harness();
  await h.server.start();
  assert.deepEqual(h.settingsSeen, ['/opt/py/bin/python']);
  const [client] = LanguageClient.created;
  assert.ok(client);
  assert.equal(client.id, 'shapelens'); // the client reads shapelens.trace.server by this id
  assert.deepEqual(client.serverOptions, {
    command: '/usr/bin/python3.11',
    args: [path.join('/ext', 'bundled', 'tool', 'launch.py')],
  });
  assert.deepEqual(client.clientOptions.initializationOptions,
    { analyzeOnType: false, inlayHints: true, readDataFiles: true, diagnosticMode: 'openFiles' });
  assert.equal(h.status.text, '$(check) Shape Lens');
  assert.match(h.log.join('\n'), /Starting the server with \/usr\/bin\/python3\.11 \(Python 3\.11\.2, from PATH\)/);
  assert.match(h.log.join('\n'), /Server ready in \d+ ms/);
  assert.equal(h.server.running, client);
});

test('disabled: no server, and the status says so', async () => {
  vscode.settings.set('shapelens.enable', false);
  const h = harness();
  await h.server.start();
  assert.equal(LanguageClient.created.length, 0);
  assert.equal(h.status.text, '$(circle-slash) Shape Lens');
});

test('no interpreter: no server, an error status and the notification', async () => {
  const h = harness({ problem: 'no Python 3.10+ found to run the server.', notes: ['python3 on PATH not found.'] });
  await h.server.start();
  assert.equal(LanguageClient.created.length, 0);
  assert.equal(h.status.text, '$(error) Shape Lens');
  assert.deepEqual(h.problems, ['no Python 3.10+ found to run the server.']);
  assert.match(h.log.join('\n'), /python3 on PATH not found/);
});

test('a restart disposes the old client before it starts a new one', async () => {
  const h = harness();
  await h.server.start();
  await h.server.restart();
  assert.deepEqual(events, ['start 1', 'dispose 1', 'start 2']);
  assert.equal(h.server.running, LanguageClient.created[1]);
});

test('a restart asked for during a start waits for that start', async () => {
  const h = harness();
  const slow = deferred();
  LanguageClient.starts.push(() => slow.promise);
  const starting = h.server.start();
  await settle();
  const restarting = h.server.restart();
  await settle();
  assert.deepEqual(events, ['start 1']);
  slow.resolve();
  await Promise.all([starting, restarting]);
  assert.deepEqual(events, ['start 1', 'dispose 1', 'start 2']);
});

test('settings that change the process restart it once, after they settle', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const h = harness();
  await h.server.start();
  for (const path of ['/a', '/ab', '/abc']) {
    vscode.settings.set('shapelens.interpreter', path);
    h.server.settingsChanged();
    mock.timers.tick(Server.RESTART_DELAY_MS - 1);
  }
  await settle();
  assert.deepEqual(events, ['start 1']);
  mock.timers.tick(1);
  await settle();
  await settle();
  assert.deepEqual(events, ['start 1', 'dispose 1', 'start 2']);
  assert.deepEqual(h.settingsSeen, ['', '/abc']);
});

test('disabling stops the server; enabling starts it again', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const h = harness();
  await h.server.start();
  vscode.settings.set('shapelens.enable', false);
  h.server.settingsChanged();
  mock.timers.tick(Server.RESTART_DELAY_MS);
  await settle();
  assert.deepEqual(events, ['start 1', 'dispose 1']);
  assert.equal(h.status.text, '$(circle-slash) Shape Lens');
  vscode.settings.set('shapelens.enable', true);
  h.server.settingsChanged();
  mock.timers.tick(Server.RESTART_DELAY_MS);
  await settle();
  await settle();
  assert.deepEqual(events, ['start 1', 'dispose 1', 'start 2']);
});

test('analyzeOnType and inlay hints go to the running server without a restart', async () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  const h = harness();
  await h.server.start();
  vscode.settings.set('shapelens.inlayHints.enable', false);
  h.server.settingsChanged();
  vscode.settings.set('shapelens.trace.server', 'verbose'); // the client applies this one itself
  h.server.settingsChanged();
  mock.timers.tick(Server.RESTART_DELAY_MS);
  await settle();
  assert.deepEqual(events, ['start 1']);
  assert.deepEqual(LanguageClient.created[0]?.notifications, [
    [{ method: 'workspace/didChangeConfiguration' },
      { settings: { analyzeOnType: true, inlayHints: false, readDataFiles: true, diagnosticMode: 'openFiles' } }],
  ]);
});

test('a start that fails leaves an error status and a log line', async () => {
  const h = harness();
  LanguageClient.starts.push(() => Promise.reject(new Error('exited with code 1')));
  await h.server.start();
  assert.equal(h.status.text, '$(error) Shape Lens');
  assert.match(h.log.join('\n'), /did not start: Error: exited with code 1/);
  assert.equal(h.server.running, undefined);
});

test("the current client's crash shows an error; an old client's end does not", async () => {
  const h = harness();
  await h.server.start();
  await h.server.restart();
  const [old, current] = LanguageClient.created;
  old?.setState(State.Stopped);
  assert.equal(h.status.text, '$(check) Shape Lens');
  current?.setState(State.Stopped);
  assert.equal(h.status.text, '$(error) Shape Lens');
  current?.setState(State.Starting);
  assert.equal(h.status.text, '$(loading~spin) Shape Lens');
});

test('the status spins from a document sent until its diagnostics; the first ones are timed', async () => {
  const h = harness();
  await h.server.start();
  const middleware = LanguageClient.created[0]?.clientOptions.middleware;
  assert.ok(middleware?.didOpen && middleware.handleDiagnostics);
  const uri = vscode.Uri.file('/ws/example_1.py');
  const document = { uri } as unknown as code.TextDocument;
  await middleware.didOpen(document, () => Promise.resolve());
  assert.equal(h.status.text, '$(sync~spin) Shape Lens');
  for (let i = 0; i < 2; i++) {
    middleware.handleDiagnostics(uri as unknown as code.Uri, [], () => undefined);
  }
  assert.equal(h.status.text, '$(check) Shape Lens');
  assert.equal(h.log.filter((line) => /First diagnostics \d+ ms after the server was started/.test(line)).length, 1);
});

test('with analyzeOnType off, an edit is not waited for', async () => {
  vscode.settings.set('shapelens.analyzeOnType', false);
  const h = harness();
  await h.server.start();
  const middleware = LanguageClient.created[0]?.clientOptions.middleware;
  assert.ok(middleware?.didChange);
  const event = { document: { uri: vscode.Uri.file('/ws/a.py') } } as unknown as code.TextDocumentChangeEvent;
  await middleware.didChange(event, () => Promise.resolve());
  assert.equal(h.status.text, '$(check) Shape Lens');
});
