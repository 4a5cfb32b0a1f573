#!/usr/bin/env bash
# Builds every jsii target into dist/ and prints how long each took:
#   js     dist/js/*.jsii.tgz              (npm pack)
#   python dist/python/*.whl, *.tar.gz     (pacmak's own venv; pip downloads into .cache/pip)
#   java   dist/java/io/github/ddb-lock/…  (Maven, local repository .cache/m2)
#   go     dist/go/ddblockconstruct        (a Go module; modules and build cache in .cache/go*)
#          dist/go-proxy                   (that module as a GOPROXY=file:// folder, scripts/go-proxy)
# Run through scripts/lang-env.sh, which points every cache into the repo's .cache/.
set -euo pipefail
cd "$(dirname "$0")/.."

timed() {
  local label="$1"; shift
  local start=$SECONDS
  "$@"
  echo "package $label: $((SECONDS - start)) s"
}

for target in js python java; do
  timed "$target" jsii-pacmak --targets "$target" --outdir dist --maven-local-repository "$DDB_LOCK_M2"
done

# Go: pacmak writes the module's go.mod with every transitive jsii dependency at its npm version
# as `// indirect`. Those versions need not exist as Go modules (npm resolves
# @aws-cdk/cloud-assembly-schema 53.28.0 here; the Go module proxy has 53.25.0, the version
# aws-cdk-go 2.257.0 itself requires), so pacmak's own `go mod tidy` fails. Generate the code
# only, drop the indirect lines and let Go's minimal version selection pick them, then compile.
go_module() {
  jsii-pacmak --targets go --code-only --outdir dist
  local dir=dist/go/ddblockconstruct
  sed -i '/\/\/ indirect$/d' "$dir/go.mod"
  (cd "$dir" && go mod tidy && go build ./...)
  # The module as a Go module proxy serves it, at the package's version: the language test and
  # the release read it from there, by module path and version, as users get it.
  local module version
  module="$(sed -n 's/^module //p' "$dir/go.mod")"
  version="v$(node -p 'require("./package.json").version')"
  rm -rf dist/go-proxy
  (cd scripts/go-proxy && go run . -module "$module" -version "$version" -dir ../../"$dir" -out ../../dist/go-proxy)
}
timed go go_module
