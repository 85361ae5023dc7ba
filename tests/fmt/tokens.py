#!/usr/bin/env python3
"""tokens.py FILE... - the tokens of .todok files, one a line ("KIND TEXT"),
as the scanner (grammar/todok.l) reads them, comments included (without
their trailing blanks, which todokc fmt removes).  tests/suites/fmt.sh
compares them before and after formatting: the same tokens, the same
comments, in the same order.  A separate reading of the source, so that
the check does not rest on the parser's own token list."""
import re
import sys

TOKEN = re.compile(r'''
    (?P<space>[ \t\r\n]+)
  | (?P<comment>\#[^\r\n]*)
  | (?P<string>"(?:[^"\\\r\n]|\\[^\r\n])*"?)
  | (?P<punct>\.\.|->|[{}\[\](),=])
  | (?P<word>[A-Za-z_][A-Za-z0-9_.-]*)
  | (?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+|[A-Za-z]+|%)?)
  | (?P<other>.)
''', re.X | re.S)


def tokens(text):
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == 'space':
            continue
        value = m.group()
        if kind == 'comment':
            value = value.rstrip(' \t\r')
        yield kind, value


def main():
    for path in sys.argv[1:]:
        # utf-8-sig: a byte order mark that opens the file is skipped, as
        # the scanner does.
        with open(path, encoding='utf-8-sig', newline='') as f:
            for kind, value in tokens(f.read()):
                print(kind, value)


if __name__ == '__main__':
    main()
