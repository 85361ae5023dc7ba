#!/usr/bin/env python3
"""bench/same_objects.py A.yaml B.yaml - whether two YAML streams hold the
same documents in the same order (key order aside).  Used to check that the
jsonnet peer builds the same objects as todokc.  Needs PyYAML (python3-yaml);
exits 0 when equal, 1 when not, 2 when it cannot tell."""
import sys

try:
    import yaml
except ImportError:
    print("same_objects.py: PyYAML is missing, cannot compare", file=sys.stderr)
    sys.exit(2)

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(path):
    with open(path, "rb") as f:
        return [d for d in yaml.load_all(f, Loader=Loader) if d is not None]


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return "%s: %r != %r" % (path, a, b)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b), key=str):
            if k not in a or k not in b:
                return "%s.%s: only in %s" % (path, k, "the first" if k in a else "the second")
            d = first_difference(a[k], b[k], "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return "%s: %d items != %d" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    return None if a == b else "%s: %r != %r" % (path, a, b)


def main():
    a, b = load(sys.argv[1]), load(sys.argv[2])
    if len(a) != len(b):
        print("different: %d documents != %d" % (len(a), len(b)))
        return 1
    for i, (x, y) in enumerate(zip(a, b)):
        d = first_difference(x, y)
        if d:
            print("different: document %d: %s" % (i + 1, d))
            return 1
    print("same: %d documents" % len(a))
    return 0


if __name__ == "__main__":
    sys.exit(main())
