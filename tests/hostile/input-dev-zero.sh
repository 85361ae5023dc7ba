#!/usr/bin/env bash
# /dev/zero as the input: an endless file stops at the input limit (E0005).
$TODOKC /dev/zero >/dev/null
