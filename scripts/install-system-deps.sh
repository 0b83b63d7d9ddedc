#!/usr/bin/env bash
# Installs the system programs minigrad uses, then says plainly what is still missing.
#
#   Graphviz's `dot`   optional: graphs are drawn in the browser without it; it is used to
#                      save SVG files and for the pictures a notebook keeps for GitHub
#   python3-venv       Debian/Ubuntu only, when missing: `make` keeps packages in .venv
#   --browser: Chromium and a Chinese font (the real-browser tests and their screenshots)
#   --grade: bubblewrap (`bwrap`, the sandbox minigrad-grade runs every submitted notebook
#            in; Linux only)
#
# Debian/Ubuntu (apt, waiting while another program holds apt's lock), macOS (Homebrew)
# and conda are handled; elsewhere it prints what to install. Only a missing venv module
# (without which `make` cannot go on) makes it fail.
set -u
want_browser=0
want_grade=0
for option in "$@"; do
  case "$option" in
    --browser) want_browser=1 ;;
    --grade) want_grade=1 ;;
  esac
done
LOCK_WAIT=${MINIGRAD_APT_WAIT:-600}  # seconds to wait for another apt/dpkg to finish

have() { command -v "$1" >/dev/null 2>&1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif have sudo; then sudo "$@"; else return 1; fi; }
have_browser() { have chromium || have chromium-browser || have google-chrome; }
needs_venv() { have apt-get && have python3 && ! python3 -c "import ensurepip" >/dev/null 2>&1; }
needs_chinese_font() { have fc-list && [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; }

wanted() {
  have dot || echo graphviz
  needs_venv && echo python3-venv
  if [ "$want_browser" = 1 ]; then
    have_browser || echo chromium
    have apt-get && needs_chinese_font && echo fonts-noto-cjk
  fi
  if [ "$want_grade" = 1 ] && [ "$(uname -s)" = Linux ]; then
    have bwrap || echo bubblewrap
  fi
}

# apt-get, retried while another apt or dpkg (an update in the background, another
# terminal) holds the lock, instead of giving up at once.
apt_get() {
  local waited=0 log
  log=$(mktemp)
  while true; do
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=60 "$@" 2>"$log"; then
      rm -f "$log"; return 0
    fi
    if ! grep -q "Could not get lock\|Unable to acquire the dpkg\|is another process using it" "$log" \
        || [ "$waited" -ge "$LOCK_WAIT" ]; then
      cat "$log" >&2; rm -f "$log"; return 1
    fi
    [ "$waited" = 0 ] && echo "minigrad: another program is installing packages (apt is locked); waiting up to ${LOCK_WAIT}s ..."
    sleep 5; waited=$((waited + 5))
  done
}

packages=($(wanted))
if [ ${#packages[@]} -gt 0 ]; then
  echo "minigrad: installing ${packages[*]} ..."
  if have apt-get; then
    apt_get update -qq && apt_get install -y -qq "${packages[@]}"
  elif have brew; then
    for p in "${packages[@]}"; do
      if [ "$p" = chromium ]; then brew install --cask chromium; else brew install "$p"; fi
    done
  elif have conda && [ "${packages[*]}" = graphviz ]; then
    conda install -y -c conda-forge graphviz
  fi
fi

# What is still missing, and what that means.
status=0
for p in $(wanted); do
  case "$p" in
    graphviz) cat >&2 <<MSG
minigrad: Graphviz's dot is not installed. Graphs are still drawn in the browser; dot is
  only needed for SVG files (save_svg) and the pictures a notebook keeps for GitHub. To add it:
  Debian/Ubuntu: sudo apt-get install graphviz   macOS: brew install graphviz
  conda: conda install -c conda-forge graphviz   Windows: winget install graphviz
MSG
    ;;
    python3-venv) status=1; cat >&2 <<MSG
minigrad: Python's venv module is missing, so make cannot create .venv.
  Install it (sudo apt-get install python3-venv), or activate an environment of your own.
MSG
    ;;
    chromium) cat >&2 <<MSG
minigrad: Chromium is not installed: the real-browser tests will be skipped.
  Debian/Ubuntu: sudo apt-get install chromium   macOS: brew install --cask chromium
MSG
    ;;
    fonts-noto-cjk) echo "minigrad: no Chinese font: Chinese text in the browser tests' screenshots shows as boxes (sudo apt-get install fonts-noto-cjk)." >&2 ;;
    bubblewrap) cat >&2 <<MSG
minigrad: bubblewrap (bwrap) is not installed: minigrad-grade will refuse to grade, and its
  sandbox tests are skipped. Debian/Ubuntu: sudo apt-get install bubblewrap   Fedora: sudo dnf install bubblewrap
MSG
    ;;
  esac
done
exit $status
