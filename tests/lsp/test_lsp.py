#!/usr/bin/env python3
"""test_lsp.py TODOKC - drives `todokc lsp` through whole sessions with a
scripted client (lsp_client.py) and checks every answer:

  session    initialize; didOpen with an error on a line with non-ASCII
             characters before it (the range in 0-based UTF-16 positions);
             notes as relatedInformation; an incremental didChange that
             fixes it (diagnostics cleared); hover, definition, completion,
             formatting, documentSymbol; shutdown and exit;
  plaintext  a client whose hover takes plain text only gets it (no
             markdown), one that prefers markdown gets markdown;
  malformed  bad Content-Length, two that differ, no header, invalid JSON, not an object,
             no "jsonrpc", unknown method (-32601), wrong parameter types
             (-32602), requests before initialize and after shutdown; the
             server answers after each;
  edges      positions past the end, inside a surrogate pair, ranges past the
             end and reversed: clamped or refused, never a crash;
  null       params null are absent params (eglot's shutdown); exit is never
             answered and ends the server, whatever its message holds;
  places     completion in a document being typed: after the stack, after
             `after` and `allow from` (not the component itself, not the
             names listed), the values after `pull`, `strategy`, `budget`,
             `security`, `network`, in `security { }` and `naming { }`;
  broken     a document with syntax errors: hover and definition answer on
             the items that parsed (the parser's partial tree), null on
             what did not parse; only the syntax errors are published;
  dropped    a NAME.MEMBER in a statement the recovery dropped still names
             what it refers to; a name after the broken line answers;
  lone CR    a lone CR ends a line (LSP 3.17): diagnostics, hover, an
             incremental change, completion after a comment, formatting;
  files      file() paths start at the document's folder, env() reads the
             server's environment, the editor's buffer is compiled (not the
             file on disk), and the server writes no file;
  secrets    a secret value set in the environment and one written in the
             source appear in no byte the server writes, whatever is asked.

Prints one line per failed check and ends with "lsp: N passed, M failed".
"""
import base64
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Server, ServerError, apply_edits, initialize, position  # noqa: E402

TODOKC = sys.argv[1]
passed = failed = 0


def check(name, ok, detail=''):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print('FAIL: %s%s' % (name, ('\n    ' + str(detail)) if detail else ''))


def doc(uri):
    return {'uri': uri}


