// Editor settings as the server gets them: asked for per document through `workspace/configuration`
// (with a time limit), or pushed by clients without it (`didChangeConfiguration`,
// `initializationOptions`); plus whether the workspace is trusted, which the client says and the
// settings never do. Bad values are dropped and reported once (settings.ts).
import { MessageType } from 'vscode-languageserver';
import type { ClientChannel } from './clientChannel';
import { SETTINGS_SECTION } from './protocol';
import { parseSettings, type EditorSettings } from './settings';

/** How long to wait for the client's settings before checking with the defaults. */
export const CONFIGURATION_TIMEOUT_MS = 10_000;

export class SettingsStore {
  /** Settings from `didChangeConfiguration` or `initializationOptions`, for clients without `workspace/configuration`. */
  pushed: unknown;
  /** False in an untrusted VS Code workspace (initializationOptions, then heard/didChangeWorkspaceTrust). */
  workspaceTrusted = true;

  constructor(private readonly channel: ClientChannel) {}

  /** Checked settings from a raw value, with the workspace's trust. */
  read(raw: unknown): EditorSettings {
    const { settings, problems } = parseSettings(raw);
    for (const problem of problems) this.channel.notifyOnce(`settings:${problem}`, MessageType.Warning, `Heard: ignoring a setting: ${problem}.`);
    return { ...settings, workspaceTrusted: this.workspaceTrusted };
  }

  /** The settings that apply when there is no document to ask about. */
  current(): EditorSettings {
    return this.read(this.pushed);
  }

  /** Settings for each URI, in order. */
  fetch(uris: string[]): Promise<EditorSettings[]> {
    const { channel } = this;
    if (!channel.caps.configuration) {
      const settings = this.current();
      return Promise.resolve(uris.map(() => settings));
    }
    // An error reply, no reply in time, or an answer that is not one value per item: default settings.
    const asked = channel.bestEffort('workspace/configuration', () => channel.connection.workspace.getConfiguration(uris.map((scopeUri) => ({ scopeUri, section: SETTINGS_SECTION }))));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => {
        channel.connection.console.warn(`Heard: no answer to workspace/configuration in ${CONFIGURATION_TIMEOUT_MS / 1000} s; using default settings`);
        resolve(undefined);
      }, CONFIGURATION_TIMEOUT_MS);
    });
    return Promise.race([asked, timedOut]).then((values: unknown) => {
      clearTimeout(timer);
      return uris.map((_, i) => this.read(Array.isArray(values) ? values[i] : undefined));
    });
  }
}
