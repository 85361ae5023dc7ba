#!/usr/bin/env python3
"""roundtrip.py - what a Compose file means, against the manifests that
`todokc import compose` and `todokc` make of it.

    roundtrip.py env COMPOSE TODOK [options]          prints VAR=value lines
    roundtrip.py check COMPOSE TODOK MANIFESTS [options]

options: --env-file FILE (default: the .env beside COMPOSE), --profile NAME,
--expose nodeport|loadbalancer|clusterip.

`env` gives each env("VAR") of the .todok the value the Compose file means
for it (a .env value, the literal a service gives, a secret's file), so that
the stack compiles with the Compose file's own secrets.  `check` then reads
the Compose file on its own (PyYAML, with an interpolation and a dotenv
reader of this file's, not the importer's) and asserts, service by service:
the workload and its image; command and args; every environment variable as
the running container sees it (envFrom, secretKeyRef, configMapKeyRef and
Kubernetes' $(VAR) expansion resolved); the container ports and the Service
with its type; the order of the objects and a wait init container for every
depends_on; the healthcheck as a readiness probe (never liveness); the
replicas; the mounts of named volumes, tmpfs and secrets, with each secret
file's content; and that no secret value of the Compose file or its .env is
in the .todok or in any ConfigMap.  Prints one line per failure and ends
with "roundtrip: N passed, M failed"; exit status 1 when any failed.
"""
import base64
import os
import posixpath
import re
import shlex
import sys

import yaml

SECRET_WORDS = ("PASSWORD", "PASSWD", "SECRET", "TOKEN", "CREDENTIAL", "PRIVATE")


def secret_name(name):
    up = name.upper()
    return up.endswith("KEY") or any(w in up for w in SECRET_WORDS)


def path_like(value):
    return bool(value) and not re.search(r"\s", value) and (
        value.startswith(("/", ".")) or "/" in value)


def is_secret(key, value):
    if key.upper().endswith("_FILE") and path_like(value):
        return False
    if (value or "").startswith("/run/secrets/") and len(value) > 13 and path_like(value):
        return False  # where a secret file is mounted, not its value
    return secret_name(key) or url_password(value)


def url_password(value):
    m = re.search(r"://([^/?#@]*)@", value or "")
    return bool(m) and ":" in m.group(1) and not m.group(1).endswith(":")


# Compose: .env files and interpolation

def dotenv(path, lookup=None, earlier=None):
    """KEY=VALUE lines: export, quotes, comments; values interpolated, a
    variable looked up first in `lookup` (the .env file's and the service's
    environment, for an env_file),
    then in the lines above and in `earlier` (the env_files before it in the
    service's list), a later line's over an earlier one (compose-go's
    GetEnvFromFile and WithServicesEnvironmentResolved)."""
    out = {}
    if not path or not os.path.exists(path):
        return out
    text = open(path, encoding="utf-8").read()
    pattern = re.compile(
        r"^[ \t]*(?:export[ \t]+)?([^=\s#]+)=[ \t]*"
        r"(?:'([^']*)'|\"((?:[^\"\\]|\\.)*)\"|([^\n]*?))[ \t]*(?:[ \t]#[^\n]*)?$",
        re.M | re.S)
    for m in pattern.finditer(text):
        key, single, double, plain = m.groups()
        env = dict(earlier or {})
        env.update(out)
        env.update(lookup or {})
        if single is not None:
            out[key] = single
        elif double is not None:
            raw = re.sub(r"\\(.)", lambda e: {"n": "\n", "t": "\t", "r": "\r", "$": "$$"}
                         .get(e.group(1), e.group(1)), double)
            out[key] = interpolate(raw, env)
        else:
            out[key] = interpolate(plain.strip(), env)
    return out


