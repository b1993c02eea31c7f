import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { beforeEach, test } from 'node:test';
import { changeKind, readSettings, serverOptions, type Settings } from '../src/settings';
import * as vscode from './fakes/vscode';

const defaults: Settings = {
  enable: true, interpreter: '', analyzeOnType: true, inlayHints: true, readDataFiles: true, diagnosticMode: 'openFiles',
};

beforeEach(() => {
  vscode.reset();
});

test('settings default to what package.json declares', () => {
  assert.deepEqual(readSettings(), defaults);
  const declared = (JSON.parse(readFileSync('package.json', 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default: unknown }> } };
  }).contributes.configuration.properties;
  assert.equal(declared['shapelens.enable']?.default, defaults.enable);
  assert.equal(declared['shapelens.interpreter']?.default, defaults.interpreter);
  assert.equal(declared['shapelens.analyzeOnType']?.default, defaults.analyzeOnType);
  assert.equal(declared['shapelens.inlayHints.enable']?.default, defaults.inlayHints);
  assert.equal(declared['shapelens.readDataFiles']?.default, defaults.readDataFiles);
  assert.equal(declared['shapelens.diagnosticMode']?.default, defaults.diagnosticMode);
});

test('settings are read from the shapelens section, the interpreter trimmed', () => {
  vscode.settings.set('shapelens.enable', false);
  vscode.settings.set('shapelens.interpreter', '  /opt/py/bin/python3 ');
  vscode.settings.set('shapelens.analyzeOnType', false);
  vscode.settings.set('shapelens.inlayHints.enable', false);
  vscode.settings.set('shapelens.readDataFiles', false);
  vscode.settings.set('shapelens.diagnosticMode', 'workspace');
  assert.deepEqual(readSettings(), {
    enable: false, interpreter: '/opt/py/bin/python3', analyzeOnType: false, inlayHints: false, readDataFiles: false,
    diagnosticMode: 'workspace',
  });
  vscode.settings.set('shapelens.diagnosticMode', 'everything');
  assert.equal(readSettings().diagnosticMode, 'openFiles');
});

test('data files are never read in an untrusted workspace, whatever the setting', () => {
  vscode.workspace.isTrusted = false;
  vscode.settings.set('shapelens.readDataFiles', true);
  assert.equal(readSettings().readDataFiles, false);
});

test('the server gets its options under the names it reads', () => {
  assert.deepEqual(serverOptions({ ...defaults, analyzeOnType: false, readDataFiles: false, diagnosticMode: 'workspace' }),
    { analyzeOnType: false, inlayHints: true, readDataFiles: false, diagnosticMode: 'workspace' });
});

test('another interpreter or enable restarts the server; the server options are sent to it', () => {
  assert.equal(changeKind(defaults, { ...defaults, interpreter: '/usr/bin/python3' }), 'restart');
  assert.equal(changeKind(defaults, { ...defaults, enable: false }), 'restart');
  assert.equal(changeKind(defaults, { ...defaults, analyzeOnType: false }), 'notify');
  assert.equal(changeKind(defaults, { ...defaults, inlayHints: false }), 'notify');
  assert.equal(changeKind(defaults, { ...defaults, readDataFiles: false }), 'notify');
  assert.equal(changeKind(defaults, { ...defaults, diagnosticMode: 'workspace' }), 'notify');
  assert.equal(changeKind(defaults, { ...defaults }), 'none');
});

test('the manifest carries the version of pyproject.toml', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
  const pyproject = /^version = "(.*)"$/m.exec(readFileSync('pyproject.toml', 'utf8'));
  assert.equal(manifest.version, pyproject?.[1]);
});
