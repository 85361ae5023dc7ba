#!/usr/bin/env python3
# netpol.py - evaluates Kubernetes NetworkPolicy ingress rules over a set of
# manifests: which workload may open a connection to which port of which other.
#
# Usage:  python3 -B tests/netpol/netpol.py matrix PATH...
#         python3 -B tests/netpol/netpol.py check PATH... --edges FILE
#
# PATH: a YAML stream, a YAML/JSON file (a JSON List too) or an output folder
# (its *.yaml and *.json files, not the kustomization file), read by
# tests/psa/k8s_inputs.py. The pods are the pod templates of the workloads
# (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob): their
# labels, their namespace (`default` when the object names none) and their
# container ports (those of containers and of native sidecars, the
# initContainers with restartPolicy Always). Namespace labels are those of the
# input's Namespace objects plus `kubernetes.io/metadata.name`.
#
# Semantics (networking.k8s.io/v1, ingress only): a pod is isolated for
# ingress when some NetworkPolicy of its namespace selects it (podSelector,
# matchLabels and matchExpressions In/NotIn/Exists/DoesNotExist) and has
# Ingress in its policyTypes (absent: Ingress, plus Egress when it has egress
# rules). A connection to an isolated pod is allowed iff some selecting policy
# has an ingress rule that admits both its source (`from`: missing or empty =
# every source; else any peer: podSelector alone = pods of the policy's
# namespace, namespaceSelector alone = every pod of the selected namespaces,
# both = the selected pods of the selected namespaces, ipBlock = addresses in
# `cidr` but not in `except`, for sources outside the cluster) and its port
# (`ports`: missing or empty = every port; else any entry: protocol, TCP by
# default, and a number, a number range up to `endPort`, or a name matching a
# port of that number and protocol that the destination pod declares). An
# empty ingress list admits nothing. A pod that no policy isolates admits
# every connection. Egress is not evaluated.
#
# Sources: every workload, named by its metadata.name (NAMESPACE/NAME when the
# input spans several namespaces), and these stand-ins:
#   external          a client on the internet, outside the cluster: admitted
#                     by a rule without `from`, or by an ipBlock of every
#                     address (0.0.0.0/0, ::/0) whose `except` holds only
#                     non-global (private) ranges
#   other-namespace   an unlabeled pod in a namespace of that name, which no
#                     input object declares
#   namespace:NS      an unlabeled pod in namespace NS, for every NS that a
#                     namespaceSelector names (kubernetes.io/metadata.name) and
#                     the input does not declare
#   ip:CIDR           a client at the first address of CIDR, for every ipBlock
#                     `cidr` and `except` but the all-address ones
# Destinations: every declared container port of every workload.
#
# `matrix` prints one line per allowed connection, sorted, in the edges
# format: `SOURCE -> DEST:PORT` for TCP, `SOURCE -> DEST:PORT/udp` (or /sctp)
# otherwise. `check` compares them with an edges FILE (such lines, `/tcp`
# allowed, `#` comments, blank lines) and prints every missing edge (listed,
# denied) and every extra one (allowed, not listed), then
# `netpol: N passed, M failed` (N the edges both agree on, M the missing,
# extra and malformed ones). Exit 0 when they agree, 1 otherwise, 2 on bad
# usage. An input error, a policy it cannot evaluate, an input without
# workloads or an unreadable edges file is a failure, with no comparison.
import argparse
import ipaddress
import os
import re
import sys
from collections import namedtuple

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "psa"))
import k8s_inputs  # noqa: E402  (the reader shared with tests/psa/psa.py)

NAME_LABEL = "kubernetes.io/metadata.name"

# A container port of a destination, and a source: a pod (namespace, its
# labels and its namespace's labels) or a client outside the cluster (an IP
# address, or None for `external`).
Port = namedtuple("Port", "number protocol name")
Source = namedtuple("Source", "id namespace labels ns_labels address")
Workload = namedtuple("Workload", "id namespace labels ns_labels ports")
Edge = namedtuple("Edge", "source dest port protocol")


class PolicyError(Exception):
    """A policy this evaluator cannot give a meaning to."""


# --- label selectors ------------------------------------------------------------

def selects(selector, labels, owner):
    """Whether a LabelSelector (a dict; {} selects everything) matches labels.
    owner names the policy, for the PolicyError of an unknown operator."""
    for k, v in (selector.get("matchLabels") or {}).items():
        if labels.get(k) != v:
            return False
    for e in selector.get("matchExpressions") or []:
        key, op, values = e.get("key"), e.get("operator"), e.get("values") or []
        if op == "In":
            ok = key in labels and labels[key] in values
        elif op == "NotIn":
            ok = key not in labels or labels[key] not in values
        elif op == "Exists":
            ok = key in labels
        elif op == "DoesNotExist":
            ok = key not in labels
        else:
            raise PolicyError("NetworkPolicy/%s: unknown matchExpressions operator %r" % (owner, op))
        if not ok:
            return False
    return True


# --- policies --------------------------------------------------------------------

