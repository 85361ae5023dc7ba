#!/usr/bin/env python3
"""apiserver.py PORTFILE - a stand-in for the Kubernetes API server's
discovery, on the loopback address, for `kubectl apply --dry-run=client`.

kubectl needs the API's discovery documents to map each object's kind to
its resource, and asks for each object to decide between create and
patch.  This server answers discovery for the kinds todokc writes, and
404 for every object, so that kubectl reports each one as "created (dry
run)".  It listens on 127.0.0.1 on a port the system chooses, writes that
port to PORTFILE, and serves until it is killed.  Nothing is stored.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# group/version -> [(resource, kind, namespaced)]
RESOURCES = {
    "v1": [("namespaces", "Namespace", False), ("serviceaccounts", "ServiceAccount", True),
           ("secrets", "Secret", True), ("configmaps", "ConfigMap", True),
           ("persistentvolumeclaims", "PersistentVolumeClaim", True),
           ("services", "Service", True), ("pods", "Pod", True)],
    "apps/v1": [("deployments", "Deployment", True), ("statefulsets", "StatefulSet", True)],
    "batch/v1": [("jobs", "Job", True), ("cronjobs", "CronJob", True)],
    "autoscaling/v2": [("horizontalpodautoscalers", "HorizontalPodAutoscaler", True)],
    "networking.k8s.io/v1": [("ingresses", "Ingress", True),
                             ("networkpolicies", "NetworkPolicy", True)],
    "rbac.authorization.k8s.io/v1": [("roles", "Role", True), ("rolebindings", "RoleBinding", True)],
    "policy/v1": [("poddisruptionbudgets", "PodDisruptionBudget", True)],
    "gateway.networking.k8s.io/v1": [("httproutes", "HTTPRoute", True)],
}
VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"]


def resource_list(gv):
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv,
            "resources": [{"name": r, "singularName": k.lower(), "namespaced": ns, "kind": k,
                           "verbs": VERBS} for r, k, ns in RESOURCES[gv]]}


def group_list():
    groups = []
    for gv in RESOURCES:
        if "/" not in gv:
            continue
        group, version = gv.split("/")
        entry = {"groupVersion": gv, "version": version}
        groups.append({"name": group, "versions": [entry], "preferredVersion": entry})
    return {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0].rstrip("/")
        if path == "/version":
            return self.reply(200, {"major": "1", "minor": "31", "gitVersion": "v1.31.0"})
        if path == "/api":
            return self.reply(200, {"kind": "APIVersions", "versions": ["v1"],
                                    "serverAddressByClientCIDRs": []})
        if path == "/apis":
            return self.reply(200, group_list())
        if path == "/api/v1":
            return self.reply(200, resource_list("v1"))
        parts = path.split("/")
        if len(parts) == 4 and parts[1] == "apis" and "/".join(parts[2:4]) in RESOURCES:
            return self.reply(200, resource_list("/".join(parts[2:4])))
        self.reply(404, {"kind": "Status", "apiVersion": "v1", "status": "Failure",
                         "message": "not found", "reason": "NotFound", "code": 404})


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(sys.argv[1], "w") as f:
        f.write(str(server.server_address[1]))
    server.serve_forever()


if __name__ == "__main__":
    main()