def interpolate(s, env):
    """Compose's ${VAR}, ${VAR:-d}, ${VAR-d}, ${VAR:?m}, ${VAR:+r}, $VAR, $$."""
    if not isinstance(s, str):
        return s
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c != "$":
            out.append(c)
            i += 1
            continue
        if s.startswith("$$", i):
            out.append("$")
            i += 2
            continue
        m = re.match(r"\$([A-Za-z_][A-Za-z0-9_]*)", s[i:])
        if m:
            out.append(env.get(m.group(1), ""))
            i += m.end()
            continue
        depth, j = 0, i + 1
        while j < len(s):
            if s[j] == "{":
                depth += 1
            elif s[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        body = s[i + 2:j]
        m = re.match(r"([A-Za-z_][A-Za-z0-9_]*)(:?[-?+])?(.*)", body, re.S)
        name, op, arg = m.group(1), m.group(2), m.group(3)
        value = env.get(name)
        unset = value is None or (op and op.startswith(":") and value == "")
        if op and op.endswith("-"):
            value = interpolate(arg, env) if unset else value
        elif op and op.endswith("+"):
            value = "" if unset else interpolate(arg, env)
        out.append(value or "")
        i = j + 1
    return "".join(out)


class ComposeLoader(yaml.SafeLoader):
    """YAML as Compose reads one file: a tag that is not YAML's own
    (!reset, !override) is left out, the node read as if it had none."""


def _untagged(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        plain = node.style is None
        node = yaml.ScalarNode(loader.resolve(yaml.ScalarNode, node.value, (plain, False)),
                               node.value, node.start_mark, node.end_mark, node.style)
        return loader.construct_object(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node, deep=True)
    return loader.construct_mapping(node, deep=True)


ComposeLoader.add_multi_constructor("!", _untagged)


# Compose's extends (a service of this file): the base's keys with the
# service's merged over them, as docker compose merges two files.
LISTS_AS_MAPS = ("environment", "labels", "annotations", "depends_on")


def as_map(key, value):
    if not isinstance(value, list):
        return value
    if key == "depends_on":
        return {d: {"condition": "service_started"} for d in value}
    return dict((str(e).split("=", 1) + [None])[:2] for e in value)


def mount_target(key, item):
    if isinstance(item, dict):
        return item.get("target") or (item.get("source") if key != "volumes" else None)
    if key != "volumes":
        return item
    parts = str(item).split(":")
    return parts[1] if len(parts) > 1 else parts[0]


def merge(key, base, local, top):
    if (top and key in ("command", "entrypoint")) or key == "healthcheck.test":
        return local
    if top and key in LISTS_AS_MAPS and isinstance(base, list) != isinstance(local, list):
        base, local = as_map(key, base), as_map(key, local)
    if top and key in ("env_file", "tmpfs", "dns", "dns_search"):
        base, local = [[v] if isinstance(v, str) else v for v in (base, local)]
    if isinstance(base, dict) and isinstance(local, dict):
        out = dict(base)
        for k, v in local.items():
            sub = "healthcheck.test" if key == "healthcheck" and k == "test" else k
            out[k] = merge(sub, base[k], v, False) if k in base else v
        return out
    if isinstance(base, list) and isinstance(local, list):
        if top and key in ("volumes", "secrets", "configs"):
            later = {mount_target(key, i) for i in local} - {None}
            base = [i for i in base if mount_target(key, i) not in later]
        return base + local
    return local


class ExtendsCycle(Exception):
    pass


def own_keys(svc):
    return {k: v for k, v in svc.items() if k != "extends"}


def extend(services, name, seen=()):
    """The service merged over those it extends; one that extends a service
    the file does not declare, or is on a chain that comes back to itself,
    has its own keys only (W0801)."""
    svc = services[name]
    ext = svc.get("extends")
    if ext is None or (isinstance(ext, dict) and ext.get("file")):
        return svc
    base_name = ext["service"] if isinstance(ext, dict) else ext
    if base_name not in services:
        return own_keys(svc)
    if base_name in seen + (name,):
        raise ExtendsCycle(name)
    try:
        base = extend(services, base_name, seen + (name,))
    except ExtendsCycle:
        if seen:
            raise
        return own_keys(svc)
    out = dict(base)
    out.pop("extends", None)
    for k, v in svc.items():
        if k != "extends":
            out[k] = merge(k, base[k], v, True) if k in base else v
    return out


class Compose:
    def __init__(self, path, env_file, profiles):
        self.path = path
        self.dir = os.path.dirname(os.path.abspath(path))
        self.doc = yaml.load(open(path, encoding="utf-8"), Loader=ComposeLoader) or {}
        self.vars = dotenv(env_file or os.path.join(self.dir, ".env"))
        if not profiles and self.vars.get("COMPOSE_PROFILES"):
            profiles = [p.strip() for p in self.vars["COMPOSE_PROFILES"].split(",") if p.strip()]
        self.services = {}
        declared = self.doc.get("services") or {}
        for name, svc in [(n, extend(declared, n)) for n in declared]:
            wanted = svc.get("profiles")
            if wanted and not set(wanted) & set(profiles):
                continue
            self.services[name] = svc
        self.names = component_names(self.services)

    def i(self, value):
        return interpolate(value, self.vars) if isinstance(value, str) else value

    def environment(self, svc):
        env = {}
        given = svc.get("environment") or {}
        if isinstance(given, list):  # each item interpolated, then split at '='
            given = dict((self.i(e).split("=", 1) + [None])[:2] for e in given)
        else:
            given = {k: None if v is None else self.i(str(v) if not isinstance(v, bool)
                                                      else str(v).lower())
                     for k, v in given.items()}
        # An env_file's line reads the .env file, then the service's
        # environment, then the lines read before it.
        lookup = {k: v for k, v in given.items() if v is not None}
        lookup.update(self.vars)
        files = svc.get("env_file") or []
        for item in [files] if isinstance(files, (str, dict)) else files:
            path = item["path"] if isinstance(item, dict) else item
            full = os.path.join(self.dir, self.i(path))
            if os.path.exists(full):
                env.update(dotenv(full, lookup, env))
        for key, value in given.items():
            if value is None:
                if key in self.vars:
                    env[key] = self.vars[key]
                continue
            env[key] = value
        return env

    def words(self, value):
        if value is None:
            return None
        if isinstance(value, str):
            return shlex.split(self.i(value))
        return [self.i(str(w)) for w in value]

    def secret_file(self, name):
        """A secret's value (its file's, without a final newline, which an
        env file cannot give); None when its file is not there."""
        spec = (self.doc.get("secrets") or {}).get(name) or {}
        if "file" in spec:
            path = os.path.join(self.dir, spec["file"])
            if not os.path.exists(path):
                return None
            return open(path, encoding="utf-8").read().rstrip("\n")
        return self.vars.get(spec.get("environment", ""), "")


def upper_snake(s):
    return re.sub(r"[^A-Z0-9]", "_", s.upper())


def compile_env(compose, todok_text):
    """The value of each env("VAR") of the .todok, as the Compose file means it."""
    wanted = re.findall(r'env\("([^"]+)"\)', todok_text)
    known = dict(compose.vars)
    text = open(compose.path, encoding="utf-8").read()
    for name, default in re.findall(r"\$\{([A-Za-z_][A-Za-z0-9_]*):?-([^${}]*)\}", text):
        known.setdefault(name, default)
    for name, svc in compose.services.items():
        for key, value in compose.environment(svc).items():
            if value is not None and is_secret(key, value):
                known.setdefault(key, value)
                known[upper_snake(name) + "_" + key] = value
    for name in (compose.doc.get("secrets") or {}):
        if compose.secret_file(name) is not None:
            known.setdefault(upper_snake(name), compose.secret_file(name))
        spec = compose.doc["secrets"][name] or {}
        if "environment" in spec:
            known.setdefault(spec["environment"], compose.vars.get(spec["environment"], ""))
    return {var: known.get(var, "") for var in wanted}


# The manifests

class Manifests:
    def __init__(self, path):
        self.objects = [o for o in yaml.safe_load_all(open(path, encoding="utf-8")) if o]

    def find(self, kinds, name):
        for index, obj in enumerate(self.objects):
            meta = obj.get("metadata", {})
            if obj["kind"] in kinds and (meta.get("name") == name or
                                          meta.get("name", "").startswith(name + "-")
                                          and obj["kind"] == "Job"):
                return index, obj
        return None, None

    def data(self, kind, name):
        _, obj = self.find((kind,), name)
        if not obj:
            return {}
        if kind == "Secret":
            return {k: base64.b64decode(v).decode() for k, v in (obj.get("data") or {}).items()}
        return obj.get("data") or {}


def expand(value, env):
    """Kubernetes' $(VAR) expansion of env values, command and args."""
    def one(m):
        if m.group(0) == "$$":
            return "$"
        return env.get(m.group(1), m.group(0))
    return re.sub(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)", one, value)


def container_env(ctr, manifests):
    env = {}
    for src in ctr.get("envFrom", []):
        if "configMapRef" in src:
            env.update(manifests.data("ConfigMap", src["configMapRef"]["name"]))
        if "secretRef" in src:
            env.update(manifests.data("Secret", src["secretRef"]["name"]))
    for e in ctr.get("env", []):
        if "value" in e:
            env[e["name"]] = expand(e["value"], env)
        elif "secretKeyRef" in e.get("valueFrom", {}):
            ref = e["valueFrom"]["secretKeyRef"]
            env[e["name"]] = manifests.data("Secret", ref["name"]).get(ref["key"])
        elif "configMapKeyRef" in e.get("valueFrom", {}):
            ref = e["valueFrom"]["configMapKeyRef"]
            env[e["name"]] = manifests.data("ConfigMap", ref["name"]).get(ref["key"])
    return env


def label(name):
    """A Compose service's name as the .todok names it (a DNS label)."""
    s = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if s[:1].isdigit():
        s = "service-" + s
    return s[:52].rstrip("-") or "service"


def component_names(services):
    """Each Compose service's component name: a name that is already a
    DNS label is kept; the others are made one, with -2, -3, ... when
    that is taken."""
    taken, out = set(), {}

    def claim(base):
        name, k = base, 2
        while name in taken:
            suffix = f"-{k}"
            k += 1
            name = base[:52 - len(suffix)].rstrip("-") + suffix
        taken.add(name)
        return name

    for name in services:
        if label(name) == name:
            out[name] = claim(name)
    for name in services:
        if name not in out:
            out[name] = claim(label(name))
    return out


def seconds(text, default):
    if text is None:
        return default
    units = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "h": 3600}
    total = sum(float(n) * units[u] for n, u in re.findall(r"([0-9.]+)(ns|us|ms|s|m|h)", text))
    whole = int(total)
    whole += whole < total
    return whole or default


class Check:
    def __init__(self):
        self.passed = self.failed = 0

    def ok(self, cond, what):
        if cond:
            self.passed += 1
        else:
            self.failed += 1
            print("FAIL: " + what)

    def eq(self, got, want, what):
        self.ok(got == want, f"{what}: got {got!r}, want {want!r}")


def ports_of(compose, svc):
    """(number, protocol) -> how it is published, from ports and expose:
    PUBLIC (to every address), LOCAL (to the loopback address only) or
    NONE; a port listed twice takes the wider."""
    out = {}

    def put(key, how):
        out[key] = max(out.get(key, NONE), how)

    for item in svc.get("ports") or []:
        if isinstance(item, dict):
            proto = item.get("protocol", "tcp").upper()
            if proto not in ("TCP", "UDP"):
                continue  # left out, W0801
            local = str(item.get("host_ip", "")).startswith("127.")
            # Without published, Docker publishes it on a port it picks.
            put((int(item["target"]), proto), LOCAL if local else PUBLIC)
            continue
        text = compose.i(str(item))
        text, _, proto = text.partition("/")
        host_ip = text.startswith("127.") or text.startswith("[::1]")
        container = text.rsplit(":", 1)[-1]
        first, _, last = container.partition("-")
        for n in range(int(first), int(last or first) + 1):
            put((n, (proto or "tcp").upper()), LOCAL if host_ip else PUBLIC)
    for item in svc.get("expose") or []:
        text, _, proto = compose.i(str(item)).partition("/")
        first, _, last = text.partition("-")
        for n in range(int(first), int(last or first) + 1):
            put((n, (proto or "tcp").upper()), NONE)
    return out


NONE, LOCAL, PUBLIC = 0, 1, 2


def depends(compose, svc):
    # A list's entries and links are interpolated, as Compose does;
    # a mapping's keys are not.
    deps = svc.get("depends_on") or []
    names = [compose.i(d) for d in deps] if isinstance(deps, list) else list(deps)
    names += [compose.i(link).split(":")[0] for link in svc.get("links") or []]
    return names


def check_probe(ck, compose, name, svc, ctr, env):
    ck.ok("livenessProbe" not in ctr, f"{name}: no liveness probe")
    hc = svc.get("healthcheck")
    test = hc.get("test") if hc else None
    if not test or hc.get("disable") or test == ["NONE"]:
        ck.ok("readinessProbe" not in ctr, f"{name}: no readiness probe")
        return
    if isinstance(test, str) or compose.i(test[0]) == "CMD-SHELL":
        want = ["/bin/sh", "-c", compose.i(test if isinstance(test, str) else test[1])]
    else:  # a word written as a URL with a password is left out (W0815); one whose
        # variable holds it is read from the variable when the probe is made a shell's
        want = [compose.i(str(w)) for w in test[1:]
                if not url_password(re.sub(r"\$\{[^}]*\}", "", str(w)))]
        if not want:
            ck.ok("readinessProbe" not in ctr, f"{name}: no readiness probe (W0801)")
            return
    probe = ctr.get("readinessProbe", {})
    got = list(probe.get("exec", {}).get("command", []))
    if len(got) == 3 and got[:2] == ["/bin/sh", "-c"]:
        got[2] = re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}",
                        lambda m: env.get(m.group(1), m.group(0)), got[2])
        # A secret written in the test is read from a variable: the shell
        # must see the same words (an exec test is run with sh -c then).
        want_words = want[2] if want[:2] == ["/bin/sh", "-c"] and len(want) == 3 else None
        try:
            got = shlex.split(got[2])
            want = shlex.split(want_words) if want_words is not None else want
        except ValueError:
            pass
    ck.eq(got, want, f"{name}: the readiness probe's command")
    hc = {k: compose.i(v) for k, v in hc.items()}  # the durations may be ${VAR}s
    ck.eq(probe.get("periodSeconds"), seconds(hc.get("interval"), 30), f"{name}: every")
    ck.eq(probe.get("timeoutSeconds"), seconds(hc.get("timeout"), 30), f"{name}: timeout")
    # Docker reads retries 0 as its default, 3.
    ck.eq(probe.get("failureThreshold", 3), int(hc.get("retries", 3)) or 3, f"{name}: failures")
    delay = seconds(hc.get("start_period"), 0)
    ck.eq(probe.get("initialDelaySeconds", 0), delay, f"{name}: delay")


