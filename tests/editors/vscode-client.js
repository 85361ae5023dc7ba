// vscode-client.js - the VS Code extension's client (editors/vscode), run by
// tests/editors/run.sh with node:
//   1. extension.js's activate(), with the vscode module and the
//      LanguageClient stubbed: it starts `todokc lsp` (the todok.server.path
//      setting) for the todok language, not when todok.server.enable is
//      false, and without its npm dependencies it only warns;
//   2. the JSON-RPC and LSP implementation that vscode-languageclient is
//      built on (vscode-languageserver-protocol, the version the extension's
//      package-lock.json pins) against the real `todokc lsp`: initialize,
//      didOpen, the diagnostics, hover, formatting, shutdown, exit.
// Usage: node vscode-client.js TODOKC.  Prints what fails; exits 1 if any.
'use strict';
const assert = require('assert');
const Module = require('module');
const path = require('path');
const { spawn } = require('child_process');

const todokc = process.argv[2];
const extension = path.join(__dirname, '..', '..', 'editors', 'vscode', 'extension.js');
const failures = [];

function check(name, fn) {
  try {
    fn();
    console.log('ok: ' + name);
  } catch (err) {
    failures.push(name);
    console.log('FAIL: ' + name + '\n    ' + err.message);
  }
}

// 1. activate(), with stubs for 'vscode' and 'vscode-languageclient/node'.
function activateWith(settings, clientModule) {
  const seen = { warnings: [], clients: [] };
  const vscode = {
    workspace: { getConfiguration: () => ({ get: (k, d) => (k in settings ? settings[k] : d) }) },
    window: { showWarningMessage: (m) => seen.warnings.push(m) },
  };
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (request === 'vscode') return vscode;
    if (request === 'vscode-languageclient/node') {
      if (!clientModule) throw new Error("Cannot find module 'vscode-languageclient/node'");
      return clientModule(seen);
    }
    return load.call(this, request, parent, isMain);
  };
  try {
    delete require.cache[require.resolve(extension)];
    const context = { subscriptions: [] };
    require(extension).activate(context);
    seen.subscriptions = context.subscriptions.length;
  } finally {
    Module._load = load;
  }
  return seen;
}

function fakeClient(seen) {
  return {
    LanguageClient: class {
      constructor(id, name, server, client) {
        seen.clients.push({ id, name, server, client });
        this.started = false;
      }
      start() { seen.started = true; return Promise.resolve(); }
      stop() { return Promise.resolve(); }
    },
  };
}

check('activate() starts `todokc lsp` for the todok language', () => {
  const seen = activateWith({}, fakeClient);
  assert.strictEqual(seen.clients.length, 1);
  const c = seen.clients[0];
  assert.deepStrictEqual(c.server, { command: 'todokc', args: ['lsp'] });
  assert.deepStrictEqual(c.client.documentSelector.map((s) => s.language), ['todok', 'todok']);
  assert.ok(seen.started && seen.subscriptions === 1 && seen.warnings.length === 0);
});
check('todok.server.path names the program', () => {
  const seen = activateWith({ 'server.path': '/opt/bin/todokc' }, fakeClient);
  assert.strictEqual(seen.clients[0].server.command, '/opt/bin/todokc');
});
check('todok.server.enable false: no server', () => {
  const seen = activateWith({ 'server.enable': false }, fakeClient);
  assert.strictEqual(seen.clients.length, 0);
});
check('without its npm dependencies: a warning, no error', () => {
  const seen = activateWith({}, null);
  assert.strictEqual(seen.clients.length, 0);
  assert.ok(/npm ci/.test(seen.warnings[0]));
});

// 2. vscode-languageserver-protocol against todokc lsp.
let server;
async function session() {
  const lsp = require('vscode-languageserver-protocol/node');
  server = spawn(todokc, ['lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise((resolve) => server.on('exit', (code) => resolve(code)));
  const connection = lsp.createProtocolConnection(new lsp.StreamMessageReader(server.stdout),
                                                  new lsp.StreamMessageWriter(server.stdin));
  const diagnostics = [];
  let notified;
  connection.onNotification(lsp.PublishDiagnosticsNotification.type, (p) => {
    diagnostics.push(p);
    if (notified) notified();
  });
  connection.listen();
  const init = await connection.sendRequest(lsp.InitializeRequest.type, {
    processId: process.pid, rootUri: null, workspaceFolders: null,
    capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true },
                                    hover: { contentFormat: ['markdown', 'plaintext'] } },
                    general: { positionEncodings: ['utf-16'] } },
  });
  assert.strictEqual(init.capabilities.positionEncoding, 'utf-16');
  await connection.sendNotification(lsp.InitializedNotification.type, {});
  const uri = 'file:///tmp/vscode-client/app.todok';
  const text = 'stack app {\n  service web {\n    image "web:1"\n    port 80\n' +
               '    env { URL = web.url  BAD = nope.host }\n  }\n}\n';
  const arrived = new Promise((resolve) => { notified = resolve; });
  await connection.sendNotification(lsp.DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'todok', version: 1, text } });
  await arrived;
  const d = diagnostics[0].diagnostics[0];
  assert.deepStrictEqual([d.code, d.range], ['E0301', { start: { line: 4, character: 31 },
                                                      end: { line: 4, character: 35 } }]);
  const hover = await connection.sendRequest(lsp.HoverRequest.type, {
    textDocument: { uri }, position: { line: 4, character: 17 } });
  assert.ok(hover.contents.value.includes('`http://app-web-service`'), hover.contents.value);
  const edits = await connection.sendRequest(lsp.DocumentFormattingRequest.type, {
    textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.ok(edits.length > 0 && edits.every((e) => /^[ \n]*$/.test(e.newText)));
  await connection.sendRequest(lsp.ShutdownRequest.type);
  await connection.sendNotification(lsp.ExitNotification.type);
  assert.strictEqual(await exited, 0);
  connection.dispose();
  server = null;
}

const version = require('vscode-languageserver-protocol/package.json').version;
session().then(() => console.log(`ok: vscode-languageserver-protocol ${version} against todokc lsp`),
  (err) => {
    failures.push('session');
    console.log(`FAIL: vscode-languageserver-protocol ${version} against todokc lsp\n    ` +
                err.message);
    if (server) server.kill();
  }).finally(() => {
  process.exitCode = failures.length ? 1 : 0;
});
