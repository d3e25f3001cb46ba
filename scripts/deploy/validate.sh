#!/usr/bin/env bash
# Validates the deployment files: renders each Kubernetes overlay with kustomize and checks every
# resource with kubeconform against the Kubernetes API's schemas (strict: no unknown fields) and the
# KEDA CRDs' schemas, and every Strimzi KafkaTopic against the models generated from Strimzi's CRDs
# (npm @kubernetes-models/strimzi-kafka-operator, a devDependency of the workspace); checks
# deploy/compose.yaml against the Compose specification's JSON schema. Everything else it needs
# comes from the package registries into ${PRIEMNAYA_CACHE:-.cache}/tools/deploy once (a few
# minutes the first time); later runs reuse it.
#
#   scripts/deploy/validate.sh      prints one line per check and the totals; exits non-zero on any error
#
# Rendered manifests are kept as JSON in .cache/deploy/ for tests/deploy-manifests.test.ts.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${PRIEMNAYA_CACHE:-$ROOT/.cache}
TOOLS=$CACHE/tools/deploy
OUT=$CACHE/deploy
KUBECONFORM_VERSION=v0.7.0
KUSTOMIZE_VERSION=v5.8.0
# The Kubernetes release whose API the manifests are checked against, and the KEDA release.
KUBERNETES_VERSION=v1.34.2
KEDA_VERSION=v2.18.1
# The Compose specification's schema as Docker Compose itself validates with (compose-go).
COMPOSE_GO_VERSION=v2.10.1
NPM_PACKAGES=(yaml@2.9.1 ajv@8.20.0)
OVERLAYS=(production)

say() { printf '[deploy] %s\n' "$*" >&2; }
die() { printf '[deploy] error: %s\n' "$*" >&2; exit 1; }

# go install into the tools cache, once per version.
go_tool() {
  local name=$1 module=$2 version=$3
  if [[ -x $TOOLS/bin/$name && $(cat "$TOOLS/bin/.$name.version" 2>/dev/null) == "$version" ]]; then return; fi
  command -v go >/dev/null || die "Go is required to install $name from the Go module proxy"
  say "installing $name $version from the Go module proxy"
  mkdir -p "$TOOLS/bin"
  (cd / && GOBIN=$TOOLS/bin GOFLAGS=-mod=mod nice -n 10 go install "$module@$version") || die "go install $module@$version failed"
  echo "$version" >"$TOOLS/bin/.$name.version"
}

# The directory of a Go module in the module cache, downloaded if needed (only its files are read).
go_module_dir() {
  local json dir
  json=$(cd / && GOFLAGS=-mod=mod go mod download -json "$1@$2") || die "go mod download $1@$2 failed"
  dir=$(sed -n 's/^[[:space:]]*"Dir": "\(.*\)",\{0,1\}$/\1/p' <<<"$json")
  [[ -n $dir && -d $dir ]] || die "no module directory for $1@$2 in: $json"
  echo "$dir"
}

install_tools() {
  go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION"
  go_tool kustomize sigs.k8s.io/kustomize/kustomize/v5 "$KUSTOMIZE_VERSION"
  local stamp="${NPM_PACKAGES[*]}"
  if [[ $(cat "$TOOLS/npm/.installed" 2>/dev/null) != "$stamp" ]]; then
    say "installing ${NPM_PACKAGES[*]} from the npm registry"
    mkdir -p "$TOOLS/npm"
    npm install --prefix "$TOOLS/npm" --no-audit --no-fund --no-save --loglevel=error "${NPM_PACKAGES[@]}" >&2 \
      || die "npm install ${NPM_PACKAGES[*]} failed"
    echo "$stamp" >"$TOOLS/npm/.installed"
  fi
  export DEPLOY_NODE_MODULES=$TOOLS/npm/node_modules
}

build_schemas() {
  local schemas=$TOOLS/schemas stamp
  # The transform is part of the stamp: editing it rebuilds the set.
  stamp="$KUBERNETES_VERSION $KEDA_VERSION $(cksum <"$ROOT/scripts/deploy/json-schemas.ts")"
  if [[ $(cat "$schemas/.stamp" 2>/dev/null) == "$stamp" ]]; then SCHEMAS=$schemas; return; fi
  say "building JSON schemas: Kubernetes $KUBERNETES_VERSION API, KEDA $KEDA_VERSION CRDs (Go module proxy)"
  local kubernetes keda
  kubernetes=$(go_module_dir k8s.io/kubernetes "$KUBERNETES_VERSION")
  keda=$(go_module_dir github.com/kedacore/keda/v2 "$KEDA_VERSION")
  rm -rf "$schemas"
  (cd "$ROOT" && node --import tsx scripts/deploy/tools.ts schemas \
    "$kubernetes/api/openapi-spec/swagger.json" "$keda/config/crd/bases" "$schemas")
  echo "$stamp" >"$schemas/.stamp"
  SCHEMAS=$schemas
}

main() {
  local started=$SECONDS failed=0 total=0
  install_tools
  build_schemas
  mkdir -p "$OUT"
  for overlay in "${OVERLAYS[@]}" base; do
    local dir=$ROOT/deploy/k8s/overlays/$overlay
    [[ $overlay == base ]] && dir=$ROOT/deploy/k8s/base
    local rendered=$OUT/$overlay.yaml
    say "rendering $overlay with kustomize $KUSTOMIZE_VERSION"
    "$TOOLS/bin/kustomize" build "$dir" >"$rendered" || { failed=1; say "kustomize build $dir failed"; continue; }
    (cd "$ROOT" && node --import tsx scripts/deploy/tools.ts to-json "$rendered" "$OUT/$overlay.json")
    say "validating $overlay with kubeconform $KUBECONFORM_VERSION (strict)"
    local summary
    # Strimzi ships no JSON schema kubeconform could read: its KafkaTopics are checked just below.
    summary=$("$TOOLS/bin/kubeconform" -strict -summary -output text -skip KafkaTopic \
      -schema-location "$SCHEMAS/{{ .ResourceKind }}{{ .KindSuffix }}.json" "$rendered" 2>&1) || failed=1
    printf '%s\n' "$summary" | sed "s#^#[deploy] $overlay: #" >&2
    # "Summary: 77 resources found in 1 file - Valid: 77, Invalid: 0, Errors: 0, Skipped: 0"
    local found
    found=$(sed -n 's/^Summary: \([0-9]*\) resources\{0,1\} found.*/\1/p' <<<"$summary")
    echo "k8s $overlay: ${summary##*Summary: }"
    (cd "$ROOT" && node --import tsx scripts/deploy/tools.ts kafka-topics "$OUT/$overlay.json" "$overlay") || failed=1
    total=$((total + ${found:-0}))
  done
  say "validating deploy/compose.yaml against the Compose specification (compose-go $COMPOSE_GO_VERSION)"
  local compose_go
  compose_go=$(go_module_dir github.com/compose-spec/compose-go/v2 "$COMPOSE_GO_VERSION")
  (cd "$ROOT" && node --import tsx scripts/deploy/tools.ts compose deploy/compose.yaml "$compose_go/schema/compose-spec.json") || failed=1
  (cd "$ROOT" && node --import tsx scripts/deploy/tools.ts to-json deploy/compose.yaml "$OUT/compose.json")
  say "finished in $((SECONDS - started)) s: $total resources checked"
  return "$failed"
}

main "$@"