def claims_of(workload, pod):
    names = {v["name"] for v in pod.get("volumes", []) if "persistentVolumeClaim" in v}
    names |= {t["metadata"]["name"] for t in workload["spec"].get("volumeClaimTemplates", [])}
    return names


def volumes_of(compose, svc):
    """(kind, source, target) of each of the service's volumes: bind,
    volume (a named volume when it has a source, else anonymous), tmpfs."""
    for item in svc.get("volumes") or []:
        if isinstance(item, dict):
            yield item.get("type", "volume"), item.get("source"), clean(item["target"])
        else:
            parts = compose.i(item).split(":")
            source, target = (parts[0], parts[1]) if len(parts) > 1 else (None, parts[0])
            yield "bind" if source and (source[0] in "./~" or "/" in source) else "volume", \
                source, clean(target)


def clean(target):
    """A mount's target as Compose cleans it (Go's path.Clean)."""
    target = posixpath.normpath(target) if target.startswith("/") else target
    return "/" + target.lstrip("/") if target.startswith("/") else target


def check_bind(ck, compose, name, source, target, mount, volumes, manifests):
    """A bind mount that the .todok keeps is a ConfigMap of the files'
    text: the file at its target (a subPath), or a folder's files."""
    if not mount:
        return  # left out (W0804)
    config = volumes[mount["name"]].get("configMap", {}).get("name")
    ck.ok(config is not None, f"{name}: the bind mount at {target} is a config")
    if not config:
        return
    data = manifests.data("ConfigMap", config)
    path = os.path.join(compose.dir, source)
    files = [path] if os.path.isfile(path) else sorted(
        os.path.join(path, f) for f in os.listdir(path))
    # A file's key is its name where it is first mounted (the same file,
    # through a link, is one config).
    key = mount.get("subPath") if os.path.isfile(path) else None
    if os.path.isfile(path):
        ck.ok(key in data, f"{name}: {target} is a file of its config")
    for f in files:
        ck.eq(data.get(key or os.path.basename(f)), open(f, encoding="utf-8").read(),
              f"{name}: the content of {os.path.basename(f)} at {target}")
    ck.ok(mount.get("readOnly", True), f"{name}: {target} is read-only")


