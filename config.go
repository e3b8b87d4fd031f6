package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/join-mcp/join-mcp/mcpserver"
	"github.com/join-mcp/join-mcp/tools"
)

var errHelp = errors.New("help requested")

// config is everything the flags and the environment decide. Flags win over
// the environment.
type config struct {
	token          string
	baseURL        string
	transport      string
	sandbox        bool
	filter         tools.Filter
	logLevel       string
	logFormat      string
	maxResultBytes int
	showVersion    bool
	rateLimit      float64 // JOIN requests per second; <0: default (5, unlimited in the sandbox)
	maxInFlight    int

	// HTTP transport
	addr           string
	stateless      bool
	multiTenant    bool
	httpToken      string
	allowedOrigins []string
	maxBodyBytes   int64

	command     string // "", "tools" or "call"
	commandArgs []string
}

// envVar documents one environment variable; the README table is built from
// this list.
type envVar struct{ name, flag, help string }

var envVars = []envVar{
	{"JOIN_API_TOKEN", "", "JOIN API token (JOIN: Settings → API credentials). Required unless --sandbox."},
	{"JOIN_API_BASE_URL", "--base-url", "JOIN API root (default https://api.join.com/v2)."},
	{"JOIN_MCP_TOOLSETS", "--toolsets", "comma-separated toolsets to enable (default all)."},
	{"JOIN_MCP_TOOLS", "--tools", "comma-separated tool names to enable."},
	{"JOIN_MCP_EXCLUDE_TOOLS", "--exclude-tools", "comma-separated tool names to hide."},
	{"JOIN_MCP_READ_ONLY", "--read-only", "true: offer read-only tools only."},
	{"JOIN_MCP_LOG_LEVEL", "--log-level", "debug, info, warn or error (default info)."},
	{"JOIN_MCP_LOG_FORMAT", "--log-format", "json or console (default json)."},
	{"JOIN_MCP_RATE_LIMIT", "--rate-limit", "JOIN requests per second per token, burst twice that (default 5; 0 = off; the sandbox defaults to off)."},
	{"JOIN_MCP_TRANSPORT", "--transport", "stdio (default) or http."},
	{"JOIN_MCP_ADDR", "--addr", "HTTP listen address (default 127.0.0.1:8080)."},
	{"JOIN_MCP_HTTP_TOKEN", "", "HTTP only: clients must send Authorization: Bearer <this>. Required to listen on a non-loopback address."},
	{"JOIN_MCP_STATELESS", "--stateless", "HTTP only, true: streamable HTTP without sessions (for load-balanced replicas)."},
	{"JOIN_MCP_MULTI_TENANT", "--multi-tenant", "HTTP only, true: no server JOIN token; each request sends its own in X-Join-Token."},
	{"JOIN_MCP_ALLOWED_ORIGINS", "--allowed-origins", "HTTP only: comma-separated browser origins to allow besides loopback."},
}

