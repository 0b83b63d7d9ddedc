#!/usr/bin/env bash
# Installs the system programs minigrad needs: Graphviz's `dot` (to draw graphs),
# python3-venv on Debian/Ubuntu if missing, with --browser Chromium (for the
# real-browser tests), and with --grade bubblewrap (`bwrap`, the sandbox minigrad-grade
# runs every submitted notebook in; Linux only). Debian/Ubuntu (apt), macOS (Homebrew)
# and conda are handled; elsewhere it prints what to install and goes on.
set -u
want_browser=0
want_grade=0
for option in "$@"; do
  case "$option" in
    --browser) want_browser=1 ;;
    --grade) want_grade=1 ;;
  esac
done

have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo "$@"; else return 1; fi; }

packages=()
have dot || packages+=(graphviz)
# Debian/Ubuntu ship `python3 -m venv` (which `make` uses for .venv) in a package of its own.
if have apt-get && have python3 && ! python3 -c "import ensurepip" >/dev/null 2>&1; then
  packages+=(python3-venv)
fi
if [ "$want_browser" = 1 ] && ! have chromium && ! have chromium-browser && ! have google-chrome; then
  packages+=(chromium)
fi
if [ "$want_grade" = 1 ] && [ "$(uname -s)" = Linux ] && ! have bwrap; then
  packages+=(bubblewrap)
fi
[ ${#packages[@]} -eq 0 ] && exit 0

echo "minigrad: installing ${packages[*]} ..."
if have apt-get; then
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" && exit 0
elif have brew; then
  for p in "${packages[@]}"; do
    if [ "$p" = chromium ]; then brew install --cask chromium; else brew install "$p"; fi
  done && exit 0
elif have conda && [ "${packages[*]}" = graphviz ]; then
  conda install -y -c conda-forge graphviz && exit 0
fi
cat >&2 <<MSG
minigrad: could not install ${packages[*]} automatically. Please install it yourself:
  Debian/Ubuntu:  sudo apt-get install graphviz python3-venv chromium bubblewrap
  Fedora:         sudo dnf install graphviz bubblewrap
  macOS:          brew install graphviz   (and: brew install --cask chromium)
  conda:          conda install -c conda-forge graphviz
Graphs fall back to a text view until Graphviz's 'dot' is on the PATH.
MSG
exit 0