def check_volumes(ck, compose, name, svc, workload, pod, ctr, manifests):
    mounts = {m["mountPath"]: m for m in ctr.get("volumeMounts", [])}
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    claims = claims_of(workload, pod)
    tmpfs = svc.get("tmpfs") or []
    for path in [tmpfs] if isinstance(tmpfs, str) else tmpfs:
        m = mounts.get(path.split(":")[0])
        ck.ok(m and volumes[m["name"]].get("emptyDir", {}).get("medium") == "Memory",
              f"{name}: tmpfs {path} is a memory volume")
    mounted = set()
    for kind, source, target in volumes_of(compose, svc):
        if kind == "bind":
            check_bind(ck, compose, name, source, target, mounts.get(target), volumes, manifests)
            continue
        if kind == "volume" and source and source in mounted:
            continue  # its second mount is left out (W0801): one claim, mounted once
        mounted.add(source)
        m = mounts.get(target)
        ck.ok(m is not None, f"{name}: a volume at {target}")
        if m and kind == "volume" and source:
            ck.ok(m["name"] in claims, f"{name}: {target} is a claim")
        elif m:
            ck.ok("emptyDir" in volumes.get(m["name"], {}), f"{name}: {target} is a temp volume")
    for item in svc.get("secrets") or []:
        source = item if isinstance(item, str) else item["source"]
        target = source if isinstance(item, str) else item.get("target", source)
        target = target if target.startswith("/") else "/run/secrets/" + target
        m = mounts.get(target) or mounts.get(os.path.dirname(target))
        ck.ok(m is not None, f"{name}: the secret {source} at {target}")
        if not m:
            continue
        key = m.get("subPath") or os.path.basename(target)
        secret = volumes[m["name"]]["secret"]["secretName"]
        if compose.secret_file(source) is not None:
            ck.eq(manifests.data("Secret", secret).get(key), compose.secret_file(source),
                  f"{name}: the content of {target}")


