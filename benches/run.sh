#!/usr/bin/env bash
# Benchmarks medvirk beside Zola and Hugo; see benches/run.py.
set -euo pipefail
exec python3 "$(dirname "$0")/run.py" "$@"
