#!/usr/bin/env bash
# Builds pauta's release binaries into dist/, one per platform the municipalities use, with
# the version and commit stamped in (pauta --version prints them), and dist/SHA256SUMS.
#
#   scripts/release.sh            # version from `git describe`, e.g. v1.2.0 or v1.2.0-3-gabc1234
#   VERSION=v1.2.0 scripts/release.sh
#
# -trimpath keeps the builder's folders out of the binaries; with CGO off and the same Go
# version, two runs on the same commit give the same bytes.
set -euo pipefail
cd "$(dirname "$0")/.."

commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo desconocido)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then
  commit="$commit-modificado"
fi
VERSION=${VERSION:-$(git describe --tags --always --dirty 2>/dev/null || echo dev)}

platforms=(windows/amd64 darwin/arm64 darwin/amd64 linux/amd64 linux/arm64)

rm -rf dist
mkdir -p dist
for p in "${platforms[@]}"; do
  os=${p%/*} arch=${p#*/}
  name="pauta-$VERSION-$os-$arch"
  [ "$os" = windows ] && name="$name.exe"
  echo "dist/$name"
  CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -buildvcs=false \
    -ldflags "-s -w -X main.version=$VERSION -X main.commit=$commit" \
    -o "dist/$name" ./cmd/pauta
done
(cd dist && sha256sum pauta-* > SHA256SUMS)
echo "dist/SHA256SUMS"