def check_service(ck, compose, manifests, name, svc, stack, expose):
    comp = compose.names[name]
    index, workload = manifests.find(("Deployment", "StatefulSet", "Job"), comp)
    ck.ok(workload is not None, f"{name}: its workload {comp}")
    if not workload:
        return
    pod = workload["spec"]["template"]["spec"]
    ctr = next(c for c in pod["containers"] if c["name"] == comp)
    env = container_env(ctr, manifests)
    image = compose.i(svc["image"]) if "image" in svc else f"{stack}-{comp}"
    ck.eq(ctr["image"], image, f"{name}: image")
    for key, value in compose.environment(svc).items():
        ck.eq(env.get(key), value, f"{name}: the environment variable {key}")
    for field, key in (("command", "entrypoint"), ("args", "command")):
        want = compose.words(svc.get(key))
        if want:
            ck.eq([expand(w, env) for w in ctr.get(field, [])], want, f"{name}: {field}")
    job = workload["kind"] == "Job"
    ports = {} if job else ports_of(compose, svc)
    have = {(p["containerPort"], p.get("protocol", "TCP")) for p in ctr.get("ports", [])}
    for port in ports:
        ck.ok(port in have, f"{name}: container port {port}")
    _, service = manifests.find(("Service",), comp)
    if ports:
        # Every port of a Service is exposed as it is: one that Compose does
        # not publish to every address (published to the loopback address
        # only, expose:, reached by another service, W0805) keeps the
        # Service inside the cluster.
        listed = [(p["port"], p.get("protocol", "TCP")) for p in (service or {}).get(
            "spec", {}).get("ports", [])]
        published = bool(listed) and all(ports.get(port, NONE) == PUBLIC for port in listed)
        want = {"nodeport": "NodePort", "loadbalancer": "LoadBalancer"}.get(expose, "ClusterIP")
        ck.eq(service and service["spec"]["type"], want if published else "ClusterIP",
              f"{name}: its Service's type")
    inits = [c["name"] for c in pod.get("initContainers", [])]
    for dep in depends(compose, svc):
        if dep not in compose.services:
            continue
        dep_index, dep_workload = manifests.find(("Deployment", "StatefulSet", "Job"), compose.names[dep])
        ck.ok(dep_index is not None and dep_index < index, f"{name}: {dep} comes first")
        _, dep_service = manifests.find(("Service",), compose.names[dep])
        if dep_service or (dep_workload and dep_workload["kind"] == "Job"):
            ck.ok(f"wait-for-{compose.names[dep]}" in inits, f"{name}: waits for {dep}")
    if not job:
        check_probe(ck, compose, name, svc, ctr, env)
        replicas = (svc.get("deploy") or {}).get("replicas", svc.get("scale", 1))
        ck.eq(workload["spec"].get("replicas"), int(replicas), f"{name}: replicas")
    check_volumes(ck, compose, name, svc, workload, pod, ctr, manifests)
    check_user(ck, compose, name, svc, pod)
    check_reached(ck, compose, manifests, name, svc)


