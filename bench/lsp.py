#!/usr/bin/env python3
"""bench/lsp.py - how long `todokc lsp` takes to re-check a document after
an edit: the time from sending a textDocument/didChange to receiving its
textDocument/publishDiagnostics, on a stack of N components made by
bench/gen.py (default 1,000: about 330 KB), with the secret values in the
server's environment.  `make bench-lsp` runs it; docs/benchmarks.md has
the results.  Not a test: nothing here fails on time.

    python3 bench/lsp.py [TODOKC] [N] [EDITS]

Each kind of edit is sent EDITS times (default 50), after two warm-ups:
  incremental  a range of a few characters changes (`replicas 2` <-> 3)
               in the middle of the file, as editors send a keystroke;
  full         the whole text is sent again (an editor without
               incremental sync);
  error        an incremental edit that makes an unknown reference, so
               that one diagnostic is published, and one that undoes it.
Prints the median, the 90th percentile and the largest time of each, in
milliseconds, and the CPU time the server used for an edit (from /proc:
what the re-check costs whatever else the machine runs), with the load
average when it started.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
LOAD = ''
sys.path.insert(0, os.path.join(HERE, '..', 'tests', 'lsp'))
from lsp_client import Server, initialize, position  # noqa: E402


def timed(server, uri, version, changes):
    start = time.perf_counter()
    server.notify('textDocument/didChange', {'textDocument': {'uri': uri, 'version': version},
                                             'contentChanges': changes})
    p = server.wait_notification('textDocument/publishDiagnostics')
    elapsed = (time.perf_counter() - start) * 1000
    assert p['version'] == version, p
    return elapsed, p['diagnostics']


def cpu_ms(pid):
    """The CPU time (user and system) the process has used, in ms."""
    with open('/proc/%d/stat' % pid) as f:
        fields = f.read().rsplit(')', 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000.0 / os.sysconf('SC_CLK_TCK')


def report(name, times, cpu):
    times = sorted(times)
    p90 = times[min(len(times) - 1, int(round(0.9 * (len(times) - 1))))]
    print('%-12s %4d edits   median %6.2f ms   p90 %6.2f ms   max %6.2f ms   '
          'server CPU %6.2f ms an edit' %
          (name, len(times), statistics.median(times), p90, times[-1], cpu / len(times)))


def main():
    global LOAD
    with open('/proc/loadavg') as f:
        LOAD = ' '.join(f.read().split()[:3])
    todokc = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, '..', 'todokc')
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    edits = int(sys.argv[3]) if len(sys.argv) > 3 else 50
    work = tempfile.mkdtemp(prefix='bench-lsp-')
    subprocess.run([sys.executable, os.path.join(HERE, 'gen.py'), str(n), work], check=True)
    path = os.path.join(work, 'stack-%d.todok' % n)
    with open(path, encoding='utf-8') as f:
        text = f.read()
    env = dict(os.environ)
    with open(os.path.join(work, 'bench.env'), encoding='utf-8') as f:
        for line in f:
            if '=' in line:
                k, v = line.rstrip('\n').split('=', 1)
                env[k] = v
    server = Server([todokc, 'lsp'], env)
    initialize(server)
    uri = 'file://' + path
    start = time.perf_counter()
    server.notify('textDocument/didOpen', {'textDocument': {'uri': uri, 'languageId': 'todok',
                                                            'version': 0, 'text': text}})
    p = server.wait_notification('textDocument/publishDiagnostics')
    opened = (time.perf_counter() - start) * 1000
    assert p['diagnostics'] == [], p['diagnostics'][:3]
    print('todokc lsp on %s: %d components, %d bytes, %d lines; didOpen %.1f ms' %
          (os.path.basename(path), n, len(text.encode()), text.count('\n'), opened))

    # The edit: "replicas 2" of a component in the middle, back and forth.
    at = text.index('replicas 2', len(text) // 2) + len('replicas ')
    where = position(text, at)
    end = dict(where, character=where['character'] + 1)
    ref = text.index('app-secrets.DB_PASSWORD', len(text) // 2)
    ref_at, ref_end = position(text, ref), position(text, ref + len('app-secrets'))
    version = 1
    results = {'incremental': [], 'full': [], 'error': []}
    cpu = {}
    pid = server.proc.pid
    for i in range(edits + 2):
        if i == 2:
            start_cpu = cpu_ms(pid)
        value = '3' if i % 2 == 0 else '2'
        t, _ = timed(server, uri, version, [{'range': {'start': where, 'end': end},
                                             'text': value}])
        version += 1
        if i >= 2:
            results['incremental'].append(t)
    cpu['incremental'] = cpu_ms(pid) - start_cpu
    current = text  # the edits went back and forth an even number of times
    for i in range(edits + 2):
        if i == 2:
            start_cpu = cpu_ms(pid)
        t, _ = timed(server, uri, version, [{'text': current}])
        version += 1
        if i >= 2:
            results['full'].append(t)
    cpu['full'] = cpu_ms(pid) - start_cpu
    for i in range(edits + 2):
        if i == 2:
            start_cpu = cpu_ms(pid)
        bad = i % 2 == 0
        rng = {'start': ref_at, 'end': dict(ref_at, character=ref_at['character'] +
                                            (len('app-secrets') if bad else len('app-secretz')))}
        t, diags = timed(server, uri, version, [{'range': rng, 'text': 'app-secretz' if bad
                                                 else 'app-secrets'}])
        version += 1
        assert (len(diags) == 1) == bad, diags
        if i >= 2:
            results['error'].append(t)
    cpu['error'] = cpu_ms(pid) - start_cpu
    print('load average before: %s' % LOAD)
    for name, times in results.items():
        report(name, times, cpu[name])
    server.request('shutdown')
    server.notify('exit')
    server.close()


if __name__ == '__main__':
    main()
