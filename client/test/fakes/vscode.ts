// The parts of the `vscode` module the client uses, backed by state the tests set and read.
// client/build.mjs substitutes this file for `vscode` when it bundles the tests.

/** User settings, by full key ("shapelens.enable"). */
export const settings = new Map<string, unknown>();
/** Settings written by the code under test: [key, value, target]. */
export const updates: [string, unknown, unknown][] = [];
/** Notifications shown: [kind, message, buttons]. */
export const messages: [string, string, string[]][] = [];
/** What the next notifications answer (a button title, or undefined for dismissed). */
export const answers: (string | undefined)[] = [];
/** What the next open dialog answers. */
export const dialog: { picked: Uri[] | undefined } = { picked: undefined };
/** Installed extensions, by id. */
export const installed = new Map<string, unknown>();

export function reset(): void {
  settings.clear();
  workspace.isTrusted = true;
  updates.length = 0;
  messages.length = 0;
  answers.length = 0;
  dialog.picked = undefined;
  installed.clear();
}

export class Uri {
  private constructor(readonly scheme: string, readonly fsPath: string) {}
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  toString(): string {
    return `${this.scheme}://${this.fsPath}`;
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}

export const workspace = {
  isTrusted: true,
  getConfiguration(section: string) {
    return {
      get<T>(key: string, fallback: T): T {
        const value = settings.get(`${section}.${key}`);
        return value === undefined ? fallback : (value as T);
      },
      update(key: string, value: unknown, target: unknown): Promise<void> {
        updates.push([`${section}.${key}`, value, target]);
        settings.set(`${section}.${key}`, value);
        return Promise.resolve();
      },
    };
  },
};

function notify(kind: string) {
  return (message: string, ...buttons: string[]): Promise<string | undefined> => {
    messages.push([kind, message, buttons]);
    return Promise.resolve(answers.shift());
  };
}

export const window = {
  showErrorMessage: notify('error'),
  showInformationMessage: notify('information'),
  showOpenDialog: (): Promise<Uri[] | undefined> => Promise.resolve(dialog.picked),
  createStatusBarItem: () => ({
    text: '',
    tooltip: '' as string | undefined,
    name: '',
    command: '' as string | undefined,
    backgroundColor: undefined as ThemeColor | undefined,
    show(): void {
      /* always visible here */
    },
    dispose(): void {
      /* nothing to release */
    },
  }),
};

export const extensions = {
  getExtension: (id: string): unknown => installed.get(id),
};