def check_user(ck, compose, name, svc, pod):
    """user: UID[:GID] (root is 0) is runAsUser and runAsGroup; with secret
    files or a named volume (both owned by root in a pod), a UID other than
    0 reads and writes them through fsGroup: the GID, or the UID when there
    is none or it is 0 (the root group)."""
    ids = [0 if i == "root" else int(i) if i.isdigit() else None
           for i in compose.i(str(svc.get("user", ""))).split(":") if i]
    if not ids or None in ids:
        return
    sc = pod.get("securityContext", {})
    ck.eq(sc.get("runAsUser"), ids[0], f"{name}: runAsUser")
    ck.eq(sc.get("runAsGroup"), ids[1] if len(ids) > 1 else None, f"{name}: runAsGroup")
    want = None
    named = any(kind == "volume" and source for kind, source, _ in volumes_of(compose, svc))
    if (svc.get("secrets") or named) and ids[0] != 0:
        want = ids[1] if len(ids) > 1 and ids[1] != 0 else ids[0]
    ck.eq(sc.get("fsGroup"), want, f"{name}: fsGroup")


HOST_PORT = re.compile(r"(?:^|(?<=[\s,;=/@(\"']))([A-Za-z0-9_.-]+):(\d{1,5})(?=$|[/,;?\s\"')#])")


