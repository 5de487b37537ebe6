#!/usr/bin/env bash
# `npm run test:e2e`: Heard in real editors (docs/e2e.md).
#   neovim                 headless Neovim with `heard lsp --stdio` (test/e2e/neovim.e2e.ts)
#   vscode-extension-host  the client's integration suite inside code-server's extension host
#   vscode-ui              the packaged .vsix in code-server, driven in headless Chromium
#   report                 `heard report` opened in headless Chromium (test/report/report.e2e.ts)
#   browser                the browser extension, unpacked in headless Chromium (test/browser/extension.e2e.ts)
# Usage: scripts/e2e/run.sh [part ...]   (default: all five, in that order)
# Installs what is missing first (scripts/e2e/setup.sh), builds, bundles and packages the
# extension, then runs each part; the UI part is retried once, because on a loaded 2-core
# machine a UI wait can time out. Screenshots, logs and reports go to test-results/e2e/.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export HEARD_E2E_ARTIFACTS="${HEARD_E2E_ARTIFACTS:-$ROOT/test-results/e2e}"
PARTS=("$@")
[ ${#PARTS[@]} -gt 0 ] || PARTS=(neovim vscode-extension-host vscode-ui report browser)
for part in "${PARTS[@]}"; do
  case "$part" in
    neovim | vscode-extension-host | vscode-ui | report | browser) ;;
    *) echo "test:e2e: unknown part '$part' (neovim, vscode-extension-host, vscode-ui, report, browser)" >&2; exit 2 ;;
  esac
done

TIMINGS=()
FAILED=()
timed() { # timed LABEL COMMAND...: runs the command, records how long it took
  local label="$1" start=$SECONDS status=0
  shift
  echo "== test:e2e: $label"
  "$@" || status=$?
  TIMINGS+=("$(printf '%-36s %4d s%s' "$label" $((SECONDS - start)) "$([ $status -eq 0 ] || echo "  (failed, exit $status)")")")
  return $status
}
mocha_part() {
  if [ "$1" = browser ]; then
    # Its screenshots go to test-results/browser/ (HEARD_BROWSER_ARTIFACTS).
    node_modules/.bin/mocha --config test/browser/mocharc.json out/test/browser/extension.e2e.js
  else
    local spec="out/test/e2e/$1.e2e.js"
    [ "$1" = report ] && spec=out/test/report/report.e2e.js
    node_modules/.bin/mocha --config test/e2e/mocharc.json "$spec"
  fi
}

mkdir -p "$HEARD_E2E_ARTIFACTS"
rm -f "$HEARD_E2E_ARTIFACTS"/*.png
if [ "${PARTS[*]}" = browser ] && command -v chromium >/dev/null 2>&1; then
  : # The browser part needs only Debian's Chromium, not the editors' tool folder.
else
  timed "set-up (tools, Debian packages)" scripts/e2e/setup.sh || exit 1
fi
if [[ " ${PARTS[*]} " == *" vscode-"* ]]; then
  # `vsce package` first runs vscode:prepublish (tsc build, esbuild bundles, precompiled lexicon):
  # dist/ serves the extension-host part, the .vsix the UI part, out/ the tests.
  timed "build, bundle, package the .vsix" npm run -s package -- --out "$HEARD_E2E_ARTIFACTS/heard.vsix" || exit 1
else
  timed "build (tsc)" npm run -s build || exit 1
fi
if [[ " ${PARTS[*]} " == *" browser "* ]]; then
  timed "bundle the browser extension" node scripts/bundle-browser.mjs || exit 1
fi

for part in "${PARTS[@]}"; do
  if timed "$part" mocha_part "$part"; then continue; fi
  if [ "$part" = vscode-ui ]; then
    echo "test:e2e: the UI part failed; retrying it once"
    timed "$part (retry)" mocha_part "$part" && continue
  fi
  FAILED+=("$part")
done

echo
echo "test:e2e timings"
printf '  %s\n' "${TIMINGS[@]}"
echo "  artefacts: $HEARD_E2E_ARTIFACTS"
if [ ${#FAILED[@]} -gt 0 ]; then
  echo "test:e2e FAILED: ${FAILED[*]}"
  exit 1
fi
echo "test:e2e passed"
