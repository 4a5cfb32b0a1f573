#!/usr/bin/env bash
# The toolchains the construct's language test needs (`npm run test:languages`): Python >= 3.10
# with venv, a JDK >= 17 with Maven, Go >= 1.25 (the go.mod of aws-cdk-go 2.257 says go 1.25).
# This machine kind ships all of them; where one is missing, install what Debian's packages
# provide (Maven, a JDK, python3-venv) and fail clearly for what they do not (Debian 12's Go is
# 1.19). Called by .ci/run before `npm test`; prints the versions found.
set -euo pipefail

apt_install() {
  echo "toolchains: installing $* from Debian's packages"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

version_at_least() { # version minimum
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

command -v java >/dev/null && command -v javac >/dev/null || apt_install openjdk-17-jdk-headless
command -v mvn >/dev/null || apt_install maven
python3 -c 'import ensurepip, venv' 2>/dev/null || apt_install python3-venv

python_version="$(python3 -c 'import platform; print(platform.python_version())')"
java_version="$(java -version 2>&1 | sed -n 's/.*version "\([0-9.]*\).*/\1/p' | head -n1)"
go_version="$(go env GOVERSION 2>/dev/null | sed 's/^go//' || true)"

version_at_least "$python_version" 3.10 || { echo "toolchains: Python $python_version is older than 3.10" >&2; exit 1; }
version_at_least "$java_version" 17 || { echo "toolchains: Java $java_version is older than 17" >&2; exit 1; }
if [ -z "$go_version" ] || ! version_at_least "$go_version" 1.25; then
  echo "toolchains: Go ${go_version:-(none)} found; the language test needs Go >= 1.25, which Debian's packages do not provide" >&2
  exit 1
fi
echo "toolchains: python $python_version, java $java_version, $(mvn -v 2>/dev/null | head -n1 | sed 's/\x1b\[[0-9;]*m//g'), go $go_version"
