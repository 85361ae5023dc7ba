// extension.js - the todok extension's client: starts `todokc lsp` for
// .todok files through vscode-languageclient, for diagnostics, hover, go to
// definition, completion, formatting and the outline.  The command is the
// setting todok.server.path ("todokc", found on PATH, by default);
// todok.server.enable turns it off.  Highlighting, brackets and snippets
// are declarative (package.json) and work without the server, and without
// this file's dependencies installed (npm ci).
'use strict';
const vscode = require('vscode');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('todok');
  if (!config.get('server.enable', true)) {
    return;
  }
  let LanguageClient;
  try {
    ({ LanguageClient } = require('vscode-languageclient/node'));
  } catch (err) {
    vscode.window.showWarningMessage(
      'todok: run `npm ci` in the extension folder to use the language server; ' +
      'highlighting works without it.');
    return;
  }
  const command = config.get('server.path', 'todokc');
  const serverOptions = { command, args: ['lsp'] };
  const clientOptions = {
    documentSelector: [{ scheme: 'file', language: 'todok' },
                       { scheme: 'untitled', language: 'todok' }],
  };
  client = new LanguageClient('todok', 'todok language server', serverOptions, clientOptions);
  client.start().catch((err) => {
    vscode.window.showWarningMessage(
      `todok: cannot start '${command} lsp' (${err.message}); set todok.server.path. ` +
      'Highlighting works without it.');
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
