"""yaml_types.py - the helper of tests/suites/yaml-types.sh.

Checks that todokc's YAML means exactly what its JSON means, types
included, when read by a YAML 1.1 reader (PyYAML's yaml.safe_load_all, as
kubectl's older tooling, Helm's and Ansible's readers do): a string must
never come back as an int, a float, a bool, None or a date.

    python3 yaml_types.py LABEL STREAM.yaml STREAM.json DIR-YAML DIR-JSON

STREAM.yaml is the compile to standard output, STREAM.json the one with
--format json (a v1 List), DIR-YAML and DIR-JSON the -o DIR compiles.
Compares the stream object by object, each DIR-YAML file with its JSON
twin and with the stream's object at its position, checks the file names
(NN-kind-name.ext), and that each folder's Kustomization lists
exactly the other files, in order.  Prints "FAIL: ..." for each problem
and ends with "counts: PASSED FAILED".
"""

import datetime
import json
import os
import re
import sys

import yaml

passed = 0
failed = 0


def fail(label, message):
    global failed
    failed += 1
    print("FAIL: %s: %s" % (label, message))


def ok():
    global passed
    passed += 1


def describe(v):
    if isinstance(v, (datetime.date, datetime.datetime)):
        return "a date %r" % (v,)
    return "%s %r" % (type(v).__name__, v)


