#!/usr/bin/env node
// End-to-end test of Shape Lens in a real JupyterLab 4 with jupyterlab-lsp: the environment has
// only `pip install shapelens jupyterlab jupyterlab-lsp` in it (make test-jupyter builds it from
// requirements/jupyter.txt). JupyterLab is served on loopback with a notebook that feeds a Dense
// model data of the wrong width; Chromium, driven by playwright-core, checks what a user sees:
// the error underlined in its cell, Ctrl+hover shapes, the diagnostics panel, and the error gone
// once the model is fixed.
//
// Uses the Chromium and playwright-core that ../shared/editor-e2e/setup-code-server.sh installs.
//   node tests/e2e/jupyterlab.mjs --python .venv-jupyter/bin/python
//     [--shots DIR] (default tests/e2e/artifacts/jupyterlab)  [--timeout MS] (each wait, default 90000)
//     [--keep] (keep the run folder)  [--headed]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

import { assert, checks, endGroup, freePort, launchChromium, seconds } from './harness.mjs';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const { values: opt } = parseArgs({
  options: {
    python: { type: 'string' },
    shots: { type: 'string', default: path.join(REPO, 'tests/e2e/artifacts/jupyterlab') },
    timeout: { type: 'string', default: '90000' },
    keep: { type: 'boolean', default: false },
    headed: { type: 'boolean', default: false },
  },
});
if (!opt.python) {
  console.error('usage: jupyterlab.mjs --python INTERPRETER [--shots DIR] [--keep] [--headed]');
  process.exit(2);
}
// Not resolved through symbolic links: a virtual environment's python is one.
const PYTHON = path.resolve(opt.python);
const SHOTS = path.resolve(opt.shots);
const TIMEOUT = Number(opt.timeout);
const E2E = process.env.E2E || path.join(os.homedir(), '.cache', 'editor-e2e');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TOOLS = path.join(E2E, 'tools', 'package.json');
for (const [what, file] of [['python', PYTHON], ['chromium', CHROMIUM], ['playwright-core', TOOLS]]) {
  if (!fs.existsSync(file)) {
    console.error(`missing ${what}: ${file}`);
    process.exit(2);
  }
}
const { chromium } = createRequire(TOOLS)('playwright-core');

const t0 = Date.now();
const log = (...args) => console.log(`[${seconds(t0)}s]`, ...args);

// ---- the run folder: every file Jupyter, the kernel and Chromium write goes in it ------------------
const RUN = fs.mkdtempSync(path.join(os.tmpdir(), 'shapelens-jupyterlab-'));
const ROOT = path.join(RUN, 'notebooks');
const SETTINGS = path.join(RUN, 'lab-settings');
for (const dir of [ROOT, SHOTS, path.join(SETTINGS, '@jupyterlab', 'apputils-extension')]) fs.mkdirSync(dir, { recursive: true });
// No "get notified about Jupyter news?" toast over the notebook; no update check.
fs.writeFileSync(path.join(SETTINGS, '@jupyterlab', 'apputils-extension', 'notification.jupyterlab-settings'),
  JSON.stringify({ fetchNews: 'false', checkForUpdates: false }));

const NOTEBOOK = 'prices.ipynb';
const CELLS = [
  ['markdown', '# Predicting prices'],
  ['code', '!pip install --quiet "tensorflow>=2.16"\n%matplotlib inline'],
  ['code', 'import numpy as np\nfrom tensorflow import keras\n\nfeatures = np.random.rand(256, 12)\nprices = np.random.rand(256, 1)'],
  ['code', '%%bash\necho "Training on $(hostname)"'],
  ['code', 'model = keras.Sequential([\n    keras.Input(shape=(10,)),\n    keras.layers.Dense(32, activation="relu"),\n'
    + '    keras.layers.Dense(1),\n])\nmodel.compile(optimizer="adam", loss="mse")'],
  ['code', 'history = model.fit(features, prices, epochs=5)'],
];
fs.writeFileSync(path.join(ROOT, NOTEBOOK), JSON.stringify({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {
    kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' },
    language_info: { name: 'python' },
  },
  cells: CELLS.map(([type, source], index) => ({
    id: `cell-${index}`, cell_type: type, metadata: {}, source,
    ...(type === 'code' ? { execution_count: null, outputs: [] } : {}),
  })),
}, null, 1));

const xdg = path.join(RUN, 'xdg');
const env = {
  ...process.env,
  JUPYTER_CONFIG_DIR: path.join(RUN, 'jupyter-config'),
  JUPYTER_DATA_DIR: path.join(RUN, 'jupyter-data'),
  JUPYTER_RUNTIME_DIR: path.join(RUN, 'jupyter-runtime'),
  JUPYTERLAB_SETTINGS_DIR: SETTINGS,
  JUPYTERLAB_WORKSPACES_DIR: path.join(RUN, 'lab-workspaces'),
  IPYTHONDIR: path.join(RUN, 'ipython'),
  XDG_CONFIG_HOME: `${xdg}/config`, XDG_DATA_HOME: `${xdg}/data`, XDG_CACHE_HOME: `${xdg}/cache`,
};

