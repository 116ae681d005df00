#!/usr/bin/env bash
# Install Debian's Chromium and its WebDriver (for the browser tests and benchmarks/viz_tti.py) and
# a CJK font (so screenshots of graph.html show Chinese instead of boxes). Idempotent: installs only
# what is missing.
# Needs root (CI and the dev containers run as root); prints where the binaries are.
set -euo pipefail
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || [ ! -d /usr/share/fonts/truetype/wqy ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends chromium chromium-driver fonts-wqy-zenhei
fi
echo "chromium: $(/usr/bin/chromium --version 2>/dev/null || echo missing)"
echo "chromedriver: $(/usr/bin/chromedriver --version 2>/dev/null || echo missing)"
