#!/usr/bin/env bash
# -D values with newlines, YAML indicators and words that YAML 1.1 types
# (yes, null, 0o17, 1e3, 2024-01-01, ...), put into ConfigMap data, an
# env value, an annotation and args: the YAML must read back (PyYAML) as
# exactly the same strings, and the JSON (Python's json) too.  Skipped
# without python3 and PyYAML.
if ! command -v python3 >/dev/null || ! python3 -c 'import yaml' 2>/dev/null; then
	echo "hostile: dflag-yaml-specials skipped (no python3 with PyYAML)"
	exit 0
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/s.todok" <<'TODOK'
stack s {
  param p = "default"
  config c {
    V = p
    W = "[${p}]"
  }
  service a {
    image "nginx:1.27"
    expose none
    env { E = p }
    annotations { "note" = "${p}" }
    args ["${p}", "--flag=${p}"]
  }
}
TODOK
cd "$tmp" && python3 - <<'PY'
import json, os, shlex, subprocess, sys, yaml
todokc = shlex.split(os.environ["TODOKC"])
values = [
    "a\nb", "yes", "Yes", "no", "on", "off", "y", "n", "true", "False", "null",
    "Null", "~", "", " ", "  ", ": x", "a: b", "a:b", "- a", "-", "#c", "a #c",
    "&a", "*a", "!t", "!!str", "%x", "@x", "`x", '"q"', "'s'", " lead",
    "trail ", "t\tab", "0o17", "0x1F", "017", "0b101", "1_000", "1e3", "1E3",
    ".5", "-.5", "+1", "-1", "1.0", ".inf", "-.Inf", ".nan", "2024-01-01",
    "2001-12-14t21:59:43.10-05:00", "1:20", "<<", "=", "{a: 1}", "[1]", "? x",
    "|", ">", "a\n", "\n", "\n\n", "\r", "x\r\ny", "---", "...", "a\n---\nb",
    "\u0085", "\u2028", "\ufeff", "\x01", "\x7f", "\u0080", "a: b\n  c",
    "\\", "\\n", "${x}", "$(x)", "\U0001F600", "line1\n line2\n\tline3",
    " \n ", "key: [a, b]", "{{ template }}", "%TAG ! x", "a" * 5000,
]
for v in values:
    for fmt in ("yaml", "json"):
        p = subprocess.run(todokc + ["s.todok", "--format", fmt, "-D", "p=" + v],
                           capture_output=True)
        if p.returncode != 0:
            sys.exit("hostile: -D p=%r --format %s: exit status %d: %s"
                     % (v, fmt, p.returncode, p.stderr[:300]))
        text = p.stdout.decode("utf-8")
        if fmt == "yaml":
            docs = [d for d in yaml.safe_load_all(text) if d]
        else:
            docs = json.loads(text)["items"]
        cm = [d for d in docs if d["kind"] == "ConfigMap"][0]
        dep = [d for d in docs if d["kind"] == "Deployment"][0]
        pod = dep["spec"]["template"]
        ctr = pod["spec"]["containers"][0]
        env = {e["name"]: e.get("value") for e in ctr.get("env", [])}
        got = [cm["data"]["V"], cm["data"]["W"], env.get("E"),
               pod["metadata"]["annotations"]["note"], ctr["args"]]
        want = [v, "[" + v + "]", v, v, [v, "--flag=" + v]]
        if got != want:
            sys.exit("hostile: -D p=%r --format %s reads back as %r" % (v, fmt, got))
print("hostile: %d -D values read back exactly from YAML and JSON" % len(values))
PY
