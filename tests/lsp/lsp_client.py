"""lsp_client.py - a small Language Server Protocol client for the tests of
`todokc lsp` (Python 3 standard library only): it starts the server, frames
JSON-RPC messages with Content-Length, reads the server's messages on a
thread, and keeps every byte the server wrote (for the secret checks).

    server = Server([todokc, "lsp"], env)
    result = server.request("initialize", {...})       # the result, or raises
    error = server.request_error("no/such", {})        # the error object
    server.notify("textDocument/didOpen", {...})
    diags = server.wait_notification("textDocument/publishDiagnostics")
"""
import json
import queue
import re
import subprocess
import threading

TIMEOUT = 10


class ServerError(Exception):
    pass


class Server:
    def __init__(self, argv, env=None):
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env)
        self.raw = bytearray()          # everything the server wrote on stdout
        self.messages = queue.Queue()
        self.pending = []               # messages read but not yet asked for
        self.next_id = 1
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        out = self.proc.stdout
        while True:
            header = b''
            while not header.endswith(b'\r\n\r\n'):
                byte = out.read(1)
                if not byte:
                    self.messages.put(None)
                    return
                header += byte
                self.raw += byte
            length = None
            for line in header.decode('ascii').split('\r\n'):
                if line.lower().startswith('content-length:'):
                    length = int(line.split(':', 1)[1])
            body = out.read(length)
            self.raw += body
            self.messages.put(json.loads(body))

    def send_bytes(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode('utf-8')
        self.send_bytes(b'Content-Length: %d\r\n\r\n' % len(body) + body)

    def _next(self, match):
        for i, m in enumerate(self.pending):
            if match(m):
                return self.pending.pop(i)
        while True:
            m = self.messages.get(timeout=TIMEOUT)
            if m is None:
                raise ServerError('the server closed its output')
            if match(m):
                return m
            self.pending.append(m)

    def response(self, id_):
        return self._next(lambda m: m.get('id') == id_ and 'method' not in m)

    def request_raw(self, method, params=None):
        id_ = self.next_id
        self.next_id += 1
        message = {'jsonrpc': '2.0', 'id': id_, 'method': method}
        if params is not None:
            message['params'] = params
        self.send(message)
        return self.response(id_)

    def request(self, method, params=None):
        m = self.request_raw(method, params)
        if 'error' in m:
            raise ServerError('%s: %s' % (method, m['error']))
        return m['result']

    def request_error(self, method, params=None):
        m = self.request_raw(method, params)
        if 'error' not in m:
            raise ServerError('%s: no error but %r' % (method, m.get('result')))
        return m['error']

    def notify(self, method, params=None):
        message = {'jsonrpc': '2.0', 'method': method}
        if params is not None:
            message['params'] = params
        self.send(message)

    def wait_notification(self, method):
        return self._next(lambda m: m.get('method') == method)['params']

    def next_message(self):
        return self._next(lambda m: True)

    def close(self):
        """Waits for the server to exit; returns its exit status and stderr."""
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        status = self.proc.wait(timeout=TIMEOUT)
        self.reader.join(timeout=TIMEOUT)
        return status, self.proc.stderr.read()


def initialize(server, capabilities=None):
    result = server.request('initialize', {'processId': None, 'rootUri': None,
                                           'capabilities': capabilities or {}})
    server.notify('initialized', {})
    return result


LINE_END = re.compile('\r\n|\r|\n')  # LSP 3.17's line ends


def position(text, offset):
    """The LSP position (line, UTF-16 character) of a character offset."""
    before = LINE_END.split(text[:offset])
    return {'line': len(before) - 1, 'character': len(before[-1].encode('utf-16-le')) // 2}


def offset(text, pos):
    """The character offset of an LSP position in text."""
    ends = [m.end() for m in LINE_END.finditer(text)]
    start = ends[pos['line'] - 1] if pos['line'] else 0
    line = LINE_END.split(text[start:], maxsplit=1)[0]
    units = 0
    for i, ch in enumerate(line):
        if units >= pos['character']:
            return start + i
        units += len(ch.encode('utf-16-le')) // 2
    return start + len(line)


def apply_edits(text, edits):
    """text with the LSP TextEdits applied (all relative to text)."""
    spans = sorted(((offset(text, e['range']['start']), offset(text, e['range']['end']),
                     e['newText']) for e in edits), reverse=True)
    for start, end, new in spans:
        text = text[:start] + new + text[end:]
    return text
