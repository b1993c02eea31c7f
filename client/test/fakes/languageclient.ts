// A stand-in for vscode-languageclient/node: records what the server module does with its
// clients and lets a test decide when a start finishes and which states a client goes through.
import type { LanguageClientOptions } from 'vscode-languageclient/node';

export enum State {
  Stopped = 1,
  Running = 2,
  Starting = 3,
}

export enum RevealOutputChannelOn {
  Debug = 0,
  Info = 1,
  Warn = 2,
  Error = 3,
  Never = 4,
}

export const DidChangeConfigurationNotification = { type: { method: 'workspace/didChangeConfiguration' } };

/** Everything that happened to every client, in order: "start 1", "dispose 1", ... */
export const events: string[] = [];

export class LanguageClient {
  static readonly created: LanguageClient[] = [];
  readonly number = LanguageClient.created.length + 1;
  readonly notifications: [unknown, unknown][] = [];
  /** How the next clients' starts end, in order (default: at once): to hold one open or fail it. */
  static readonly starts: (() => Promise<void>)[] = [];
  private readonly startResult = LanguageClient.starts.shift() ?? (() => Promise.resolve());
  private running = false;
  private readonly stateListeners: ((event: { oldState: State; newState: State }) => void)[] = [];

  constructor(
    readonly id: string,
    readonly name: string,
    readonly serverOptions: { command: string; args: string[] },
    readonly clientOptions: LanguageClientOptions,
  ) {
    LanguageClient.created.push(this);
  }

  static reset(): void {
    LanguageClient.created.length = 0;
    LanguageClient.starts.length = 0;
    events.length = 0;
  }

  async start(): Promise<void> {
    events.push(`start ${this.number}`);
    await this.startResult();
    this.running = true;
    this.setState(State.Running);
  }

  dispose(): Promise<void> {
    events.push(`dispose ${this.number}`);
    this.running = false;
    return Promise.resolve();
  }

  isRunning(): boolean {
    return this.running;
  }

  sendNotification(type: unknown, params: unknown): Promise<void> {
    this.notifications.push([type, params]);
    return Promise.resolve();
  }

  onDidChangeState(listener: (event: { oldState: State; newState: State }) => void): void {
    this.stateListeners.push(listener);
  }

  /** As the real client does when its process dies or it restarts it. */
  setState(newState: State): void {
    this.stateListeners.forEach((listener) => {
      listener({ oldState: State.Running, newState });
    });
  }
}
