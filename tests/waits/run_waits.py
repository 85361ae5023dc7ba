#!/usr/bin/env python3
"""run_waits.py - runs the commands of todokc's wait init containers against
stand-ins for what they talk to, and checks when each stops waiting.

Usage: run_waits.py MANIFESTS.yaml

Each wait container's `sh -c SCRIPT` is run with stand-ins for nc, wget and
curl first on PATH (they answer as a scenario says) and with its token
folder moved to a scratch folder, under `timeout`.  Its `sleep 2` between
rounds becomes `exit 99`, so that one round of the loop says whether the
command would wait.  Scenarios:
  - a workload's wait (nc, wget): stops when the check succeeds, waits
    while it fails;
  - a job's wait (curl): stops when the Job has succeeded, or is gone
    (404: removed after it finished), waits while it runs, has failed
    once, or the API refuses (403); the stand-in answers indented JSON
    as the API server does to curl, unless asked for pretty=false.
Prints one line per check and "waits: N passed, M failed".
"""
import json
import os
import subprocess
import sys
import tempfile

import yaml

TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount"


def wait_containers(path):
    for doc in yaml.safe_load_all(open(path)):
        if not doc:
            continue
        spec = doc.get("spec", {})
        spec = spec.get("jobTemplate", {}).get("spec", spec)
        pod = spec.get("template", {}).get("spec", {})
        for c in pod.get("initContainers", []):
            if c["name"].startswith("wait-for-"):
                yield doc["metadata"]["name"], c


def stand_in(folder, name, body):
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write("#!/bin/sh\n" + body + "\n")
    os.chmod(path, 0o755)


def stops(script, tools):
    """Whether one round of the wait loop ends it (True) or would sleep."""
    with tempfile.TemporaryDirectory() as d:
        for name, body in tools.items():
            stand_in(d, name, body)
        for f in ("token", "ca.crt", "namespace"):
            open(os.path.join(d, f), "w").write("x")
        script = script.replace(TOKEN, d)
        if "; sleep 2; done" not in script:
            raise RuntimeError("the wait command does not sleep between rounds")
        script = script.replace("; sleep 2; done", "; exit 99; done")
        r = subprocess.run(["timeout", "10", "sh", "-c", script],
                           env={"PATH": d + ":/usr/bin:/bin"},
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if r.returncode not in (0, 99):
            raise RuntimeError("the wait command ended with status %d" % r.returncode)
        return r.returncode == 0


def curl_answer(body, code):
    """The API server's answer to curl: JSON indented (`"succeeded": 1`),
    as it writes it for a User-Agent starting with curl, unless the query
    says pretty=false (isPrettyPrint() of the apiserver's negotiation)."""
    pretty = json.dumps(json.loads(body), indent=4)
    return ("case \"$*\" in *pretty=false*) printf '%%s' '%s %s' ;; *) printf '%%s' '%s %s' ;; esac"
            % (body, code, pretty, code))


def main():
    passed = failed = 0
    for workload, c in wait_containers(sys.argv[1]):
        script = c["command"][2]
        job = "curl" in script
        if job:
            cases = [
                ("succeeded", curl_answer('{"status":{"succeeded":1}}', 200), True),
                ("gone", curl_answer('{"kind":"Status","code":404}', 404), True),
                ("running", curl_answer('{"status":{"active":1}}', 200), False),
                ("failed once", curl_answer('{"status":{"failed":1,"active":1}}', 200), False),
                ("forbidden", curl_answer('{"kind":"Status","code":403}', 403), False),
            ]
            tools = lambda answer: {"curl": answer}
        else:
            cases = [("answers", "exit 0", True), ("refuses", "exit 1", False)]
            tools = lambda answer: {"nc": answer, "wget": answer}
        for what, answer, want in cases:
            got = stops(script, tools(answer))
            ok = got == want
            passed += ok
            failed += not ok
            print("%s %s/%s: %s: %s" % ("ok  " if ok else "FAIL", workload, c["name"], what,
                                          "stops" if got else "waits"))
    print("waits: %d passed, %d failed" % (passed, failed))
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    sys.exit(main())
