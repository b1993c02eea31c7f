// What the editor end-to-end tests (run.mjs for VS Code, jupyterlab.mjs) share: a free loopback
// port, ending a server's process group, and named checks that go on after a failure.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Ends the process group `group` (a server started `detached` and what it started): SIGTERM, then
 * SIGKILL if it is still there after `grace` ms. */
export async function endGroup(group, grace) {
  const alive = () => { try { process.kill(-group, 0); return true; } catch { return false; } };
  for (const signal of ['SIGTERM', 'SIGKILL']) {
    try { process.kill(-group, signal); } catch { /* already gone */ }
    for (let waited = 0; waited < grace && alive(); waited += 100) await new Promise((r) => setTimeout(r, 100));
    if (!alive()) break;
  }
}

/** Debian's Chromium driven by playwright-core: headless unless `headed`, a fresh profile, nothing
 * fetched in the background. */
export function launchChromium(chromium, executablePath, headed, env) {
  return chromium.launch({
    executablePath,
    headless: !headed,
    env,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-dev-shm-usage'],
  });
}

export const seconds = (from) => ((Date.now() - from) / 1000).toFixed(1);

export const assert = (condition, message) => { if (!condition) throw new Error(message); };

/** `check(name, body)` runs one check, prints its outcome and time, and on a failure saves a
 * screenshot of `page()` in `shots`; `setupFailed(error)` records a failure outside the checks.
 * `finish(run, keep, kept)` prints the outcome, removes the run folder unless a check failed or
 * `keep` (then `kept()` says what is in it), and exits, with 1 if a check failed. */
export function checks(shots, page) {
  const results = [];
  async function check(name, body) {
    const started = Date.now();
    try {
      await body();
      results.push({ name, ok: true, time: seconds(started) });
      console.log(`  ✔ ${name} (${seconds(started)}s)`);
    } catch (error) {
      results.push({ name, ok: false, time: seconds(started) });
      console.log(`  ✖ ${name} (${seconds(started)}s)\n      ${String(error.stack || error).split('\n').slice(0, 6).join('\n      ')}`);
      await page()?.screenshot({ path: path.join(shots, `failure-${results.length}.png`) }).catch(() => {});
    }
  }
  async function setupFailed(error) {
    console.log(`  ✖ setting up: ${error.stack || error}`);
    results.push({ name: 'setting up', ok: false });
    await page()?.screenshot({ path: path.join(shots, 'failure-setup.png') }).catch(() => {});
  }
  function finish(run, keep, kept) {
    const failed = results.filter((r) => !r.ok).length;
    console.log(`screenshots in ${shots}`);
    if (failed || keep) {
      console.log(`run folder kept: ${run}`);
      kept(failed);
    } else {
      fs.rmSync(run, { recursive: true, force: true });
    }
    console.log(`${results.length - failed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  }
  return { check, setupFailed, finish };
}
