#!/usr/bin/env bash
# Runs a command with every language toolchain's downloads and caches inside the repo's
# git-ignored .cache/ folder, then with the offline flags (offline-env.sh).
# Why: CI runs on a fresh clone; nothing may rely on a cache outside the repo, and a second run
# on the same machine (or a second language in one run) reuses what the first one fetched.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache="$(cd "$here/../.." && pwd)/.cache"
mkdir -p "$cache"
export DDB_LOCK_CACHE="$cache"
# Go: modules from the Go module proxy, the build cache (aws-cdk-go compiles once per machine).
export GOPATH="$cache/go"
export GOMODCACHE="$cache/go/pkg/mod"
export GOCACHE="$cache/go-build"
export GOFLAGS=-mod=mod
# Use the machine's Go; never download another toolchain.
export GOTOOLCHAIN=local
# Python: pip's downloads.
export PIP_CACHE_DIR="$cache/pip"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export PIP_NO_INPUT=1
# Maven: the local repository (pacmak gets it as --maven-local-repository, mvn as -Dmaven.repo.local).
export DDB_LOCK_M2="$cache/m2"
exec bash "$here/offline-env.sh" "$@"
