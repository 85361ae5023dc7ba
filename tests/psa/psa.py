#!/usr/bin/env python3
# psa.py - checks pod templates against the Kubernetes Pod Security Standards.
#
# Usage:  python3 -B tests/psa/psa.py --level restricted|baseline PATH...
#
# PATH: a YAML stream, a YAML/JSON file (a JSON List too) or an output folder
# (its *.yaml and *.json files, not the kustomization file). Every pod
# template found is checked: Pod, Deployment, StatefulSet, DaemonSet,
# ReplicaSet, ReplicationController, Job (spec.template) and CronJob
# (spec.jobTemplate.spec.template), with its initContainers, containers and
# ephemeralContainers.
#
# The checks are a re-implementation of kubernetes/pod-security-admission
# policy/check_*.go at policy version "latest" (read at commit 8f84a87 of
# 2026-07, whose newest check version is v1.37): each check's newest version,
# the restricted checks overriding the baseline ones they replace
# (capabilities, hostPath/volume types, seccomp, procMount), in its order
# (baseline IDs sorted, then restricted IDs sorted). Reasons and details are
# that package's wording, as it would report a pod whose only offender is the
# one named. Like the real admission, it runs on what the API server would
# store: a volume with no source is the emptyDir the API defaults it to.
#
# Output: one line per violation,
#   FILE Kind/name SUBJECT: REASON: DETAIL
# SUBJECT being `pod`, `container NAME` or `volume NAME`, REASON the check's
# name as pod-security-admission prints it (`allowPrivilegeEscalation !=
# false`), then `psa: N passed, M failed` counting pod templates (and input
# errors as failures). Exit 0 when every template passed, 1 otherwise (also
# when no pod template was found), 2 on bad usage.
import argparse
import os
import sys
from collections import namedtuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import k8s_inputs  # noqa: E402  (the shared reader, beside this file)

Violation = namedtuple("Violation", "subject reason detail")


# --- helpers, as in policy/helpers.go -----------------------------------------

def join_quote(items):
    return '"' + '", "'.join(items) + '"' if items else ""


def pluralize(singular, plural, count):
    return singular if count == 1 else plural


