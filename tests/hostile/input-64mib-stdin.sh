#!/usr/bin/env bash
# 100 MiB on standard input ("-"): todokc stops reading past 64 MiB
# (E0005) instead of taking it all.
head -c 104857600 /dev/zero | tr '\0' '#' | $TODOKC - >/dev/null