class Policy:
    def __init__(self, obj):
        meta = obj.get("metadata") or {}
        spec = obj.get("spec") or {}
        self.name = meta.get("name", "?")
        self.namespace = meta.get("namespace") or "default"
        self.pod_selector = spec.get("podSelector") or {}
        types = spec.get("policyTypes")
        if types is None:
            types = ["Ingress"] + (["Egress"] if spec.get("egress") else [])
        self.isolates_ingress = "Ingress" in types
        self.ingress = spec.get("ingress") or []

    def selects(self, pod):
        return (self.isolates_ingress and pod.namespace == self.namespace
                and selects(self.pod_selector, pod.labels, self.name))

    def admits(self, source, dest, port, protocol):
        return any(self._source_ok(rule, source) and self._port_ok(rule, dest, port, protocol)
                   for rule in self.ingress)

    def _source_ok(self, rule, source):
        peers = rule.get("from")
        return not peers or any(self._peer_ok(peer, source) for peer in peers)

    def _peer_ok(self, peer, source):
        block = peer.get("ipBlock")
        if block is not None:
            return source.namespace is None and self._block_ok(block, source.address)
        ns_sel, pod_sel = peer.get("namespaceSelector"), peer.get("podSelector")
        if ns_sel is None and pod_sel is None:
            raise PolicyError("NetworkPolicy/%s: a `from` peer with no selector and no ipBlock" % self.name)
        if source.namespace is None:
            return False  # selectors pick pods, never clients outside the cluster
        if ns_sel is not None:
            ns_ok = selects(ns_sel, source.ns_labels, self.name)
        else:
            ns_ok = source.namespace == self.namespace
        return ns_ok and (pod_sel is None or selects(pod_sel, source.labels, self.name))

    def _block_ok(self, block, address):
        """Whether an ipBlock admits a client at address (None: `external`)."""
        cidr = network(block.get("cidr"), self.name)
        excepts = [network(e, self.name) for e in block.get("except") or []]
        if address is None:
            return cidr.prefixlen == 0 and not any(e.is_global for e in excepts)
        return (address.version == cidr.version and address in cidr
                and not any(address.version == e.version and address in e for e in excepts))

    @staticmethod
    def _port_ok(rule, dest, port, protocol):
        entries = rule.get("ports")
        if not entries:
            return True
        for e in entries:
            if (e.get("protocol") or "TCP") != protocol:
                continue
            p = e.get("port")
            if p is None:
                return True
            if isinstance(p, int) and p <= port <= (e.get("endPort") or p):
                return True
            if isinstance(p, str) and any(d.name == p and d.number == port and d.protocol == protocol
                                          for d in dest.ports):
                return True
        return False


def network(text, policy):
    """An ipBlock's CIDR as an ip_network; PolicyError when it is none."""
    try:
        return ipaddress.ip_network(str(text), strict=False)
    except ValueError:
        raise PolicyError("NetworkPolicy/%s: ipBlock CIDR %r is not a network" % (policy, text))


def allowed(policies, source, dest, port, protocol):
    """Whether a connection from source to port/protocol of dest is allowed."""
    selecting = [p for p in policies if p.selects(dest)]
    return not selecting or any(p.admits(source, dest, port, protocol) for p in selecting)


# --- the model of the input ---------------------------------------------------------

def container_ports(pod):
    """The ports of a pod's containers and native sidecars."""
    ports = []
    for field, c in pod.containers(("initContainers", "containers")):
        if field == "initContainers" and c.get("restartPolicy") != "Always":
            continue
        ports += [Port(p["containerPort"], p.get("protocol") or "TCP", p.get("name"))
                  for p in c.get("ports") or [] if type(p.get("containerPort")) is int]
    return ports


def namespace_labels(objects):
    labels = {}
    for _, obj in objects:
        if obj.get("kind") == "Namespace":
            name = (obj.get("metadata") or {}).get("name")
            labels[name] = dict((obj.get("metadata") or {}).get("labels") or {}, **{NAME_LABEL: name})
    return labels


def named_namespaces(policies):
    """The namespace names the policies' namespaceSelectors name."""
    names = set()
    for p in policies:
        for rule in p.ingress:
            for peer in rule.get("from") or []:
                sel = peer.get("namespaceSelector") or {}
                if NAME_LABEL in (sel.get("matchLabels") or {}):
                    names.add(sel["matchLabels"][NAME_LABEL])
                for e in sel.get("matchExpressions") or []:
                    if e.get("key") == NAME_LABEL and e.get("operator") == "In":
                        names.update(e.get("values") or [])
    return names


def ip_sources(policies):
    """ip:CIDR stand-ins for the partial ipBlocks of the policies."""
    nets = set()
    for p in policies:
        for rule in p.ingress:
            for peer in rule.get("from") or []:
                block = peer.get("ipBlock")
                if block is not None:
                    for text in [block.get("cidr")] + list(block.get("except") or []):
                        net = network(text, p.name)
                        if net.prefixlen:
                            nets.add(net)
    return [Source("ip:%s" % n, None, {}, {}, n.network_address)
            for n in sorted(nets, key=lambda n: (n.version, n))]