def go_quote(s):
    """Go's %q for the plain strings found in manifests."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def sc(obj):
    """The securityContext of a pod spec or container, {} when absent."""
    return obj.get("securityContext") or {}


def is_int(v, n):
    return type(v) is int and v == n


def in_user_namespace(pod):
    """hostUsers: false relaxes some checks (policy version 1.35+)."""
    return pod.spec.get("hostUsers") is False


def is_windows(pod):
    """spec.os.name: windows exempts some restricted checks (1.25+)."""
    return ((pod.spec.get("os") or {}).get("name")) == "windows"


def containers(pod):
    return [c for _, c in pod.containers()]


def container(c):
    return "container %s" % c.get("name", "?")


def quoted(c):
    return 'container "%s"' % c.get("name", "?")


def context_setters(pod):
    """(subject, who, securityContext) of the pod and of each container: who
    is how pod-security-admission names the setter in a detail."""
    return [("pod", "pod", sc(pod.spec))] + [(container(c), quoted(c), sc(c)) for c in containers(pod)]


# --- baseline checks ----------------------------------------------------------

def app_armor_profile(pod):
    """appArmorProfile 1.0: profile types RuntimeDefault/Localhost only, and
    the beta annotations runtime/default, localhost/* or empty."""
    out = []
    reason = "forbidden AppArmor profile"

    def bad_type(ctx):
        profile = ctx.get("appArmorProfile")
        if profile is None:
            return None
        t = profile.get("type") or ""
        return None if t in ("RuntimeDefault", "Localhost") else t

    t = bad_type(sc(pod.spec))
    if t is not None:
        out.append(Violation("pod", reason, "pod must not set AppArmor profile type to %s" % join_quote([t])))
    for c in containers(pod):
        t = bad_type(sc(c))
        if t is not None:
            out.append(Violation(container(c), reason,
                                 "%s must not set AppArmor profile type to %s" % (quoted(c), join_quote([t]))))
    prefix = "container.apparmor.security.beta.kubernetes.io/"
    for key, value in sorted((pod.metadata.get("annotations") or {}).items()):
        value = "" if value is None else str(value)
        if key.startswith(prefix) and not (value in ("", "runtime/default") or value.startswith("localhost/")):
            out.append(Violation("pod", reason, "annotation must not set AppArmor profile type to %s"
                                 % join_quote(["%s=%s" % (key, go_quote(value))])))
    return out


CAPABILITIES_BASELINE = {
    "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD",
    "NET_BIND_SERVICE", "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
}


def capabilities_baseline(pod):
    """capabilities_baseline 1.0: add only from the default set."""
    out = []
    for c in containers(pod):
        caps = sc(c).get("capabilities") or {}
        bad = sorted({str(a) for a in caps.get("add") or []} - CAPABILITIES_BASELINE)
        if bad:
            out.append(Violation(container(c), "non-default capabilities",
                                 "%s must not include %s in securityContext.capabilities.add"
                                 % (quoted(c), join_quote(bad))))
    return out


def host_namespaces(pod):
    """hostNamespaces 1.0: no hostNetwork, hostPID, hostIPC."""
    used = ["%s=true" % f for f in ("hostNetwork", "hostPID", "hostIPC") if pod.spec.get(f) is True]
    return [Violation("pod", "host namespaces", ", ".join(used))] if used else []


def host_path_volumes(pod):
    """hostPathVolumes 1.0: no hostPath volume."""
    return [Violation("volume %s" % v.get("name", "?"), "hostPath volumes", 'volume "%s"' % v.get("name", "?"))
            for v in pod.spec.get("volumes") or [] if v.get("hostPath") is not None]


def host_ports(pod):
    """hostPorts 1.0: no hostPort but 0."""
    out = []
    for c in containers(pod):
        ports = sorted({str(p.get("hostPort")) for p in c.get("ports") or [] if p.get("hostPort") not in (None, 0)})
        if ports:
            out.append(Violation(container(c), "hostPort", "%s uses %s %s" % (
                quoted(c), pluralize("hostPort", "hostPorts", len(ports)), ", ".join(ports))))
    return out


def host_probes_and_host_lifecycle(pod):
    """hostProbesAndHostLifecycle 1.34: no `host` in probes' and lifecycle
    handlers' httpGet and tcpSocket."""
    out = []
    for c in containers(pod):
        handlers = [c.get(p) for p in ("livenessProbe", "readinessProbe", "startupProbe")]
        handlers += [(c.get("lifecycle") or {}).get(h) for h in ("postStart", "preStop")]
        hosts = sorted({str((h.get(kind) or {}).get("host")) for h in handlers if h
                        for kind in ("httpGet", "tcpSocket") if (h.get(kind) or {}).get("host")})
        if hosts:
            out.append(Violation(container(c), "probe or lifecycle host", "%s uses %s %s" % (
                quoted(c), pluralize("probe or lifecycle host", "probe or lifecycle hosts", len(hosts)),
                join_quote(hosts))))
    return out


def privileged(pod):
    """privileged 1.0: no privileged container."""
    return [Violation(container(c), "privileged", "%s must not set securityContext.privileged=true" % quoted(c))
            for c in containers(pod) if sc(c).get("privileged") is True]


def proc_mount_unconditional(pod):
    """procMount_1_0: procMount unset or Default."""
    out = []
    for c in containers(pod):
        mount = sc(c).get("procMount")
        if mount is not None and mount != "Default":
            out.append(Violation(container(c), "procMount", "%s must not set securityContext.procMount to %s"
                                 % (quoted(c), join_quote([str(mount)]))))
    return out


def proc_mount(pod):
    """procMount 1.35 (baseline): as procMount_1_0, any value in a user namespace."""
    return [] if in_user_namespace(pod) else proc_mount_unconditional(pod)


SELINUX_TYPES = {"", "container_t", "container_init_t", "container_kvm_t", "container_engine_t"}


def selinux_options(pod):
    """seLinuxOptions 1.31: type from the allowed list, no user, no role."""
    out = []
    for subject, who, ctx in context_setters(pod):
        opts = ctx.get("seLinuxOptions")
        if opts is None:
            continue
        bad = []
        t = opts.get("type") or ""
        if t not in SELINUX_TYPES:
            bad.append("type %s" % join_quote([t]))
        if opts.get("user"):
            bad.append("user may not be set")
        if opts.get("role"):
            bad.append("role may not be set")
        if bad:
            out.append(Violation(subject, "seLinuxOptions",
                                 "%s set forbidden securityContext.seLinuxOptions: %s" % (who, "; ".join(bad))))
    return out


SECCOMP_ALLOWED = ("RuntimeDefault", "Localhost")


def seccomp_bad_type(ctx):
    """The seccompProfile type a context sets if it is not allowed, else None."""
    profile = ctx.get("seccompProfile")
    if profile is None:
        return None
    t = profile.get("type") or ""
    return None if t in SECCOMP_ALLOWED else t


def seccomp_profile_baseline(pod):
    """seccompProfile_baseline 1.19: if set, RuntimeDefault or Localhost."""
    out = []
    for subject, who, ctx in context_setters(pod):
        t = seccomp_bad_type(ctx)
        if t is not None:
            out.append(Violation(subject, "seccompProfile", "%s must not set securityContext.seccompProfile.type to %s"
                                 % (who, join_quote([t]))))
    return out


SYSCTLS_SAFE = {
    "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start",  # 1.0
    "net.ipv4.ip_local_reserved_ports",  # 1.27
    "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",  # 1.29
    "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",  # 1.32
    "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat",  # 1.37
}


def sysctls(pod):
    """sysctls 1.37: only the safe sysctls."""
    bad = [str(s.get("name")) for s in sc(pod.spec).get("sysctls") or [] if s.get("name") not in SYSCTLS_SAFE]
    return [Violation("pod", "forbidden sysctls", ", ".join(bad))] if bad else []


def windows_host_process(pod):
    """windowsHostProcess 1.0: no windowsOptions.hostProcess=true."""
    out = []
    for subject, who, ctx in context_setters(pod):
        if (ctx.get("windowsOptions") or {}).get("hostProcess") is True:
            out.append(Violation(subject, "hostProcess",
                                 "%s must not set securityContext.windowsOptions.hostProcess=true" % who))
    return out


# --- restricted checks --------------------------------------------------------

def allow_privilege_escalation(pod):
    """allowPrivilegeEscalation 1.25: false, and set, in every container
    (Windows pods exempt)."""
    if is_windows(pod):
        return []
    return [Violation(container(c), "allowPrivilegeEscalation != false",
                      "%s must set securityContext.allowPrivilegeEscalation=false" % quoted(c))
            for c in containers(pod) if sc(c).get("allowPrivilegeEscalation") is not False]


def capabilities_restricted(pod):
    """capabilities_restricted 1.25: drop ALL, add only NET_BIND_SERVICE
    (Windows pods exempt)."""
    if is_windows(pod):
        return []
    out = []
    reason = "unrestricted capabilities"
    for c in containers(pod):
        caps = sc(c).get("capabilities")
        if caps is None or "ALL" not in (caps.get("drop") or []):
            out.append(Violation(container(c), reason,
                                 '%s must set securityContext.capabilities.drop=["ALL"]' % quoted(c)))
        bad = sorted({str(a) for a in (caps or {}).get("add") or [] if a != "NET_BIND_SERVICE"})
        if bad:
            out.append(Violation(container(c), reason, "%s must not include %s in securityContext.capabilities.add"
                                 % (quoted(c), join_quote(bad))))
    return out


VOLUMES_ALLOWED = ("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "image",
                   "persistentVolumeClaim", "projected", "secret")
VOLUMES_RESTRICTED = ("hostPath", "gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi",
                      "glusterfs", "rbd", "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile",
                      "vsphereVolume", "quobyte", "azureDisk", "photonPersistentDisk", "portworxVolume",
                      "scaleIO", "storageos")


def restricted_volumes(pod):
    """restrictedVolumes 1.0: only the allowed volume types."""
    out = []
    for v in pod.spec.get("volumes") or []:
        sources = [k for k, val in v.items() if k != "name" and val is not None]
        if not sources or any(v.get(k) is not None for k in VOLUMES_ALLOWED):
            continue  # (no source at all: the API server defaults it to emptyDir)
        kind = next((k for k in VOLUMES_RESTRICTED if v.get(k) is not None), "unknown")
        out.append(Violation("volume %s" % v.get("name", "?"), "restricted volume types",
                             'volume "%s" uses restricted volume type "%s"' % (v.get("name", "?"), kind)))
    return out


def run_as_non_root(pod):
    """runAsNonRoot 1.35: true on the pod, or on every container that the pod
    does not cover; never false (any value in a user namespace). As
    pod-security-admission does, explicit false settings are reported alone
    when there are any."""
    if in_user_namespace(pod):
        return []
    reason = "runAsNonRoot != true"
    pod_value = sc(pod.spec).get("runAsNonRoot")
    explicit = [Violation("pod", reason, "pod must not set securityContext.runAsNonRoot=false")] \
        if pod_value is False else []
    implicit = []
    for c in containers(pod):
        value = sc(c).get("runAsNonRoot")
        if value is False:
            explicit.append(Violation(container(c), reason,
                                      "%s must not set securityContext.runAsNonRoot=false" % quoted(c)))
        elif value is None and pod_value is not True:
            implicit.append(Violation(container(c), reason,
                                      "pod or %s must set securityContext.runAsNonRoot=true" % quoted(c)))
    return explicit or implicit


def run_as_user(pod):
    """runAsUser 1.35: never 0, on the pod or a container (any value in a
    user namespace)."""
    if in_user_namespace(pod):
        return []
    return [Violation(subject, "runAsUser=0", "%s must not set runAsUser=0" % who)
            for subject, who, ctx in context_setters(pod) if is_int(ctx.get("runAsUser"), 0)]


def seccomp_profile_restricted(pod):
    """seccompProfile_restricted 1.25: RuntimeDefault or Localhost on the pod,
    or on every container the pod does not cover (Windows pods exempt).
    Explicit bad values are reported alone when there are any."""
    if is_windows(pod):
        return []
    reason = "seccompProfile"
    pod_ctx = sc(pod.spec)
    t = seccomp_bad_type(pod_ctx)
    explicit = [Violation("pod", reason, "pod must not set securityContext.seccompProfile.type to %s"
                          % join_quote([t]))] if t is not None else []
    pod_set = t is None and pod_ctx.get("seccompProfile") is not None
    implicit = []
    for c in containers(pod):
        if sc(c).get("seccompProfile") is not None:
            t = seccomp_bad_type(sc(c))
            if t is not None:
                explicit.append(Violation(container(c), reason, "%s must not set securityContext.seccompProfile.type"
                                          " to %s" % (quoted(c), join_quote([t]))))
        elif not pod_set:
            implicit.append(Violation(container(c), reason, 'pod or %s must set securityContext.seccompProfile.type'
                                      ' to "RuntimeDefault" or "Localhost"' % quoted(c)))
    return explicit or implicit


# --- the registry -------------------------------------------------------------

# (ID, level, check, the baseline IDs it overrides), as in policy/registry.go.
CHECKS = [
    ("appArmorProfile", "baseline", app_armor_profile, ()),
    ("capabilities_baseline", "baseline", capabilities_baseline, ()),
    ("hostNamespaces", "baseline", host_namespaces, ()),
    ("hostPathVolumes", "baseline", host_path_volumes, ()),
    ("hostPorts", "baseline", host_ports, ()),
    ("hostProbesAndHostLifecycle", "baseline", host_probes_and_host_lifecycle, ()),
    ("privileged", "baseline", privileged, ()),
    ("procMount", "baseline", proc_mount, ()),
    ("seLinuxOptions", "baseline", selinux_options, ()),
    ("seccompProfile_baseline", "baseline", seccomp_profile_baseline, ()),
    ("sysctls", "baseline", sysctls, ()),
    ("windowsHostProcess", "baseline", windows_host_process, ()),
    ("allowPrivilegeEscalation", "restricted", allow_privilege_escalation, ()),
    ("capabilities_restricted", "restricted", capabilities_restricted, ("capabilities_baseline",)),
    ("procMount_restricted", "restricted", proc_mount_unconditional, ("procMount",)),
    ("restrictedVolumes", "restricted", restricted_volumes, ("hostPathVolumes",)),
    ("runAsNonRoot", "restricted", run_as_non_root, ()),
    ("runAsUser", "restricted", run_as_user, ()),
    ("seccompProfile_restricted", "restricted", seccomp_profile_restricted, ("seccompProfile_baseline",)),
]


def checks_for(level):
    """The checks of a level, in pod-security-admission's order: baseline IDs
    sorted, then restricted IDs sorted, without the overridden ones."""
    chosen = [c for c in CHECKS if c[1] == "baseline" or level == "restricted"]
    overridden = {o for c in chosen for o in c[3]}
    chosen = [c for c in chosen if c[0] not in overridden]
    return sorted(chosen, key=lambda c: (c[1] != "baseline", c[0]))


def check_pod(pod, level):
    """Every violation of one pod template, in check order."""
    return [v for _, _, check, _ in checks_for(level) for v in check(pod)]


def main(argv):
    ap = argparse.ArgumentParser(description="Check pod templates against a Pod Security Standard.")
    ap.add_argument("--level", required=True, choices=("restricted", "baseline"))
    ap.add_argument("paths", nargs="+", metavar="PATH")
    args = ap.parse_args(argv)
    objects, errors = k8s_inputs.read_paths(args.paths)
    passed = 0
    failed = len(errors)
    for e in errors:
        print(e)
    templates = 0
    for file, obj in objects:
        try:
            pod = k8s_inputs.pod_template(file, obj)
        except k8s_inputs.InputError as e:
            print(e)
            failed += 1
            continue
        if pod is None:
            continue
        templates += 1
        violations = check_pod(pod, args.level)
        for v in violations:
            print("%s %s: %s: %s" % (pod.label, v.subject, v.reason, v.detail))
        if violations:
            failed += 1
        else:
            passed += 1
    if templates == 0 and not errors:
        print("%s: no pod templates" % " ".join(args.paths))
        failed += 1
    print("psa: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
