import assert from 'node:assert/strict';
import { afterEach, beforeEach, mock, test } from 'node:test';
import { Status } from '../src/status';

beforeEach(() => {
  mock.timers.enable({ apis: ['setTimeout'] });
});
afterEach(() => {
  mock.timers.reset();
});

test('the item shows the server state and opens the output', () => {
  const status = new Status('shapelens.showOutput');
  assert.equal(status.text, '$(loading~spin) Shape Lens');
  status.set('ready');
  assert.equal(status.text, '$(check) Shape Lens');
  status.set('error', 'The server stopped');
  assert.equal(status.text, '$(error) Shape Lens');
  status.set('disabled');
  assert.equal(status.text, '$(circle-slash) Shape Lens');
});

test('a document is analysing from when it is sent until its diagnostics arrive', () => {
  const status = new Status('shapelens.showOutput');
  status.set('ready');
  status.analysing('file:///a.py');
  status.analysing('file:///b.py');
  assert.equal(status.text, '$(sync~spin) Shape Lens');
  status.analysed('file:///a.py');
  assert.equal(status.text, '$(sync~spin) Shape Lens');
  status.analysed('file:///b.py');
  assert.equal(status.text, '$(check) Shape Lens');
});

test('a document whose diagnostics never come stops spinning after a while', () => {
  const status = new Status('shapelens.showOutput');
  status.set('ready');
  status.analysing('file:///slow.py');
  mock.timers.tick(Status.GIVE_UP_MS - 1);
  assert.equal(status.text, '$(sync~spin) Shape Lens');
  mock.timers.tick(1);
  assert.equal(status.text, '$(check) Shape Lens');
});

test('nothing is analysing while the server is not ready', () => {
  const status = new Status('shapelens.showOutput');
  status.analysing('file:///a.py');
  assert.equal(status.text, '$(loading~spin) Shape Lens');
  status.set('ready');
  status.analysing('file:///a.py');
  status.set('error');
  status.set('ready');
  assert.equal(status.text, '$(check) Shape Lens');
});