func parseConfig(args []string, lookup func(string) (string, bool), usage io.Writer) (config, error) {
	env := func(name, def string) string {
		if v, ok := lookup(name); ok && v != "" {
			return v
		}
		return def
	}
	var cfg config
	var toolsets, toolNames, exclude string
	readOnlyEnv, readOnlyErr := strconv.ParseBool(env("JOIN_MCP_READ_ONLY", "false"))

	fs := flag.NewFlagSet("join-mcp", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	statelessEnv, statelessErr := strconv.ParseBool(env("JOIN_MCP_STATELESS", "false"))
	multiTenantEnv, multiTenantErr := strconv.ParseBool(env("JOIN_MCP_MULTI_TENANT", "false"))
	var origins string
	fs.StringVar(&cfg.transport, "transport", env("JOIN_MCP_TRANSPORT", "stdio"), "transport: stdio or http")
	fs.StringVar(&cfg.addr, "addr", env("JOIN_MCP_ADDR", "127.0.0.1:8080"), "HTTP listen address")
	fs.BoolVar(&cfg.stateless, "stateless", statelessEnv, "HTTP: streamable HTTP without sessions")
	fs.BoolVar(&cfg.multiTenant, "multi-tenant", multiTenantEnv, "HTTP: every request brings its JOIN token in X-Join-Token")
	fs.StringVar(&origins, "allowed-origins", env("JOIN_MCP_ALLOWED_ORIGINS", ""), "HTTP: extra allowed browser origins, comma-separated")
	fs.Int64Var(&cfg.maxBodyBytes, "max-body-bytes", 32<<20, "HTTP: largest request body")
	fs.StringVar(&cfg.baseURL, "base-url", env("JOIN_API_BASE_URL", ""), "JOIN API root")
	fs.BoolVar(&cfg.sandbox, "sandbox", false, "serve against the built-in fake JOIN with demo data")
	fs.BoolVar(&cfg.filter.ReadOnly, "read-only", readOnlyEnv, "offer read-only tools only")
	fs.StringVar(&toolsets, "toolsets", env("JOIN_MCP_TOOLSETS", ""), "comma-separated toolsets: "+strings.Join(tools.Toolsets, ",")+",all")
	fs.StringVar(&toolNames, "tools", env("JOIN_MCP_TOOLS", ""), "comma-separated tool names to enable")
	fs.StringVar(&exclude, "exclude-tools", env("JOIN_MCP_EXCLUDE_TOOLS", ""), "comma-separated tool names to hide")
	fs.StringVar(&cfg.logLevel, "log-level", env("JOIN_MCP_LOG_LEVEL", "info"), "debug, info, warn or error")
	fs.StringVar(&cfg.logFormat, "log-format", env("JOIN_MCP_LOG_FORMAT", "json"), "json or console")
	fs.IntVar(&cfg.maxResultBytes, "max-result-bytes", tools.DefaultMaxResultBytes, "truncate tool results above this size")
	fs.BoolVar(&cfg.showVersion, "version", false, "print the version and exit")
	rateDefault := -1.0
	if v, ok := lookup("JOIN_MCP_RATE_LIMIT"); ok && v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f < 0 {
			return cfg, fmt.Errorf("JOIN_MCP_RATE_LIMIT %q is not a number >= 0", v)
		}
		rateDefault = f
	}
	fs.Float64Var(&cfg.rateLimit, "rate-limit", rateDefault, "JOIN requests per second per token (default 5; 0 = off)")
	fs.IntVar(&cfg.maxInFlight, "max-in-flight", 4, "concurrent JOIN requests per token")

	// Flags may come before and after the command: join-mcp --sandbox call X '{}' --read-only.
	rest := args
	var positional []string
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				printUsage(usage, fs)
				return cfg, errHelp
			}
			return cfg, fmt.Errorf("%v (run join-mcp --help for the flags)", err)
		}
		if fs.NArg() == 0 {
			break
		}
		positional = append(positional, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if cfg.showVersion {
		return cfg, nil
	}
	// A switch must not be ignored silently: JOIN_MCP_READ_ONLY=yes would
	// otherwise mean "not read-only". An explicit flag wins over the env.
	for _, b := range []struct {
		err        error
		name, flag string
	}{
		{readOnlyErr, "JOIN_MCP_READ_ONLY", "read-only"},
		{statelessErr, "JOIN_MCP_STATELESS", "stateless"},
		{multiTenantErr, "JOIN_MCP_MULTI_TENANT", "multi-tenant"},
	} {
		if b.err != nil && !flagSet(fs, b.flag) {
			v, _ := lookup(b.name)
			return cfg, fmt.Errorf("%s=%q is not a boolean; use true or false", b.name, v)
		}
	}
	if len(positional) > 0 {
		cfg.command, cfg.commandArgs = positional[0], positional[1:]
	}
	switch cfg.command {
	case "", "serve":
		cfg.command = ""
		if len(cfg.commandArgs) > 0 {
			return cfg, fmt.Errorf("unexpected argument %q", cfg.commandArgs[0])
		}
	case "tools":
	case "call":
		if len(cfg.commandArgs) < 1 || len(cfg.commandArgs) > 2 {
			return cfg, fmt.Errorf(`usage: join-mcp call TOOL ['{"json":"arguments"}']`)
		}
		// Checked here, before anything starts, like every other bad argument.
		if len(cfg.commandArgs) == 2 && strings.TrimSpace(cfg.commandArgs[1]) != "" {
			var obj map[string]any
			if err := json.Unmarshal([]byte(cfg.commandArgs[1]), &obj); err != nil {
				return cfg, fmt.Errorf("the arguments must be a JSON object: %v", err)
			}
		}
	default:
		return cfg, fmt.Errorf("unknown command %q; commands are tools and call (no command serves MCP)", cfg.command)
	}

	if cfg.transport != "stdio" && cfg.transport != "http" {
		return cfg, fmt.Errorf("--transport %q is not one of stdio, http", cfg.transport)
	}
	if !slices.Contains([]string{"debug", "info", "warn", "error"}, cfg.logLevel) {
		return cfg, fmt.Errorf("--log-level %q is not one of debug, info, warn, error", cfg.logLevel)
	}
	if cfg.logFormat != "json" && cfg.logFormat != "console" {
		return cfg, fmt.Errorf("--log-format %q is not one of json, console", cfg.logFormat)
	}
	if cfg.rateLimit < -1 || cfg.rateLimit > -1 && cfg.rateLimit < 0 {
		return cfg, fmt.Errorf("--rate-limit must be >= 0")
	}
	if cfg.maxInFlight < 1 || cfg.maxInFlight > 256 {
		return cfg, fmt.Errorf("--max-in-flight must be between 1 and 256")
	}
	if cfg.maxResultBytes < 1000 {
		return cfg, fmt.Errorf("--max-result-bytes must be at least 1000")
	}
	cfg.filter.Toolsets = splitList(toolsets)
	cfg.filter.Tools = splitList(toolNames)
	cfg.filter.Exclude = splitList(exclude)

	cfg.allowedOrigins = splitList(origins)
	cfg.httpToken = env("JOIN_MCP_HTTP_TOKEN", "")
	if err := checkHTTP(&cfg); err != nil {
		return cfg, err
	}

	cfg.token = env("JOIN_API_TOKEN", "")
	cfg.multiTenant = cfg.multiTenant && cfg.transport == "http" && cfg.command == ""
	if cfg.multiTenant {
		cfg.token = "" // each request brings its own; the server holds none
	} else if cfg.sandbox {
		if cfg.baseURL != "" {
			return cfg, fmt.Errorf("--sandbox and --base-url/JOIN_API_BASE_URL exclude each other")
		}
	} else if strings.TrimSpace(cfg.token) == "" {
		return cfg, fmt.Errorf("JOIN_API_TOKEN is not set; create a token in JOIN (Settings → API credentials) or try --sandbox")
	}
	return cfg, nil
}