def check_reached(ck, compose, manifests, name, svc):
    """A port that a service reaches another at (HOST:PORT in a value of its
    environment that is not a secret) is a port of that one's Service."""
    for key, value in compose.environment(svc).items():
        if not value or is_secret(key, value):
            continue
        for host, port in HOST_PORT.findall(value):
            if host == name or host not in compose.services:
                continue
            _, workload = manifests.find(("Job",), compose.names[host])
            if workload:
                continue
            _, service = manifests.find(("Service",), compose.names[host])
            ports = [p["port"] for p in (service or {}).get("spec", {}).get("ports", [])]
            ck.ok(int(port) in ports, f"{name}: reaches {host} at {port} ({key})")


def secret_values(compose):
    """The secret values of the Compose file that the check looks for."""
    text = open(compose.path, encoding="utf-8").read()
    literal = {}
    for svc in compose.services.values():
        for key, value in compose.environment(svc).items():
            if value and is_secret(key, value):
                literal[value] = literal.get(value, 0) + 1
    values = [v for v, n in literal.items() if text.count(v) <= n]
    values += [v for k, v in compose.vars.items() if (secret_name(k) and not
               (k.upper().endswith("_FILE") and path_like(v)) or url_password(v))
               and text.count(v) == 0]
    values += [m.group(1) for m in re.finditer(r"://[^/:@\s]*:([^/@\s}]+)@", text)
               if "$" not in m.group(1)]
    values += [compose.secret_file(n) for n in (compose.doc.get("secrets") or {})]
    return [v for v in values if v and len(v.strip()) >= 5]


def main(argv):
    mode, args = argv[1], argv[2:]
    opts = {"--env-file": None, "--expose": "nodeport"}
    profiles, rest = [], []
    while args:
        a = args.pop(0)
        if a == "--profile":
            profiles.append(args.pop(0))
        elif a in opts:
            opts[a] = args.pop(0)
        else:
            rest.append(a)
    compose = Compose(rest[0], opts["--env-file"], profiles)
    todok = open(rest[1], encoding="utf-8").read()
    if mode == "env":
        for var, value in compile_env(compose, todok).items():
            print(f"{var}={value}")
        return 0
    manifests = Manifests(rest[2])
    stack = re.search(r"^stack ([a-z0-9-]+)", todok, re.M).group(1)
    ck = Check()
    for name, svc in compose.services.items():
        check_service(ck, compose, manifests, name, svc, stack, opts["--expose"])
    configmaps = [o for o in manifests.objects if o["kind"] == "ConfigMap"]
    for value in secret_values(compose):
        ck.ok(value not in todok, "a secret value of the Compose file is in the .todok")
        for cm in configmaps:
            ck.ok(all(value not in str(v) for v in (cm.get("data") or {}).values()),
                  f"a secret value of the Compose file is in ConfigMap {cm['metadata']['name']}")
    print(f"roundtrip: {ck.passed} passed, {ck.failed} failed")
    return 1 if ck.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