def at(text, needle, delta=0, nth=0):
    """The LSP position of the nth needle in text, plus delta characters."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return position(text, i + delta)


def rng(text, needle, length=None, nth=0):
    start = at(text, needle, 0, nth)
    end = at(text, needle, len(needle) if length is None else length, nth)
    return {'start': start, 'end': end}


SESSION = '''# The session test's stack.
stack shop {
  param tag = "1.4"

  secret creds {
    TOKEN = env("LSP_TEST_TOKEN")
  }

  config app-config {
    BACKEND_URL = backend.url
    GREETING = "h\u00e9llo"
  }

  stateful postgres {
    image "postgres:13"
    port 5432
    readiness tcp  requests cpu 100m memory 128Mi
  }

  service backend {
    image "shop:${tag}"
    port 8000
    readiness http "/ready" every 5s  requests cpu 100m memory 128Mi
    env from app-config
    env { NOTE = "caf\u00e9 \U0001d11e \u2615" LINK = nope.host }
    env { GREET = app-config.GREETING  KEY = creds.TOKEN }
    account runner
    after postgres
  }
}
'''
URI = 'file:///tmp/lsp-session/shop.todok'


ANSWER_ERRORS = (ServerError, KeyError, IndexError, TypeError)


@contextlib.contextmanager
def lsp_session(name, capabilities=None, env=None):
    """A server, initialized with the client's capabilities, for the body of
    a `with`; after it, shutdown and exit.  A server that does not answer
    as expected (an error, a missing field) fails the check 'NAME: the
    server answers'.  Once the block is left, the server's exit status and
    standard error are its .status and .err."""
    server = Server([TODOKC, 'lsp'], env)
    try:
        initialize(server, capabilities)
        yield server
        server.request('shutdown')
        server.notify('exit')
    except ANSWER_ERRORS as e:
        check(name + ': the server answers', False, repr(e))
    server.status, server.err = server.close()


def check_exit(name, server):
    check(name + ': exit status 0, nothing on stderr', server.status == 0 and server.err == b'',
          (server.status, server.err))


def open_document(server, uri, text):
    """didOpen of TEXT at URI; returns the diagnostics published for it."""
    server.notify('textDocument/didOpen', {'textDocument': {
        'uri': uri, 'languageId': 'todok', 'version': 1, 'text': text}})
    return server.wait_notification('textDocument/publishDiagnostics')


def open_session(server):
    caps = initialize(server, {'textDocument': {'publishDiagnostics': {'relatedInformation': True}}})
    c = caps['capabilities']
    check('initialize: capabilities', c.get('positionEncoding') == 'utf-16' and
          c['textDocumentSync'] == {'openClose': True, 'change': 2} and c['hoverProvider'] and
          c['definitionProvider'] and c['documentFormattingProvider'] and
          c['documentSymbolProvider'] and c['completionProvider']['triggerCharacters'] == ['.'],
          c)
    check('initialize: serverInfo', caps['serverInfo']['name'] == 'todokc', caps)
    server.notify('textDocument/didOpen', {'textDocument': {
        'uri': URI, 'languageId': 'todok', 'version': 1, 'text': SESSION}})
    p = server.wait_notification('textDocument/publishDiagnostics')
    want = [{'range': {'start': {'line': 24, 'character': 36},
                       'end': {'line': 24, 'character': 40}},
             'severity': 1, 'code': 'E0301', 'source': 'todokc'}]
    got = [{k: d[k] for k in ('range', 'severity', 'code', 'source')} for d in p['diagnostics']]
    check('didOpen: the error, its code and its UTF-16 range', p['uri'] == URI and
          p['version'] == 1 and got == want, p)
    check('didOpen: the range is the UTF-16 one (not bytes, not code points)',
          got and got[0]['range'] == rng(SESSION, 'nope'), got)
    check('didOpen: the message', p['diagnostics'] and
          p['diagnostics'][0]['message'].startswith("unknown name 'nope'"), p)


def check_notes(server):
    uri = 'file:///tmp/lsp-session/twice.todok'
    text = 'stack s {\n  service web {\n    image "x"\n    port 80\n  }\n' \
           '  service web {\n    image "y"\n    port 81\n  }\n}\n'
    server.notify('textDocument/didOpen', {'textDocument': {
        'uri': uri, 'languageId': 'todok', 'version': 7, 'text': text}})
    p = server.wait_notification('textDocument/publishDiagnostics')
    d = p['diagnostics'][0] if p['diagnostics'] else {}
    check('notes: relatedInformation with the first declaration', p['uri'] == uri and
          d.get('code') == 'E0401' and d.get('range') == rng(text, 'web', nth=1) and
          d.get('relatedInformation') == [{'location': {'uri': uri, 'range': rng(text, 'web')},
                                           'message': 'first declared here'}], p)
    server.notify('textDocument/didClose', {'textDocument': doc(uri)})
    p = server.wait_notification('textDocument/publishDiagnostics')
    check('didClose: the diagnostics are cleared', p == {'uri': uri, 'diagnostics': []}, p)


def check_change(server):
    r = rng(SESSION, 'nope')
    server.notify('textDocument/didChange', {
        'textDocument': {'uri': URI, 'version': 2},
        'contentChanges': [{'range': r, 'text': 'postgres'}]})
    p = server.wait_notification('textDocument/publishDiagnostics')
    check('didChange (incremental): the diagnostics are cleared',
          p == {'uri': URI, 'version': 2, 'diagnostics': []}, p)
    return SESSION.replace('nope', 'postgres')


def check_hover(server, text):
    def hover(needle, delta=1, nth=0):
        return server.request('textDocument/hover', {'textDocument': doc(URI),
                                                     'position': at(text, needle, delta, nth)})
    h = hover('backend.url', 9)
    check('hover on backend.url: the URL', h and h['contents'] == {
        'kind': 'markdown', 'value': 'service `backend`, its `url`\n\n'
        '`http://shop-backend-service:8000`'} and h['range'] == rng(text, 'backend.url'), h)
    h = hover('${tag}', 3)
    check('hover on ${tag}: the param\'s value', h and h['contents']['value'] ==
          'param `tag`\n\n`1.4`' and h['range'] == rng(text, 'tag', nth=1), h)
    h = hover('postgres.host', 10)
    check('hover on postgres.host', h and h['contents']['value'].endswith(
        '`shop-postgres-service`'), h)
    h = hover('creds.TOKEN', 7)
    check('hover on a secret key: named, its value never shown', h and h['contents']['value'] ==
          'secret `creds`, key `TOKEN`\n\nA secret\'s value is never shown.', h)
    h = hover('after postgres', 7)
    check('hover on a name after `after`', h and h['contents']['value'] ==
          'stateful `postgres`, declared on line 14', h)
    check('hover on a blank: null', hover('  service backend', 0) is None)


def check_definition(server, text):
    def definition(needle, delta=1, nth=0):
        return server.request('textDocument/definition', {'textDocument': doc(URI),
                                                          'position': at(text, needle, delta, nth)})
    cases = [
        ('the component of backend.url', ('backend.url', 2), ('backend {', 7)),
        ('a config key (app-config.GREETING)', ('app-config.GREETING', 14), ('GREETING = ', 8)),
        ('a config (env from app-config)', ('from app-config', 8), ('app-config {', 10)),
        ('a component after `after`', ('after postgres', 8), ('postgres {', 8)),
        ('a param (${tag})', ('${tag}', 3), ('tag =', 3)),
        ('a secret key (creds.TOKEN)', ('creds.TOKEN', 8), ('TOKEN = env', 5)),
        ('an account (the place it is first named)', ('account runner', 10), ('runner', 6)),
    ]
    for name, (needle, delta), (target, length) in cases:
        got = definition(needle, delta)
        check('definition of ' + name, got == {'uri': URI, 'range': rng(text, target, length)},
              got)
    check('definition on a keyword: null', definition('image "postgres', 1) is None)


def labels(server, text, needle, delta):
    r = server.request('textDocument/completion', {'textDocument': doc(URI),
                                                   'position': at(text, needle, delta)})
    return [i['label'] for i in r['items']], r['items']


def check_completion(server, text):
    got, _ = labels(server, text, '\n\n  secret creds', 1)
    check('completion in the stack: declaration words and the stack\'s labels, annotations, '
          'security and nodes, not "stack"', {'service', 'stateful', 'job', 'cron', 'config',
          'secret', 'param', 'profile', 'labels', 'annotations', 'security', 'nodes'} <= set(got)
          and 'image' not in got and 'stack' not in got, got)
    got, _ = labels(server, text, '    port 8000', 4)
    check('completion in a component: property words', {'image', 'port', 'env', 'after',
          'sidecar', 'replicas', 'container-port'} <= set(got) and 'service' not in got, got)
    check('completion in a service: no job-only words', not {'retries', 'deadline', 'keep',
          'concurrency', 'mount'} & set(got), got)
    got, _ = labels(server, text, '    port 5432', 4)
    check('completion in a stateful: its words, not a service\'s strategy or variant',
          {'image', 'port', 'volume', 'budget'} <= set(got) and
          not {'strategy', 'variant', 'retries'} & set(got), got)
    got, _ = labels(server, text, 'every 5s', 9)
    check('completion after a probe: probe options and property words (both may follow)',
          {'delay', 'every', 'timeout', 'on', 'image', 'port'} <= set(got) and
          not {'service', 'http', 'tcp'} & set(got), got)
    got, _ = labels(server, text, 'every 5s', 6)
    check('completion inside a probe: its options only, no second kind',
          {'delay', 'every', 'timeout', 'on'} <= set(got) and
          not {'image', 'http', 'tcp', 'exec', 'grpc'} & set(got), got)
    got, _ = labels(server, text, 'tcp  requests', 0)
    check('completion after `readiness`: the probe kinds only',
          sorted(got) == ['exec', 'grpc', 'http', 'tcp'], got)
    got, _ = labels(server, text, 'after postgres', 6)
    check('completion after `after`: the components but its own', got == ['postgres'], got)
    got, _ = labels(server, text, 'from app-config', 5)
    check('completion after `env from`: configs and secrets', sorted(got) ==
          ['app-config', 'creds'], got)
    got, items = labels(server, text, 'backend.url', 8)
    check('completion of backend.: host, port, url', got == ['host', 'port', 'url'] and
          items[0]['textEdit']['range'] == {'start': at(text, 'backend.url', 8),
                                            'end': at(text, 'backend.url', 8)}, items)
    got, items = labels(server, text, 'creds.TOKEN', 6)
    check('completion of creds.: the key, by name only', got == ['TOKEN'] and
          items[0]['detail'] == 'secret key' and set(items[0]) == {'label', 'kind', 'detail',
                                                                   'textEdit'}, items)
    got, _ = labels(server, text, 'app-config.GREETING', 11)
    check('completion of app-config.: its keys', got == ['BACKEND_URL', 'GREETING'], got)
    got, _ = labels(server, text, '${tag}', 2)
    check('completion in "${": the names', {'tag', 'creds', 'app-config', 'backend'} <= set(got),
          got)
    got, _ = labels(server, text, '# The session', 5)
    check('completion in a comment: nothing', got == [], got)


def check_formatting(server, text):
    messy = text.replace('  param tag = "1.4"', 'param   tag="1.4"   ') \
                .replace('    port 8000\n', '    port\n 8000\n')
    server.notify('textDocument/didChange', {'textDocument': {'uri': URI, 'version': 3},
                                             'contentChanges': [{'text': messy}]})
    server.wait_notification('textDocument/publishDiagnostics')
    edits = server.request('textDocument/formatting', {'textDocument': doc(URI),
                           'options': {'tabSize': 4, 'insertSpaces': True}})
    want = subprocess.run([TODOKC, 'fmt', '-'], input=messy.encode(), capture_output=True,
                          check=True).stdout.decode()
    check('formatting: the edits give todokc fmt\'s layout', apply_edits(messy, edits) == want,
          edits)
    check('formatting: only blanks are sent', edits and
          all(e['newText'].strip(' \n') == '' for e in edits), edits)
    server.notify('textDocument/didChange', {'textDocument': {'uri': URI, 'version': 4},
                                             'contentChanges': [{'text': want}]})
    server.wait_notification('textDocument/publishDiagnostics')
    edits = server.request('textDocument/formatting', {'textDocument': doc(URI),
                           'options': {'tabSize': 2, 'insertSpaces': True}})
    check('formatting a formatted document: no edits', edits == [], edits)
    broken = want.replace('port 5432', 'port')
    server.notify('textDocument/didChange', {'textDocument': {'uri': URI, 'version': 5},
                                             'contentChanges': [{'text': broken}]})
    p = server.wait_notification('textDocument/publishDiagnostics')
    edits = server.request('textDocument/formatting', {'textDocument': doc(URI)})
    check('formatting with a syntax error: null', edits is None and
          p['diagnostics'][0]['code'] == 'E0130', (edits, p))
    server.notify('textDocument/didChange', {'textDocument': {'uri': URI, 'version': 6},
                                             'contentChanges': [{'text': text}]})
    server.wait_notification('textDocument/publishDiagnostics')


def check_symbols(server, text):
    syms = server.request('textDocument/documentSymbol', {'textDocument': doc(URI)})
    root = syms[0] if syms else {}
    items = [(s['name'], s.get('detail'), s['kind']) for s in root.get('children', [])]
    check('documentSymbol: the stack and its items', root.get('name') == 'shop' and
          root.get('range') == {'start': at(text, 'stack shop'),
                                'end': position(text, text.rindex('}') + 1)}
          and items == [('tag', 'param', 14), ('creds', 'secret', 20),
                        ('app-config', 'config', 19), ('postgres', 'stateful', 5),
                        ('backend', 'service', 5)], (root.get('range'), items))
    config = root['children'][2] if len(root.get('children', [])) > 2 else {}
    check('documentSymbol: the keys of a config', [c['name'] for c in config.get('children', [])]
          == ['BACKEND_URL', 'GREETING'] and config.get('selectionRange') ==
          rng(text, 'app-config', nth=0), config)


def session():
    env = dict(os.environ, LSP_TEST_TOKEN='session-token')
    server = Server([TODOKC, 'lsp'], env)
    try:
        open_session(server)
        check_notes(server)
        text = check_change(server)
        check_hover(server, text)
        check_definition(server, text)
        check_completion(server, text)
        check_formatting(server, text)
        check_symbols(server, text)
        check('shutdown: null', server.request('shutdown') is None)
        e = server.request_error('textDocument/hover', {'textDocument': doc(URI),
                                                         'position': {'line': 0, 'character': 0}})
        check('a request after shutdown: an error', e['code'] == -32600, e)
        server.notify('exit')
    except ANSWER_ERRORS as e:
        check('session: the server answers', False, repr(e))
    status, err = server.close()
    check('exit after shutdown: status 0, nothing on stderr', status == 0 and err == b'',
          (status, err))


def plaintext():
    for formats, kind, value in (
            (['plaintext'], 'plaintext', 'service backend, its url\n\nhttp://shop-backend-service:8000'),
            (['plaintext', 'markdown'], 'plaintext',
             'service backend, its url\n\nhttp://shop-backend-service:8000'),
            (['markdown', 'plaintext'], 'markdown',
             'service `backend`, its `url`\n\n`http://shop-backend-service:8000`')):
        with lsp_session('plaintext', {'textDocument': {'hover': {'contentFormat': formats}}},
                         dict(os.environ, LSP_TEST_TOKEN='session-token')) as server:
            text = SESSION.replace('nope', 'postgres')
            open_document(server, URI, text)
            h = server.request('textDocument/hover', {'textDocument': doc(URI),
                                                      'position': at(text, 'backend.url', 9)})
            check('hover, contentFormat %s: %s' % (formats, kind),
                  h and h['contents'] == {'kind': kind, 'value': value}, h)


def malformed():
    server = Server([TODOKC, 'lsp'])
    hover = {'textDocument': doc('file:///tmp/m.todok'), 'position': {'line': 0, 'character': 0}}
    try:
        e = server.request_error('textDocument/hover', hover)
        check('a request before initialize: -32002', e['code'] == -32002, e)
        for params in ([], {'processId': None}):
            e = server.request_error('initialize', params)
            check('initialize with params %r: -32602' % (params,), e['code'] == -32602, e)
        initialize(server)
        text = 'stack m {\n  service web {\n    image "x"\n    port 80\n  }\n}\n'
        server.notify('textDocument/didOpen', {'textDocument': {
            'uri': 'file:///tmp/m.todok', 'languageId': 'todok', 'version': 1, 'text': text}})
        server.wait_notification('textDocument/publishDiagnostics')

        def answers(what):
            r = server.request('textDocument/hover', hover)
            check('the server answers after ' + what, r is None, r)

        cases = [
            ('a bad Content-Length', b'Content-Length: abc\r\n\r\n', -32700),
            ('a header block without Content-Length',
             b'Content-Type: application/vscode-jsonrpc\r\n\r\n', -32700),
            ('invalid JSON', b'Content-Length: 12\r\n\r\n{"jsonrpc":}', -32700),
            ('a body that is not an object', b'Content-Length: 7\r\n\r\n[1,2,3]', -32600),
            ('a stray line before a message', b'garbage\r\n', -32700),
            ('two different Content-Lengths (the body skipped)',
             b'Content-Length: 5\r\nContent-Length: 7\r\n\r\n[1,2,3]', -32700),
        ]
        for name, data, code in cases:
            server.send_bytes(data)
            answers(name)  # (a stray line is known as one when the next header ends)
            m = server.next_message()
            check(name + ': error %d, id null' % code, m.get('id', 0) is None and
                  m['error']['code'] == code, m)
        big = b'123456789012345678901234567890'
        for name, body, want_id, code in (
                ('a 30-digit id', b'{"jsonrpc":"2.0","id":%s,"method":"shutdown"}' % big,
                 None, -32600),
                ('a 30-digit number in the params of a request', b'{"jsonrpc":"2.0","id":41,'
                 b'"method":"textDocument/hover","params":{"position":{"line":%s}}}' % big,
                 41, -32602)):
            server.send_bytes(b'Content-Length: %d\r\n\r\n' % len(body) + body)
            m = server.next_message()
            check(name + ': error %d, id %r (the JSON is valid)' % (code, want_id),
                  'id' in m and m['id'] == want_id and m['error']['code'] == code, m)
        body = b'{"jsonrpc":"2.0","method":"initialized","params":{"x":%s}}' % big
        server.send_bytes(b'Content-Length: %d\r\n\r\n' % len(body) + body)
        m = server.next_message()
        check('a 30-digit number in a notification: window/logMessage',
              m.get('method') == 'window/logMessage' and
              m['params']['message'].startswith('initialized: '), m)
        m = server.request_raw('no/such/method', {})
        check('an unknown method: -32601', m['error']['code'] == -32601, m)
        server.send({'id': 99, 'method': 'textDocument/hover', 'params': hover})
        m = server.response(99)
        check('no "jsonrpc": -32600 with the id', m['error']['code'] == -32600, m)
        server.notify('no/such/notification', {})
        answers('an unknown notification (no answer to it)')
        e = server.request_error('textDocument/hover', {'textDocument': doc('file:///tmp/m.todok'),
                                                         'position': {'line': 'x'}})
        check('a position of the wrong type: -32602', e['code'] == -32602, e)
        e = server.request_error('textDocument/completion', {'textDocument': {'uri': 5}})
        check('a uri of the wrong type: -32602', e['code'] == -32602, e)
        e = server.request_error('textDocument/hover', {
            'textDocument': doc('file:///tmp/not-open.todok'), 'position': {'line': 0,
                                                                        'character': 0}})
        check('a document that is not open: -32602', e['code'] == -32602, e)
        server.send({'jsonrpc': '2.0', 'id': {'x': 1}, 'method': 'shutdown'})
        m = server.next_message()
        check('an id that is an object: -32600, id null', m.get('id', 0) is None and
              m['error']['code'] == -32600, m)
        server.notify('textDocument/didOpen', {'textDocument': {'uri': 'file:///tmp/n.todok',
                                                                'text': 5}})
        m = server.wait_notification('window/logMessage')
        check('a notification with wrong params: window/logMessage', m['type'] == 1 and
              m['message'].startswith('textDocument/didOpen: '), m)
        for tail in ('a', 'b'):  # cut at the NUL, both would be file:///tmp/m.todok
            server.notify('textDocument/didOpen', {'textDocument': {
                'uri': 'file:///tmp/m.todok\u0000' + tail, 'text': 'stack ' + tail + ' {\n'}})
            m = server.next_message()
            check('didOpen of a uri with a NUL: window/logMessage, not opened', m.get('method') ==
                  'window/logMessage' and 'NUL' in m['params']['message'], m)
        e = server.request_error('textDocument/hover', dict(hover, textDocument=doc(
            'file:///tmp/m.todok\u0000a')))
        check('a request on a uri with a NUL: -32602', e['code'] == -32602 and
              'NUL' in e['message'], e)
        m = server.request_raw('textDocument/hover\u0000x', hover)
        check('a method name with a NUL: -32601', m['error']['code'] == -32601, m)
        e = server.request_error('initialize', {'capabilities': {}})
        check('initialize twice: -32600', e['code'] == -32600, e)
        answers('all of the above')
        server.send_bytes(b'Content-Length: 999999999999\r\n\r\n')
        m = server.next_message()
        check('a message too large: -32700', m['error']['code'] == -32700, m)
    except ANSWER_ERRORS as e:
        check('malformed: the server answers', False, repr(e))
    status, err = server.close()
    check('the end of the input without shutdown: status 1, nothing on stderr', status == 1 and
          err == b'', (status, err))


PLACES = '''stack places {
  service api {
    image "api:1"
    port 80
    after db
    allow from web
  }
  stateful db { image "db:1"  port 5432 }
  service web { image "web:1"  port 80 }
}
'''


API, STACK = '    image "api:1"\n', 'stack places {\n'


def completion_places():
    """Completion at places of a document being typed (the names from
    PLACES, the last version that parsed): each edit of PLACES, its
    cursor at '|', and what must be offered (exactly)."""
    uri = 'file:///tmp/lsp-places/places.todok'
    cases = [
        ('after the stack\'s closing brace: nothing', ('80 }\n}\n', '80 }\n}\n|'), []),
        ('after the stack, a word begun: nothing', ('80 }\n}\n', '80 }\n}\ns|'), []),
        ('before the stack: stack', ('stack places', '|stack places'), ['stack']),
        ('after `after`: the components but its own', ('after db', 'after |'), ['db', 'web']),
        ('after `after a, `: not its own, not those listed',
         ('after db', 'after db, |'), ['web']),
        ('after `allow from a, `: not its own, not those listed',
         ('allow from web', 'allow from web, db , |'), []),
        ('after `allow from`: the components but its own', ('allow from web', 'allow from |'),
         ['db', 'web']),
        ('after `pull`', (API, API + '    pull |\n'), ['always', 'never', 'if-not-present']),
        ('after `strategy`', (API, API + '    strategy |\n'), ['recreate', 'rolling']),
        ('after `strategy rolling`: its amounts (and properties)',
         (API, API + '    strategy rolling |\n'), {'surge', 'unavailable', 'port'}),
        ('after `budget`', (API, API + '    budget |\n'), ['min-available', 'max-unavailable']),
        ('after `concurrency`', (API, API + '    concurrency |\n'), ['allow', 'forbid', 'replace']),
        ('after `start` in a stateful', ('port 5432 }', 'port 5432\n    start |\n  }'),
         ['parallel', 'ordered']),
        ('in the string of `timezone`: the time zones',
         (STACK, STACK + '  cron c "0 1 * * *" {\n    timezone "Europe/Pa|"\n  }\n'),
         {'Europe/Paris', 'America/New_York', 'UTC'}),
        ('in another string: nothing', (API, API + '    route "Europe/Pa|"\n'), []),
        ('after `security` in the stack', (STACK, STACK + '  security |\n'),
         ['restricted', 'baseline']),
        ('after `security` in a component: nothing (a block follows)',
         (API, API + '    security |\n'), []),
        ('after `network`', (STACK, STACK + '  network |\n'), ['isolated']),
        ('in `security { }`', (API, API + '    security {\n      user 1\n      |\n    }\n'),
         ['user', 'group', 'fs-group', 'non-root', 'read-only', 'no-escalation', 'privileged',
          'add', 'drop']),
        ('in `naming { }`', (STACK, STACK + '  naming {\n    |\n  }\n'),
         ['workload', 'service', 'config', 'secret', 'account']),
    ]
    with lsp_session('places') as server:
        p = open_document(server, uri, PLACES)
        check('places: the document parses', not [d for d in p['diagnostics']
                                                  if d['severity'] == 1], p)
        for version, (name, (old, new), want) in enumerate(cases, 2):
            text = PLACES.replace(old, new, 1)
            cursor = text.index('|')
            text = text.replace('|', '', 1)
            server.notify('textDocument/didChange', {'textDocument': {'uri': uri,
                                                                      'version': version},
                                                     'contentChanges': [{'text': text}]})
            server.wait_notification('textDocument/publishDiagnostics')
            r = server.request('textDocument/completion', {'textDocument': doc(uri),
                                                           'position': position(text, cursor)})
            got = [i['label'] for i in r['items']]
            check('completion ' + name, want <= set(got) if isinstance(want, set)
                  else got == want, got)


LONE_CR = ('stack cr {\r  param tag = "1"\r\n  service web {\r    image "x:${tag}"\n'
           '    port 80\r    # a comment a lone CR ends\r    env { A = nope.host }\r  }\r}\r')


def lone_cr():
    """LSP 3.17 ends a line with "\\r\\n", "\\n" and a lone "\\r" (the compiler
    reads a lone CR as a blank, W0102): ranges, positions, incremental
    changes and the line of a comment all count it."""
    uri, text = 'file:///tmp/lsp-cr/cr.todok', LONE_CR
    with lsp_session('lone CR') as server:
        p = open_document(server, uri, text)
        got = {d['code']: d['range'] for d in p['diagnostics']}
        check('lone CR: the diagnostics\' ranges count it as a line end',
              got.get('E0301') == rng(text, 'nope') and got['E0301']['start']['line'] == 6 and
              got.get('W0102', {}).get('start') == at(text, '\r'), p)
        h = server.request('textDocument/hover', {'textDocument': doc(uri),
                                                  'position': at(text, '${tag}', 3)})
        check('lone CR: hover at a position after them', h and h['range'] ==
              rng(text, 'tag', nth=1) and h['contents']['value'] == 'param `tag`\n\n`1`', h)
        server.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 2},
                                                 'contentChanges': [{'range': rng(text, 'nope'),
                                                                     'text': 'web'}]})
        p = server.wait_notification('textDocument/publishDiagnostics')
        check('lone CR: an incremental change at a position after them',
              not [d for d in p['diagnostics'] if d['severity'] == 1], p)
        text = text.replace('nope', 'web')
        r = server.request('textDocument/completion', {'textDocument': doc(uri),
                                                       'position': at(text, 'env {')})
        got = [i['label'] for i in r['items']]
        check('lone CR: it ends a comment (completion on the next line)', 'image' in got, got)
        edits = server.request('textDocument/formatting', {'textDocument': doc(uri)})
        want = subprocess.run([TODOKC, 'fmt', '-'], input=text.encode(), capture_output=True,
                              check=True).stdout.decode()
        check('lone CR: the formatting edits give todokc fmt\'s text',
              apply_edits(text, edits) == want, edits)


def leftover_answers(server):
    """The answers to requests (messages with an id) not read yet."""
    left = list(server.pending)
    while not server.messages.empty():
        left.append(server.messages.get())
    return [m for m in left if m and 'id' in m and 'method' not in m]


def null_params():
    """Params null are absent params (eglot's shutdown); exit is never
    answered and ends the server, whatever its message holds."""
    server = Server([TODOKC, 'lsp'])
    try:
        initialize(server)
        server.send({'jsonrpc': '2.0', 'method': 'initialized', 'params': None})
        server.send({'jsonrpc': '2.0', 'id': 'down', 'method': 'shutdown', 'params': None})
        m = server.response('down')
        check('shutdown with params null: result null', 'error' not in m and
              m.get('result', 0) is None, m)
        server.send({'jsonrpc': '2.0', 'method': 'exit', 'params': None})
    except ANSWER_ERRORS as e:
        check('params null: the server answers', False, repr(e))
    status, err = server.close()
    check('exit with params null after shutdown: status 0, no answer', status == 0 and
          err == b'' and not leftover_answers(server), (status, err, leftover_answers(server)))
    for name, message in (
            ('an id and params null', {'jsonrpc': '2.0', 'id': 7, 'method': 'exit',
                                       'params': None}),
            ('params that are a number', {'jsonrpc': '2.0', 'method': 'exit', 'params': 5}),
            ('no "jsonrpc"', {'method': 'exit'})):
        server = Server([TODOKC, 'lsp'])
        try:
            initialize(server)
            server.send(message)
            server.proc.wait(timeout=10)
        except (ServerError, KeyError, IndexError, TypeError, subprocess.TimeoutExpired) as e:
            check('exit with %s: the server ends' % name, False, repr(e))
        status, err = server.close()
        check('exit with %s, no shutdown: status 1, no answer' % name, status == 1 and
              err == b'' and not leftover_answers(server), (status, leftover_answers(server)))


def files_and_env():
    """file() starts at the document's folder; env() reads the server's
    environment; the buffer is compiled, not the file on disk; no file is
    written."""
    work = tempfile.mkdtemp(prefix='lsp-files-')
    os.makedirs(os.path.join(work, 'stacks', 'certs'))
    with open(os.path.join(work, 'stacks', 'certs', 'ca.pem'), 'w') as f:
        f.write('-----BEGIN CERTIFICATE-----\n')
    path = os.path.join(work, 'stacks', 'app.todok')
    with open(path, 'w') as f:  # on disk: an error the buffer does not have
        f.write('stack app { service web { image "x" port } }\n')
    before = sorted(os.walk(work))
    env = dict(os.environ, LSP_FILES_TOKEN='t0ken')
    env.pop('LSP_UNSET_VAR', None)
    with lsp_session('files', env=env) as server:
        uri = 'file://' + path.replace(' ', '%20')
        text = ('stack app {\n  secret tls {\n    CA = file("certs/ca.pem")\n'
                '    TOKEN = env("LSP_FILES_TOKEN")\n  }\n  service web {\n'
                '    image "x:1"\n    port 80\n    readiness tcp\n'
                '    requests cpu 100m memory 128Mi\n    env from tls\n  }\n}\n')
        p = open_document(server, uri, text)
        check('file() from the document\'s folder, env() from the environment, the buffer '
              'not the disk: no diagnostics', p['diagnostics'] == [], p)
        bad = text.replace('certs/ca.pem', 'certs/missing.pem').replace('LSP_FILES_TOKEN',
                                                                         'LSP_UNSET_VAR')
        server.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 2},
                                                 'contentChanges': [{'text': bad}]})
        p = server.wait_notification('textDocument/publishDiagnostics')
        got = [(d['code'], d['range']['start']['line']) for d in p['diagnostics']]
        check('a missing file() and an unset env(): their diagnostics', got ==
              [('E0702', 2), ('E0701', 3)] and
              "'LSP_UNSET_VAR' is not set" in p['diagnostics'][1]['message'], p)
    check('the server wrote no file', sorted(os.walk(work)) == before, sorted(os.walk(work)))
    shutil.rmtree(work)


SECRETS = '''stack vault {
  secret creds {
    API_TOKEN = env("LSP_SECRET_ENV")
    DB_PASSWORD =   "pw-in-source-Q7Zk"
  }
  config app { URL = "postgres://u:${creds.DB_PASSWORD}@db:5432/x"  PLAIN = "hello" }
  service api {
    image "api:1"
    port 80
    env { TOKEN = creds.API_TOKEN  PASS = creds.DB_PASSWORD  U = app.URL  P = app.PLAIN }
    env from creds, app
  }
  service   broken {  image "x"  port 80  env { X = creds.NOPE  Y = creds.API_TOKEN } }
}
'''


def secrets():
    env_secret, source_secret = 'env-secret-VALUE-8f3k', 'pw-in-source-Q7Zk'
    env = dict(os.environ, LSP_SECRET_ENV=env_secret)
    uri = 'file:///tmp/lsp-secrets/vault.todok'
    asked = 0
    with lsp_session('secrets', {'textDocument': {'publishDiagnostics': {
            'relatedInformation': True}}}, env) as server:
        for version, text in enumerate([SECRETS, SECRETS.replace('port 80\n', 'port\n'), SECRETS]):
            method = 'textDocument/didOpen' if version == 0 else 'textDocument/didChange'
            server.notify(method, {'textDocument': {'uri': uri, 'languageId': 'todok',
                                                    'version': version, 'text': text},
                                   'contentChanges': [{'text': text}]})
            server.wait_notification('textDocument/publishDiagnostics')
        lines = SECRETS.split('\n')
        for line, content in enumerate(lines):
            for character in range(len(content) + 1):
                p = {'textDocument': doc(uri), 'position': {'line': line, 'character': character}}
                for method in ('textDocument/hover', 'textDocument/definition',
                               'textDocument/completion'):
                    server.request(method, p)
                    asked += 1
        server.request('textDocument/documentSymbol', {'textDocument': doc(uri)})
        edits = server.request('textDocument/formatting', {'textDocument': doc(uri)})
        check('secrets: the messy document gets formatting edits', len(edits) > 3, edits)
    status, err = server.status, server.err
    out = bytes(server.raw)
    check('secrets: %d requests answered, exit status 0' % asked, status == 0 and asked > 1000,
          (status, asked))
    check('secrets: the capture holds the answers (the keys by name)', b'"API_TOKEN"' in out and
          b'"DB_PASSWORD"' in out and b'textDocument/publishDiagnostics' in out, len(out))
    for name, value in (('from the environment', env_secret), ('written in the source',
                                                                 source_secret)):
        forms = [value.encode(), base64.b64encode(value.encode())[:12]]
        leaked = [f for f in forms if f in out or f in err]
        check('secrets: the value %s appears in no message' % name, not leaked, leaked)


BROKEN = '''stack shop {
  param tag = "1.4"

  config app-config {
    GREETING = "hello"
    MODE = mode.host
  }

  service backend {
    image "shop:${tag}"
    port 8000
    env { GREET = app-config.GREETING }
    after postgres
  }

  service mode {
    image "mode:1"
    port: 80
  }

  service broken {
    image "x:1"
    env { A = backend.url }
    port
  }
}
'''


def broken_document():
    """Hover and definition on a document with syntax errors: the items that
    parsed answer (mode, whose `port:` is repaired; broken up to its error),
    a name declared nowhere does not, and the diagnostics published are the
    syntax errors only (the command's), not those of the partial tree
    (postgres unknown, broken without a port)."""
    uri = 'file:///tmp/lsp-broken/shop.todok'
    with lsp_session('broken') as server:
        p = open_document(server, uri, BROKEN)
        got = [(d['code'], d['range']['start']['line']) for d in p['diagnostics']]
        check('broken: only the syntax errors are published', got ==
              [('E0111', 17), ('E0130', 23)], p['diagnostics'])

        def ask(method, needle, delta):
            return server.request('textDocument/' + method, {'textDocument': doc(uri),
                                  'position': at(BROKEN, needle, delta)})
        h = ask('hover', '${tag}', 3)
        check('broken: hover on ${tag}: the param\'s value', h and h['contents']['value'] ==
              'param `tag`\n\n`1.4`' and h['range'] == rng(BROKEN, 'tag', nth=1), h)
        h = ask('hover', 'app-config.GREETING', 14)
        check('broken: hover on a config key', h and h['contents']['value'] ==
              'config `app-config`, key `GREETING`\n\n`hello`', h)
        h = ask('hover', 'mode.host', 7)
        check('broken: hover on a component whose mistake is repaired', h and
              h['contents']['value'] == 'service `mode`, its `host`\n\n`shop-mode-service`', h)
        h = ask('hover', 'backend.url', 9)
        check('broken: hover in an item, before its syntax error', h and
              h['contents']['value'] == 'service `backend`, its `url`\n\n'
              '`http://shop-backend-service:8000`', h)
        got = ask('definition', 'app-config.GREETING', 14)
        check('broken: definition of a config key', got == {
            'uri': uri, 'range': rng(BROKEN, 'GREETING = ', 8)}, got)
        got = ask('definition', 'backend.url', 2)
        check('broken: definition of a component', got == {
            'uri': uri, 'range': rng(BROKEN, 'backend {', 7)}, got)
        check('broken: hover and definition on a name declared nowhere: null',
              ask('hover', 'after postgres', 7) is None and
              ask('definition', 'after postgres', 7) is None)
    check_exit('broken', server)


DROPPED = '''stack shop {
  config cfg {
    K = "v"
  }

  service db {
    image "pg:1"
    port 5432
  }

  service api {
    image "api:1"
    env { U == db.host  V = cfg.K }
    after db
    port 8000
  }
}
'''


def dropped_statement():
    """A statement with a syntax error in it is dropped (the parser's
    recovery drops `env { U == ... }`, a '=' too many): the NAME.MEMBER
    references in the dropped statement, which the resolver never saw,
    still name what they refer to (hover: what it declares; definition: the
    component, or the key of the config); the `after db` after the broken
    line answers from the partial stack.  A broken `stack NAME {` line
    leaves no tree: null, without a crash."""
    uri = 'file:///tmp/lsp-dropped/shop.todok'
    with lsp_session('dropped') as server:
        p = open_document(server, uri, DROPPED)
        got = [(d['code'], d['range']['start']['line']) for d in p['diagnostics']]
        check('dropped: the one syntax error is published', got == [('E0201', 12)],
              p['diagnostics'])

        def ask(method, needle, delta):
            return server.request('textDocument/' + method, {'textDocument': doc(uri),
                                  'position': at(DROPPED, needle, delta)})
        h = ask('hover', 'db.host', 1)
        check('dropped: hover on a reference in the dropped statement', h == {
            'contents': {'kind': 'markdown', 'value': 'service `db`, declared on line 6'},
            'range': rng(DROPPED, 'db.host')}, h)
        want = {'uri': uri, 'range': rng(DROPPED, 'db {', 2)}
        got = [ask('definition', 'db.host', d) for d in (0, 2, 5)]
        check('dropped: definition of the component, from its name and its member',
              got == [want] * 3, got)
        got = ask('definition', 'cfg.K', 4)
        check('dropped: definition of a config key from its member', got == {
            'uri': uri, 'range': rng(DROPPED, 'K = ', 1)}, got)
        got = ask('definition', 'cfg.K', 1)
        check('dropped: definition of the config from its name', got == {
            'uri': uri, 'range': rng(DROPPED, 'cfg {', 3)}, got)
        got = ask('definition', 'after db', 7)
        check('dropped: definition after the broken line, in its block', got == want, got)
        h = ask('hover', 'after db', 7)
        check('dropped: hover after the broken line', h and h['contents']['value'] ==
              'service `db`, declared on line 6', h)
        headless = DROPPED.replace('stack shop {', 'stack {')
        server.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 2},
                                                 'contentChanges': [{'text': headless}]})
        server.wait_notification('textDocument/publishDiagnostics')
        got = [server.request('textDocument/' + m, {'textDocument': doc(uri),
               'position': at(headless, needle, 1)}) for m in ('hover', 'definition')
               for needle in ('db.host', 'after db')]
        check('dropped: no stack name, no tree: null', got == [None] * 4, got)
    check_exit('dropped', server)


def edges():
    """Positions and ranges the document does not have: past its last line,
    past a line's end, inside a surrogate pair (U+1D11E is two UTF-16 units),
    a range whose end is before its start; the server clamps a position to
    the text (to the end of the character it is in), refuses the reversed
    range (window/logMessage, the text unchanged), and answers after each."""
    uri = 'file:///tmp/lsp-edges/e.todok'
    text = 'stack e {\n  config c {\n    A = "\U0001d11e"\n  }\n'

    def change(rng, new):
        server.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': 2},
                                                 'contentChanges': [{'range': rng, 'text': new}]})

    def pos(line, character):
        return {'line': line, 'character': character}
    with lsp_session('edges') as server:
        p = open_document(server, uri, text)
        check('edges: the missing brace', [d['code'] for d in p['diagnostics']] == ['E0120'], p)
        for at_ in (pos(2, 9), pos(2, 10), pos(2, 1000), pos(10 ** 6, 0),
                    pos(2 ** 62, 2 ** 62)):
            got = [server.request('textDocument/' + m, {'textDocument': doc(uri),
                                                        'position': at_})
                   for m in ('hover', 'definition')]
            check('edges: hover and definition at %r: null' % (at_,), got == [None, None], got)
        change({'start': pos(2, 10), 'end': pos(1, 0)}, 'x')
        m = server.wait_notification('window/logMessage')
        check('edges: a range that ends before it starts is refused', m['type'] == 1, m)
        # Inside the surrogate pair: the insertion goes after the character, so
        # the string stays valid UTF-8 (else: E0103).
        change({'start': pos(2, 10), 'end': pos(2, 10)}, 'b')
        p = server.wait_notification('textDocument/publishDiagnostics')
        check('edges: an insertion inside a surrogate pair keeps the text valid',
              [d['code'] for d in p['diagnostics']] == ['E0120'], p)
        # Past the last line: at the end of the text; the brace closes the stack.
        change({'start': pos(100, 5), 'end': pos(200, 0)}, '}\n')
        p = server.wait_notification('textDocument/publishDiagnostics')
        check('edges: a range past the end is the end of the text',
              p['diagnostics'] == [], p)
        edits = server.request('textDocument/formatting', {'textDocument': doc(uri)})
        new = apply_edits(text.replace('\U0001d11e', '\U0001d11eb') + '}\n', edits)
        check('edges: the text is what the changes made', new ==
              'stack e {\n  config c {\n    A = "\U0001d11eb"\n  }\n}\n',
              (edits, new))
    check_exit('edges', server)


def profile_names():
    """The name of a component that a profile changes (`service api { ... }`
    inside `profile prod`): hover says what it declares, definition goes
    to the stack's declaration, for each kind of component."""
    uri = 'file:///tmp/lsp-profile/p.todok'
    text = ('stack p {\n  service api {\n    image "a:1"\n    port 80\n  }\n'
            '  stateful db {\n    image "d:1"\n    port 5432\n  }\n'
            '  job seed {\n    image "s:1"\n  }\n'
            '  cron nightly "0 3 * * *" {\n    image "n:1"\n  }\n\n'
            '  profile prod {\n    service api {\n      replicas 3\n    }\n'
            '    stateful db {\n      replicas 1\n    }\n'
            '    job seed {\n      retries 2\n    }\n'
            '    cron nightly "0 4 * * *" {\n      retries 1\n    }\n  }\n}\n')
    cases = [('service api', 'service', 'api', 14), ('stateful db', 'stateful', 'db', 6),
             ('job seed', 'job', 'seed', 2), ('cron nightly', 'cron', 'nightly', 2)]
    with lsp_session('profile') as server:
        open_document(server, uri, text)
        for needle, kind, name, line in cases:
            where = {'textDocument': doc(uri), 'position': at(text, needle, len(kind) + 2, 1)}
            h = server.request('textDocument/hover', where)
            check('profile: hover on the %s a profile changes' % needle, h and
                  h['contents']['value'].startswith('%s `%s`, declared on line' % (kind, name)), h)
            d = server.request('textDocument/definition', where)
            check('profile: definition of the %s a profile changes' % needle,
                  d == {'uri': uri, 'range': rng(text, name, nth=0)}, d)
    check_exit('profile', server)


def main():
    session()
    plaintext()
    broken_document()
    dropped_statement()
    malformed()
    edges()
    profile_names()
    null_params()
    completion_places()
    lone_cr()
    files_and_env()
    secrets()
    print('lsp: %d passed, %d failed' % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == '__main__':
    main()
