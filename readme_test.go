package main

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/join-mcp/join-mcp/joinclient"
	"github.com/join-mcp/join-mcp/tools"
)

// The README's generated sections come from the code so they cannot drift;
// TestREADMEIsCurrent fails when they do (UPDATE_README=true rewrites them).

func toolTable() string {
	all := tools.All(tools.Deps{Client: func(context.Context) (*joinclient.Client, error) { return nil, nil }})
	var b strings.Builder
	b.WriteString("| toolset | tool | title | kind |\n| --- | --- | --- | --- |\n")
	for _, ts := range tools.Toolsets {
		for _, t := range all {
			if t.Toolset != ts {
				continue
			}
			kind := "write"
			switch {
			case t.ReadOnly():
				kind = "read-only"
			case t.Confirm && t.Destructive():
				kind = "destructive, needs `confirm`"
			case t.Confirm:
				kind = "write; `confirm` to publish"
			}
			fmt.Fprintf(&b, "| %s | `%s` | %s | %s |\n", ts, t.Def.Name, t.Def.Title, kind)
		}
	}
	return b.String()
}

func envTable() string {
	var b strings.Builder
	b.WriteString("| environment | flag | meaning |\n| --- | --- | --- |\n")
	for _, e := range envVars {
		flag := e.flag
		if flag == "" {
			flag = "–"
		} else {
			flag = "`" + flag + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", e.name, flag, e.help)
	}
	return b.String()
}

func routeTable() string {
	var b strings.Builder
	b.WriteString("| operation | method | path | confidence | note |\n| --- | --- | --- | --- | --- |\n")
	for _, r := range joinclient.Routes {
		note := r.Note
		if r.Deprecated {
			note = strings.TrimSpace("deprecated; " + note)
		}
		fmt.Fprintf(&b, "| %s | %s | `%s` | %s | %s |\n", r.Op, r.Method, r.Path, r.Confidence, note)
	}
	return b.String()
}

// TestREADMEIsCurrent keeps the generated README sections in step with the
// code. UPDATE_README=true go test -run TestREADMEIsCurrent . rewrites them.
func TestREADMEIsCurrent(t *testing.T) {
	data, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	updated := readme
	for name, body := range map[string]string{"tools": toolTable(), "env": envTable(), "routes": routeTable()} {
		re := regexp.MustCompile(`(?s)(<!-- BEGIN GENERATED ` + name + ` -->\n).*?(<!-- END GENERATED ` + name + ` -->)`)
		if !re.MatchString(updated) {
			t.Fatalf("README.md lacks the markers of the generated %s section", name)
		}
		updated = re.ReplaceAllLiteralString(updated, "<!-- BEGIN GENERATED "+name+" -->\n"+body+"<!-- END GENERATED "+name+" -->")
	}
	if updated == readme {
		return
	}
	if os.Getenv("UPDATE_README") == "true" {
		if err := os.WriteFile("README.md", []byte(updated), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Fatal("README.md's generated sections are stale; run UPDATE_README=true go test -run TestREADMEIsCurrent .")
}