// flagSet reports whether the flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// checkHTTP validates the HTTP settings; they only matter when serving HTTP.
func checkHTTP(cfg *config) error {
	if cfg.transport != "http" || cfg.command != "" {
		if cfg.multiTenant && cfg.command == "" {
			return fmt.Errorf("--multi-tenant needs --transport http")
		}
		return nil
	}
	host, _, err := net.SplitHostPort(cfg.addr)
	if err != nil {
		return fmt.Errorf("--addr %q is not host:port: %v", cfg.addr, err)
	}
	if !mcpserver.IsLoopbackHost(host) && cfg.httpToken == "" {
		return fmt.Errorf("refusing to listen on %s without JOIN_MCP_HTTP_TOKEN: anyone who can reach it could use your JOIN data; set JOIN_MCP_HTTP_TOKEN or listen on 127.0.0.1", cfg.addr)
	}
	if cfg.maxBodyBytes < 1<<10 {
		return fmt.Errorf("--max-body-bytes must be at least 1024")
	}
	for _, o := range cfg.allowedOrigins {
		if u, err := url.Parse(o); o != "*" && (err != nil || u.Scheme == "" || u.Host == "" || u.Path != "") {
			return fmt.Errorf("--allowed-origins: %q is not an origin like https://app.example.com", o)
		}
	}
	return nil
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func printUsage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `join-mcp: an MCP server for the JOIN (join.com) recruiting API.

Usage:
  join-mcp [flags]                        serve MCP over stdio
  join-mcp [flags] tools                  list the tools
  join-mcp [flags] call TOOL '{"a":1}'    run one tool and print its result

Flags:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprint(w, "\nEnvironment (flags win):\n")
	for _, e := range envVars {
		fmt.Fprintf(w, "  %-24s %s\n", e.name, e.help)
	}
}