def difference(y, j, path="$"):
    """The first difference between the YAML value y and the JSON value j,
    types and key order included, or None."""
    if type(y) is not type(j):
        return "%s: YAML reads %s where JSON has %s" % (path, describe(y), describe(j))
    if isinstance(y, dict):
        ky, kj = list(y), list(j)
        for k in ky:
            if type(k) is not str:
                return "%s: YAML reads the key %s, not a string" % (path, describe(k))
        if ky != kj:
            return "%s: keys differ: YAML %r, JSON %r" % (path, ky, kj)
        for k in ky:
            d = difference(y[k], j[k], "%s.%s" % (path, k))
            if d:
                return d
        return None
    if isinstance(y, list):
        if len(y) != len(j):
            return "%s: YAML has %d items, JSON %d" % (path, len(y), len(j))
        for i, (a, b) in enumerate(zip(y, j)):
            d = difference(a, b, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    if y != j:
        return "%s: YAML %r, JSON %r" % (path, y, j)
    return None


def duplicate_keys(text):
    """Duplicate keys of any mapping of a YAML stream (PyYAML keeps the
    last one silently), found on the node graph."""
    problems = []
    for doc in yaml.compose_all(text, Loader=yaml.SafeLoader):
        todo = [doc] if doc is not None else []
        while todo:
            node = todo.pop()
            if isinstance(node, yaml.MappingNode):
                seen = set()
                for k, v in node.value:
                    key = (k.tag, k.value)
                    if key in seen:
                        problems.append("duplicate key %r (line %d)" % (k.value, k.start_mark.line + 1))
                    seen.add(key)
                    todo.append(v)
            elif isinstance(node, yaml.SequenceNode):
                todo.extend(node.value)
    return problems


def no_duplicates_json(pairs):
    keys = [k for k, _ in pairs]
    for k in keys:
        if keys.count(k) > 1:
            raise ValueError("duplicate key %r" % k)
    return dict(pairs)


def read_yaml(label, path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    try:
        docs = list(yaml.safe_load_all(text))
        dups = duplicate_keys(text)
    except yaml.YAMLError as e:
        fail(label, "%s is not YAML that PyYAML reads: %s" % (path, e))
        return None
    for d in dups:
        fail(label, "%s: %s" % (path, d))
    return docs


def read_json(label, path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f, object_pairs_hook=no_duplicates_json)
    except (ValueError, OSError) as e:
        fail(label, "%s is not JSON: %s" % (path, e))
        return None


def compare_stream(label, stream_yaml, stream_json):
    """Returns the JSON objects of the stream (or None)."""
    docs = read_yaml(label + " (stdout)", stream_yaml)
    lst = read_json(label + " (stdout)", stream_json)
    if docs is None or lst is None:
        return None
    if not isinstance(lst, dict) or lst.get("kind") != "List" or lst.get("apiVersion") != "v1":
        fail(label, "--format json does not print a v1 List")
        return None
    items = lst.get("items")
    if not isinstance(items, list) or not items:
        fail(label, "the v1 List has no items")
        return None
    if len(docs) != len(items):
        fail(label, "the YAML stream has %d documents, the JSON List %d items" % (len(docs), len(items)))
        return None
    for i, (y, j) in enumerate(zip(docs, items)):
        d = difference(y, j)
        what = "stdout object %d (%s %s)" % (i + 1, j.get("kind"), (j.get("metadata") or {}).get("name"))
        if d:
            fail(label, "%s: %s" % (what, d))
        else:
            ok()
    return items


def listing(folder):
    """The files of an output folder, but its hidden index."""
    return sorted(n for n in os.listdir(folder) if not n.startswith("."))


def check_kustomization(label, folder, files):
    docs = read_yaml(label, os.path.join(folder, "Kustomization"))
    if docs is None:
        return
    if len(docs) != 1 or not isinstance(docs[0], dict):
        fail(label, "%s/Kustomization is not one mapping" % folder)
        return
    k = docs[0]
    problems = []
    if k.get("apiVersion") != "kustomize.config.k8s.io/v1beta1" or k.get("kind") != "Kustomization":
        problems.append("not a kustomize.config.k8s.io/v1beta1 Kustomization")
    if k.get("resources") != files:
        problems.append("resources %r, expected exactly the other files %r" % (k.get("resources"), files))
    if k.get("sortOptions") != {"order": "fifo"}:
        problems.append("sortOptions %r, expected {order: fifo}" % (k.get("sortOptions"),))
    if problems:
        fail(label, "%s/Kustomization: %s" % (os.path.basename(folder), "; ".join(problems)))
    else:
        ok()


def compare_dirs(label, dir_yaml, dir_json, items):
    ly, lj = listing(dir_yaml), listing(dir_json)
    for folder, names in ((dir_yaml, ly), (dir_json, lj)):
        if "Kustomization" not in names:
            fail(label, "%s has no Kustomization" % os.path.basename(folder))
            return
    fy = [n for n in ly if n != "Kustomization"]
    fj = [n for n in lj if n != "Kustomization"]
    check_kustomization(label + " -o yaml", dir_yaml, fy)
    check_kustomization(label + " -o json", dir_json, fj)
    if [n for n in fy if not n.endswith(".yaml")] or [n for n in fj if not n.endswith(".json")]:
        fail(label, "unexpected files: %r %r" % (fy, fj))
        return
    stems_y = [n[: -len(".yaml")] for n in fy]
    stems_j = [n[: -len(".json")] for n in fj]
    if stems_y != stems_j:
        fail(label, "the YAML and JSON folders hold different objects: %r vs %r" % (stems_y, stems_j))
        return
    if items is not None and len(stems_y) != len(items):
        fail(label, "-o writes %d objects, standard output has %d" % (len(stems_y), len(items)))
        items = None
    width = len(stems_y[0].split("-", 1)[0]) if stems_y else 0
    for i, stem in enumerate(stems_y):
        docs = read_yaml(label, os.path.join(dir_yaml, stem + ".yaml"))
        obj = read_json(label, os.path.join(dir_json, stem + ".json"))
        if docs is None or obj is None:
            continue
        if len(docs) != 1:
            fail(label, "%s.yaml holds %d documents" % (stem, len(docs)))
            continue
        d = difference(docs[0], obj)
        if not d and items is not None:
            d = difference(obj, items[i])
            if d:
                d = "differs from object %d of standard output: %s" % (i + 1, d)
        if not d:
            m = re.match(r"^([0-9]+)-([a-z]+)-(.+)$", stem)
            want = "%0*d-%s-%s" % (width, i + 1, str(obj.get("kind", "")).lower(),
                                   (obj.get("metadata") or {}).get("name"))
            if not m or stem != want:
                d = "file name %r, expected %r" % (stem, want)
        if d:
            fail(label, "%s: %s" % (stem, d))
        else:
            ok()


def main():
    if len(sys.argv) != 6:
        sys.exit("usage: yaml_types.py LABEL STREAM.yaml STREAM.json DIR-YAML DIR-JSON")
    label, stream_yaml, stream_json, dir_yaml, dir_json = sys.argv[1:]
    items = compare_stream(label, stream_yaml, stream_json)
    compare_dirs(label, dir_yaml, dir_json, items)
    print("counts: %d %d" % (passed, failed))


if __name__ == "__main__":
    main()
