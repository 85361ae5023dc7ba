# k8s_inputs.py - reads Kubernetes manifests and finds their pod templates,
# for the oracles tests/psa/psa.py and tests/netpol/netpol.py (not run alone:
# `sys.path.insert(0, "tests/psa"); import k8s_inputs`).
#
# A PATH is a YAML file (a multi-document stream), a JSON file (one object or
# a `kind: List`), or an output folder: every *.yaml and *.json file in it,
# sorted, non-recursive, except the kustomization files. A List is expanded
# into its items. A YAML error (a duplicate key included) or a document that
# is not a mapping is an InputError. Standard library and PyYAML only.
import os

import yaml

KUSTOMIZATION_FILES = ("kustomization.yaml", "Kustomization")

# Where each workload kind keeps its pod template ((), for a Pod: the object
# itself, whose spec is the pod spec).
POD_TEMPLATE_PATHS = {
    "Pod": (),
    "Deployment": ("spec", "template"),
    "StatefulSet": ("spec", "template"),
    "DaemonSet": ("spec", "template"),
    "ReplicaSet": ("spec", "template"),
    "ReplicationController": ("spec", "template"),
    "Job": ("spec", "template"),
    "CronJob": ("spec", "jobTemplate", "spec", "template"),
}

# The pod spec fields that hold containers, in pod-security-admission's
# visiting order.
CONTAINER_FIELDS = ("initContainers", "containers", "ephemeralContainers")


class InputError(Exception):
    """A path that cannot be read, or a document that is not a manifest."""


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate mapping keys (the API server would
    see only one of them, so the checked object would not be the applied one)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, "duplicate key %r" % (key,), key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def manifest_files(path):
    """The manifest files a PATH stands for."""
    if not os.path.isdir(path):
        return [path]
    return [os.path.join(path, n) for n in sorted(os.listdir(path))
            if n.endswith((".yaml", ".json")) and n not in KUSTOMIZATION_FILES
            and os.path.isfile(os.path.join(path, n))]


def read_file(file):
    """The objects of one manifest file, Lists expanded, empty documents skipped."""
    try:
        with open(file, encoding="utf-8") as f:
            docs = list(yaml.load_all(f, Loader=_StrictLoader))
    except (OSError, UnicodeDecodeError) as e:
        raise InputError("%s: cannot read: %s" % (file, e))
    except yaml.YAMLError as e:
        raise InputError("%s: YAML error: %s" % (file, " ".join(str(e).split())))
    objects = []
    for doc in docs:
        if doc is None:
            continue
        if isinstance(doc, dict) and doc.get("kind") == "List" and isinstance(doc.get("items"), list):
            objects.extend(doc["items"])
        else:
            objects.append(doc)
    for obj in objects:
        if not isinstance(obj, dict):
            raise InputError("%s: a document is not a mapping" % file)
    return objects


def read_paths(paths):
    """([(file, object)...], [error message...]) for every object under PATHs,
    in order; a file with an error contributes no objects. A path without any
    manifest file is an error (a check over nothing would pass vacuously)."""
    objects, errors = [], []
    for path in paths:
        if not os.path.exists(path):
            errors.append("%s: no such file or directory" % path)
            continue
        files = manifest_files(path)
        if not files:
            errors.append("%s: no *.yaml or *.json manifest files" % path)
        for file in files:
            try:
                objects.extend((file, obj) for obj in read_file(file))
            except InputError as e:
                errors.append(str(e))
    return objects, errors


def _dig(value, keys):
    for k in keys:
        value = value.get(k) if isinstance(value, dict) else None
    return value


class PodTemplate:
    """The pod a workload object runs: where it comes from (file, kind, name,
    namespace) and its pod metadata and spec (dicts, {} when absent)."""

    def __init__(self, file, obj, template):
        meta = obj.get("metadata") or {}
        self.file = file
        self.kind = obj.get("kind")
        self.name = meta.get("name", "?")
        self.namespace = meta.get("namespace") or "default"
        self.metadata = template.get("metadata") or {}
        self.spec = template.get("spec") or {}

    @property
    def label(self):
        return "%s %s/%s" % (self.file, self.kind, self.name)

    def containers(self, fields=CONTAINER_FIELDS):
        """(field, container) for every container of the pod, in order."""
        return [(field, c) for field in fields for c in (self.spec.get(field) or [])
                if isinstance(c, dict)]


def pod_template(file, obj):
    """The PodTemplate of a workload object; None for other kinds."""
    path = POD_TEMPLATE_PATHS.get(obj.get("kind"))
    if path is None:
        return None
    template = _dig(obj, path) if path else obj
    if not isinstance(template, dict):
        raise InputError("%s: %s/%s has no pod template at .%s" % (
            file, obj.get("kind"), (obj.get("metadata") or {}).get("name", "?"), ".".join(path)))
    return PodTemplate(file, obj, template)
