import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  type LanguageClientOptions,
} from 'vscode-languageclient/node';
import type { Discovery, Interpreter } from './python';
import { changeKind, readSettings, serverOptions, type Settings } from './settings';
import type { Status } from './status';

export interface ServerDeps {
  extensionPath: string;
  output: vscode.OutputChannel;
  status: Status;
  findInterpreter(setting: string): Promise<Discovery>;
  /** No usable interpreter: tell the user (a notification with a way to pick one). */
  noInterpreter(problem: string): void;
}

/**
 * Owns the LanguageClient: starts it with the bundled launcher, stops and restarts it. Every
 * start/stop runs in one queue, so a restart asked for while the server is still starting waits
 * for that start instead of racing it.
 */
export class Server {
  /** Settings change in bursts (typing a path in the settings editor): restart once it settles. */
  static readonly RESTART_DELAY_MS = 750;

  private client: LanguageClient | undefined;
  private queue: Promise<void> = Promise.resolve();
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private settings: Settings = readSettings();

  constructor(private readonly deps: ServerDeps) {}

  /** The running client, for requests such as the model summary's hover. */
  get running(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  start(): Promise<void> {
    return this.enqueue(() => this.startNow());
  }

  stop(): Promise<void> {
    this.cancelScheduledRestart();
    return this.enqueue(() => this.stopNow());
  }

  restart(): Promise<void> {
    this.cancelScheduledRestart();
    return this.enqueue(async () => {
      await this.stopNow();
      await this.startNow();
    });
  }

  scheduleRestart(): void {
    this.cancelScheduledRestart();
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.restart();
    }, Server.RESTART_DELAY_MS);
  }

  /** Applies the current settings: a (debounced) restart, or a notification to the server. */
  settingsChanged(): void {
    const before = this.settings;
    this.settings = readSettings();
    const kind = changeKind(before, this.settings);
    if (kind === 'restart') {
      this.scheduleRestart();
    } else if (kind === 'notify') {
      const settings = serverOptions(this.settings);
      void this.enqueue(async () => {
        await this.running?.sendNotification(DidChangeConfigurationNotification.type, { settings });
      });
    }
  }

  private enqueue(operation: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(operation).catch((error: unknown) => {
      this.log(`Internal error: ${String(error)}`);
    });
    return this.queue;
  }

  private cancelScheduledRestart(): void {
    clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
  }

  private async startNow(): Promise<void> {
    const startedAt = Date.now();
    this.settings = readSettings();
    const { status } = this.deps;
    if (!this.settings.enable) {
      status.set('disabled');
      this.log('Disabled by shapelens.enable.');
      return;
    }
    status.set('starting');
    const found = await this.deps.findInterpreter(this.settings.interpreter);
    found.notes.forEach((note) => {
      this.log(note);
    });
    if ('problem' in found) {
      status.set('error', found.problem);
      this.log(`Not started: ${found.problem}`);
      this.deps.noInterpreter(found.problem);
      return;
    }
    const { interpreter } = found;
    const detail = `${interpreter.path} (Python ${interpreter.version}, from ${interpreter.source})`;
    this.log(`Starting the server with ${detail}.`);
    const client = this.createClient(interpreter, startedAt);
    this.client = client;
    client.onDidChangeState(({ newState }) => {
      // Only the current client's crashes and automatic restarts concern the status.
      if (this.client !== client) {
        return;
      }
      if (newState === State.Running) {
        status.set('ready', detail);
      } else if (newState === State.Starting) {
        status.set('starting', detail);
      } else {
        status.set('error', 'The server stopped; see the output.');
      }
    });
    try {
      await client.start();
    } catch (error) {
      this.client = undefined;
      status.set('error', `The server did not start: ${String(error)}`);
      this.log(`The server did not start: ${String(error)}`);
      return;
    }
    this.log(`Server ready in ${Date.now() - startedAt} ms.`);
  }

  private async stopNow(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) {
      return;
    }
    try {
      await client.dispose(2000);
    } catch (error) {
      // A client whose start failed cannot be stopped; there is nothing left to release then.
      this.log(`Stopping the server: ${String(error)}`);
    }
  }

  private createClient(interpreter: Interpreter, startedAt: number): LanguageClient {
    const { status } = this.deps;
    const launcher = path.join(this.deps.extensionPath, 'bundled', 'tool', 'launch.py');
    let firstDiagnostics = true;
    const options: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: 'python' },
        { scheme: 'untitled', language: 'python' },
        // Python cells of any notebook: hovers, inlay hints and quick fixes in cells.
        { notebook: '*', language: 'python' },
      ],
      outputChannel: this.deps.output,
      traceOutputChannel: this.deps.output,
      revealOutputChannelOn: RevealOutputChannelOn.Never,
      initializationOptions: serverOptions(this.settings),
      middleware: {
        didOpen: (document, next) => {
          status.analysing(document.uri.toString());
          return next(document);
        },
        didChange: (event, next) => {
          if (this.settings.analyzeOnType) {
            status.analysing(event.document.uri.toString());
          }
          return next(event);
        },
        didSave: (document, next) => {
          status.analysing(document.uri.toString());
          return next(document);
        },
        didClose: (document, next) => {
          status.analysed(document.uri.toString());
          return next(document);
        },
        handleDiagnostics: (uri, diagnostics, next) => {
          if (firstDiagnostics) {
            firstDiagnostics = false;
            this.log(`First diagnostics ${Date.now() - startedAt} ms after the server was started.`);
          }
          status.analysed(uri.toString());
          next(uri, diagnostics);
        },
      },
    };
    // The launcher puts the bundled pygls/lsprotocol/shapelens first on sys.path, so the
    // interpreter only needs what the user's own code needs.
    return new LanguageClient('shapelens', 'Shape Lens', { command: interpreter.path, args: [launcher] }, options);
  }

  private log(message: string): void {
    this.deps.output.appendLine(`[${new Date().toISOString()}] ${message}`);
  }
}
