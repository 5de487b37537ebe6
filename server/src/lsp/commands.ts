// `workspace/executeCommand`: open a rule's documentation, set a document's profile, and allow a
// phrase in the workspace. Each command gets its arguments from a client: they are checked.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { LSPErrorCodes, MessageType, ResponseError, ShowMessageRequest, TextEdit } from 'vscode-languageserver';
import { PROFILES, type Profile } from '../engine';
import { MAX_CONFIG_FILE_SIZE } from '../node/config';
import { readRegularFile } from '../node/safeRead';
import { addAllowedPhrase, workspaceConfigFile } from './allowPhrase';
import { errorMessage, folderFor, uriToPath } from './analysis';
import type { ClientChannel } from './clientChannel';
import { documentEdit } from './codeActions';
import type { OpenDocuments } from './documentState';
import { setProfileEdit } from './frontMatter';
import { ServerCommands } from './protocol';
import { ruleDocumentationUri } from './rulePages';

export class Commands {
  constructor(
    private readonly channel: ClientChannel,
    private readonly open: OpenDocuments,
  ) {}

  execute(command: string, args: unknown[]): Promise<unknown> {
    switch (command) {
      case ServerCommands.openRuleDocumentation:
        return this.openRuleDocumentation(String(args[0]));
      case ServerCommands.setProfile:
        return this.setProfile(args[0] as string, args[1] as Profile);
      case ServerCommands.allowPhrase: {
        const [uri, phrase] = args;
        const file = typeof uri === 'string' ? uriToPath(uri) : undefined;
        if (!file || typeof phrase !== 'string' || phrase.trim() === '') throw new ResponseError(LSPErrorCodes.RequestFailed, 'expected a document URI and a phrase');
        return this.allowPhrase(file, phrase.trim());
      }
      default:
        throw new ResponseError(LSPErrorCodes.RequestFailed, `unknown command ${command}`);
    }
  }

  private async openRuleDocumentation(ruleId: string): Promise<{ opened: boolean }> {
    const { channel } = this;
    const { lexicon, extraLexicon } = this.open.lexiconFor(ruleId);
    const entry = lexicon.byId.get(ruleId)?.entry;
    const uri = entry && ruleDocumentationUri(entry, extraLexicon);
    // window/showMessageRequest and window/showDocument: an error reply means "not shown".
    if (!uri) {
      void channel.bestEffort('window/showMessageRequest', () => channel.connection.sendRequest(ShowMessageRequest.type, { type: MessageType.Warning, message: `Heard: no documentation found for rule '${ruleId}'.` }));
      return { opened: false };
    }
    if (channel.caps.showDocument) {
      const shown = await channel.bestEffort('window/showDocument', () => channel.connection.window.showDocument({ uri, takeFocus: true }));
      if (shown?.success) return { opened: true };
    }
    void channel.bestEffort('window/showMessageRequest', () => channel.connection.sendRequest(ShowMessageRequest.type, { type: MessageType.Info, message: `Heard: documentation for ${ruleId}: ${uriToPath(uri) ?? uri}` }));
    return { opened: false };
  }

  private async setProfile(uri: string, profile: Profile): Promise<{ applied: boolean }> {
    const { channel } = this;
    const document = this.open.get(uri);
    if (!document) throw new ResponseError(LSPErrorCodes.RequestFailed, `the document is not open: ${uri}`);
    if (!PROFILES.includes(profile)) throw new ResponseError(LSPErrorCodes.RequestFailed, `unknown profile '${profile}'`);
    const edit = documentEdit(document, [setProfileEdit(document, profile)], channel.caps.versionedEdits);
    const result = await channel.bestEffort('workspace/applyEdit', () => channel.connection.workspace.applyEdit({ label: `Set Heard profile to ${profile}`, edit }));
    return { applied: !!result?.applied };
  }

  /**
   * Adds `phrase` to `allow:` in the config file of the document's workspace folder. An open config
   * file is edited in the editor (its unsaved text is the one to change; saving it applies the
   * change); a closed one is written on disk, and open documents are checked again.
   */
  private async allowPhrase(file: string, phrase: string): Promise<{ applied: boolean; configFile: string }> {
    const { channel } = this;
    const configFile = workspaceConfigFile(file, folderFor(file, this.open.folders) ?? path.dirname(file));
    const openConfig = this.open.get(pathToFileURL(configFile).href);
    let before: string | undefined;
    try {
      before = openConfig ? openConfig.getText() : fs.existsSync(configFile) ? readRegularFile(configFile, MAX_CONFIG_FILE_SIZE).toString('utf8') : undefined;
    } catch (error) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, `cannot read ${configFile}: ${errorMessage(error)}`);
    }
    const outcome = addAllowedPhrase(before, phrase);
    if (!outcome.changed) {
      channel.showMessage(MessageType.Warning, `Heard: nothing added to ${configFile}: ${outcome.reason}.`);
      return { applied: false, configFile };
    }
    if (openConfig) {
      const whole = { start: { line: 0, character: 0 }, end: openConfig.positionAt(openConfig.getText().length) };
      const edit = documentEdit(openConfig, [TextEdit.replace(whole, outcome.text)], channel.caps.versionedEdits);
      const result = await channel.bestEffort('workspace/applyEdit', () => channel.connection.workspace.applyEdit({ label: `Allow “${phrase}” in this workspace`, edit }));
      return { applied: !!result?.applied, configFile };
    }
    try {
      fs.writeFileSync(configFile, outcome.text);
    } catch (error) {
      throw new ResponseError(LSPErrorCodes.RequestFailed, `cannot write ${configFile}: ${errorMessage(error)}`);
    }
    this.open.recheckAll();
    return { applied: true, configFile };
  }
}