let lab;
let base;
async function startJupyterLab(port) {
  const logFd = fs.openSync(path.join(RUN, 'jupyterlab.log'), 'a');
  // No token or browser; nothing that reaches the network (news, update checks, PyPI's extension
  // listing). Its own process group: the language server it starts ends with it.
  lab = spawn(PYTHON, ['-m', 'jupyterlab', '--no-browser', '--allow-root', '--ServerApp.ip=127.0.0.1',
    `--ServerApp.port=${port}`, '--ServerApp.port_retries=0', '--IdentityProvider.token=', `--ServerApp.root_dir=${ROOT}`,
    '--LabApp.extension_manager=readonly', '--LabApp.news_url=None',
    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate'],
  { env, cwd: RUN, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + TIMEOUT;
  while (Date.now() < deadline) {
    if (lab.exitCode !== null) throw new Error(`jupyter lab exited ${lab.exitCode}; see jupyterlab.log`);
    try {
      if ((await fetch(`${base}/api/status`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('jupyter lab did not answer /api/status');
}

async function stopJupyterLab() {
  if (!lab) return;
  // Kernels run in sessions of their own: shut them down through the server before it goes.
  try {
    const xsrf = /_xsrf=([^;]+)/.exec((await fetch(`${base}/lab`)).headers.get('set-cookie'))[1];
    const headers = { 'X-XSRFToken': xsrf, Cookie: `_xsrf=${xsrf}` };
    for (const kernel of await (await fetch(`${base}/api/kernels`)).json()) {
      const answer = await fetch(`${base}/api/kernels/${kernel.id}`, { method: 'DELETE', headers });
      if (!answer.ok) console.log(`could not shut down kernel ${kernel.id}: ${answer.status}`);
    }
  } catch (error) {
    console.log(`could not shut down the kernels: ${error}`);
  }
  await endGroup(lab.pid, 10000);
  lab = undefined;
}

// ---- what the page shows -----------------------------------------------------------------------
const PANEL = '.jp-NotebookPanel:not(.lm-mod-hidden)';
const HOVER = '.lsp-tooltip.lsp-hover';

/** The error underlines of the open notebook: cell index (markdown cells counted), line in the
 * cell (0-based) and the text underlined. */
function underlines(page) {
  return page.locator(`${PANEL} .cm-lintRange-error`).evaluateAll((ranges) => ranges.map((range) => {
    const cell = range.closest('.jp-Cell');
    const line = range.closest('.cm-line');
    return {
      cell: [...cell.parentElement.children].filter((c) => c.classList.contains('jp-Cell')).indexOf(cell),
      line: [...line.parentElement.children].indexOf(line),
      text: range.textContent,
    };
  }));
}

/** Waits until the underlines are `expected` (JSON-equal), and stay so for a second. */
async function waitForUnderlines(page, expected) {
  const want = JSON.stringify(expected);
  const deadline = Date.now() + TIMEOUT;
  let steadySince;
  for (;;) {
    const have = JSON.stringify(await underlines(page));
    if (have === want) {
      steadySince ??= Date.now();
      if (Date.now() - steadySince >= 1000) return;
    } else {
      steadySince = undefined;
    }
    if (Date.now() > deadline) throw new Error(`underlines ${have}, expected ${want}`);
    await page.waitForTimeout(200);
  }
}

/** The middle of the first `text` in the line of cell `cell` (0-based) that contains `line`. */
async function textPoint(page, cell, line, text) {
  const editorLine = page.locator(`${PANEL} .jp-Cell`).nth(cell).locator('.cm-line', { hasText: line }).first();
  await editorLine.scrollIntoViewIfNeeded();
  const point = await editorLine.evaluate((element, text) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    let full = '';
    const nodes = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push([node, full.length]);
      full += node.textContent;
    }
    const at = full.indexOf(text);
    if (at < 0) return null;
    const locate = (offset) => nodes.findLast(([, start]) => start <= offset);
    const [startNode, startAt] = locate(at);
    const [endNode, endAt] = locate(at + text.length - 1);
    const range = document.createRange();
    range.setStart(startNode, at - startAt);
    range.setEnd(endNode, at + text.length - endAt);
    const box = range.getBoundingClientRect();
    return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
  }, text);
  if (!point) throw new Error(`"${text}" not in cell ${cell}'s line "${line}"`);
  return point;
}

/** jupyterlab-lsp shows a hover while Ctrl is held over a word: its text. */
async function ctrlHover(page, point, expected) {
  await page.mouse.move(5, 400);
  await page.locator(HOVER).waitFor({ state: 'detached' });
  await page.keyboard.down('Control');
  try {
    await page.mouse.move(point.x, point.y, { steps: 5 });
    const hover = page.locator(HOVER, { hasText: expected });
    await hover.waitFor({ state: 'visible' });
    return await hover.innerText();
  } finally {
    await page.keyboard.up('Control');
  }
}

async function screenshot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, name) });
}

// ---- the checks --------------------------------------------------------------------------------
const { check, setupFailed, finish } = checks(SHOTS, () => page);

let browser;
let page;
const outside = new Set();
try {
  log('run folder', RUN);
  await startJupyterLab(await freePort());
  log('JupyterLab is up');

  await check('jupyter-lsp found the Shape Lens spec through its entry point', async () => {
    const status = await (await fetch(`${base}/lsp/status`)).json();
    const spec = status.sessions?.shapelens?.spec;
    assert(spec, `no shapelens session: ${JSON.stringify(Object.keys(status.sessions ?? {}))}`);
    assert(spec.display_name === 'Shape Lens' && JSON.stringify(spec.languages) === '["python"]', JSON.stringify(spec));
    assert(spec.requires_documents_on_disk === false, JSON.stringify(spec));
  });

  browser = await launchChromium(chromium, CHROMIUM, opt.headed, env);
  const context = await browser.newContext({ viewport: { width: 1280, height: 760 } });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/^(https?|wss?):$/.test(url.protocol) && url.hostname !== '127.0.0.1') outside.add(url.origin);
  });
  const opened = Date.now();
  await page.goto(`${base}/lab/tree/${NOTEBOOK}`);
  await page.locator(`${PANEL} .jp-Cell`).nth(CELLS.length - 1).waitFor();
  log('notebook shown');

  await check('one error, under `features` in the fit cell; no false error from !pip, %matplotlib or %%bash', async () => {
    await page.locator(`${PANEL} .cm-lintRange-error`).first().waitFor();
    log(`first underline ${seconds(opened)}s after the page was opened`);
    await waitForUnderlines(page, [{ cell: 5, line: 0, text: 'features' }]);
  });

  await check('Ctrl+hover on a variable shows its shape', async () => {
    const text = await ctrlHover(page, await textPoint(page, 2, 'features =', 'features'), '(256, 12)');
    assert(text.includes('Tensor') && text.includes('float64'), text);
  });

  await check('Ctrl+hover on the error shows the expected and the actual shape', async () => {
    const text = await ctrlHover(page, await textPoint(page, 5, 'model.fit', 'features'), 'SL101');
    for (const part of ['expected', 'actual', '(None, 10)', '(256, 12)']) {
      assert(text.includes(part), `hover lacks "${part}": ${text}`);
    }
    await page.waitForTimeout(300);
    await screenshot(page, 'jupyterlab.png');
  });

  await check('the diagnostics panel lists SL101 from shapelens in cell 6', async () => {
    await page.mouse.move(5, 400);
    await page.keyboard.press('Control+Shift+C');
    const palette = page.locator('.lm-CommandPalette input');
    await palette.waitFor({ state: 'visible' });
    await palette.fill('Show diagnostics panel');
    await page.locator('.lm-CommandPalette-item.lm-mod-active', { hasText: 'Show diagnostics panel' }).waitFor();
    await page.keyboard.press('Enter');
    const row = page.locator('.lsp-diagnostics-listing tbody tr', { hasText: 'SL101' });
    await row.first().waitFor();
    const cells = await row.first().locator('td').allInnerTexts();
    for (const part of ['expected axis -1 of input shape to have value 10', 'SL101', 'Error', 'shapelens', '6']) {
      assert(cells.includes(part) || cells[0].includes(part), `row lacks "${part}": ${JSON.stringify(cells)}`);
    }
    assert(await row.count() === 1, `${await row.count()} rows`);
    await screenshot(page, 'diagnostics-panel.png');
    await page.locator('.lm-TabBar-tab', { hasText: 'Diagnostics Panel' }).locator('.lm-TabBar-tabCloseIcon').click();
  });

  await check('declaring 12 features in the model removes the error as it is typed', async () => {
    const point = await textPoint(page, 4, 'keras.Input', '10');
    await page.mouse.dblclick(point.x, point.y);
    await page.keyboard.type('12');
    await page.locator(`${PANEL} .jp-Cell`).nth(4).locator('.cm-line', { hasText: 'keras.Input(shape=(12,))' }).waitFor();
    await waitForUnderlines(page, []);
  });

  await check('nothing was fetched from outside the loopback', async () => {
    assert(outside.size === 0, `requests to ${[...outside].join(', ')}`);
  });
} catch (error) {
  await setupFailed(error);
} finally {
  await browser?.close().catch(() => {});
  await stopJupyterLab();
}

finish(RUN, opt.keep, (failed) => {
  if (failed) console.log(fs.readFileSync(path.join(RUN, 'jupyterlab.log'), 'utf8').split('\n').slice(-40).join('\n'));
});