def model(paths):
    """(workloads, sources, policies, errors) of the manifests under PATHs."""
    objects, errors = k8s_inputs.read_paths(paths)
    ns_labels = namespace_labels(objects)
    pods, policies = [], []
    for file, obj in objects:
        try:
            pod = k8s_inputs.pod_template(file, obj)
        except k8s_inputs.InputError as e:
            errors.append(str(e))
            continue
        if pod is not None:
            pods.append(pod)
        elif obj.get("kind") == "NetworkPolicy":
            policies.append(Policy(obj))
    qualified = len({p.namespace for p in pods}) > 1
    workloads, seen = [], {}
    for pod in pods:
        wid = "%s/%s" % (pod.namespace, pod.name) if qualified else pod.name
        if wid in seen:
            errors.append("%s: two workloads named %s (%s and %s)" % (pod.file, wid, seen[wid], pod.kind))
            continue
        seen[wid] = pod.kind
        labels = ns_labels.get(pod.namespace, {NAME_LABEL: pod.namespace})
        workloads.append(Workload(wid, pod.namespace, pod.metadata.get("labels") or {}, labels,
                                  container_ports(pod)))
    if not workloads and not errors:
        errors.append("%s: no workloads" % " ".join(paths))
    known = {w.namespace for w in workloads} | set(ns_labels)
    sources = [Source(w.id, w.namespace, w.labels, w.ns_labels, None) for w in workloads]
    sources.append(Source("external", None, {}, {}, None))
    sources.append(Source("other-namespace", "other-namespace", {}, {NAME_LABEL: "other-namespace"}, None))
    sources += [Source("namespace:%s" % ns, ns, {}, {NAME_LABEL: ns}, None)
                for ns in sorted(named_namespaces(policies) - known - {"other-namespace"})]
    sources += ip_sources(policies)
    return workloads, sources, policies, errors


def matrix(workloads, sources, policies):
    """Every allowed connection, sorted."""
    edges = set()
    for dest in workloads:
        for number, protocol in sorted({(p.number, p.protocol) for p in dest.ports}):
            for source in sources:
                if allowed(policies, source, dest, number, protocol):
                    edges.add(Edge(source.id, dest.id, number, protocol))
    return sorted(edges)


# --- edges files --------------------------------------------------------------------

EDGE_LINE = re.compile(r"^(\S+)\s*->\s*(\S+):(\d+)(?:/(tcp|udp|sctp))?$", re.IGNORECASE)


def edge_text(e):
    return "%s -> %s:%d%s" % (e.source, e.dest, e.port, "" if e.protocol == "TCP" else "/" + e.protocol.lower())


def read_edges(file):
    """({edge: line number}, [error...]) of an edges file; edges is None when
    the file cannot be read."""
    edges, errors = {}, []
    try:
        with open(file, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except (OSError, UnicodeDecodeError) as e:
        return None, ["%s: cannot read: %s" % (file, getattr(e, "strerror", None) or e)]
    for n, line in enumerate(lines, 1):
        text = line.split("#", 1)[0].strip()
        if not text:
            continue
        m = EDGE_LINE.match(text)
        if not m:
            errors.append("%s:%d: not an edge (SOURCE -> DEST:PORT[/udp]): %s" % (file, n, text))
            continue
        edge = Edge(m.group(1), m.group(2), int(m.group(3)), (m.group(4) or "tcp").upper())
        if edge in edges:
            errors.append("%s:%d: %s listed twice (first on line %d)" % (file, n, edge_text(edge), edges[edge]))
            continue
        edges[edge] = n
    return edges, errors


def main(argv):
    ap = argparse.ArgumentParser(description="Evaluate NetworkPolicy ingress over Kubernetes manifests.")
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("matrix", help="print every allowed connection").add_argument("paths", nargs="+", metavar="PATH")
    c = sub.add_parser("check", help="compare the allowed connections with an edges file")
    c.add_argument("paths", nargs="+", metavar="PATH")
    c.add_argument("--edges", required=True, metavar="FILE")
    args = ap.parse_args(argv)

    try:
        workloads, sources, policies, errors = model(args.paths)
        edges = matrix(workloads, sources, policies)
    except PolicyError as e:
        errors, edges = ["cannot evaluate the policies: %s" % e], []
    for e in errors:
        print(e)
    if args.command == "matrix":
        for e in edges:
            print(edge_text(e))
        return 1 if errors else 0

    expected, edge_errors = read_edges(args.edges)
    for e in edge_errors:
        print(e)
    if errors or expected is None:  # nothing sound to compare
        print("netpol: 0 passed, %d failed" % (len(errors) + len(edge_errors)))
        return 1
    actual = set(edges)
    missing = sorted(set(expected) - actual, key=expected.get)
    extra = sorted(actual - set(expected))
    for e in missing:
        print("%s:%d: missing edge: %s (listed, but the policies deny it)" % (args.edges, expected[e], edge_text(e)))
    for e in extra:
        print("%s: extra edge: %s (the policies allow it, not listed)" % (args.edges, edge_text(e)))
    failed = len(missing) + len(extra) + len(errors) + len(edge_errors)
    print("netpol: %d passed, %d failed" % (len(actual & set(expected)), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
