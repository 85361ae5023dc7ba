#!/bin/sh
wget -q -O /dev/null http://localhost/ || exit 1
