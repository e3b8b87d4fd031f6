package schemas

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/invopop/jsonschema"
)

// Validate checks decoded JSON arguments against s and returns messages a
// model can act on ("jobId: must be an integer >= 1"). It covers what our
// schemas use: type, required, enum, minimum/maximum, length, pattern, items
// and unknown properties.
func Validate(s *jsonschema.Schema, args any) []string {
	var problems []string
	validateAt(s, args, "", &problems)
	return problems
}

func validateAt(s *jsonschema.Schema, v any, path string, problems *[]string) {
	if s == nil {
		return
	}
	name := path
	if name == "" {
		name = "arguments"
	}
	add := func(format string, a ...any) { *problems = append(*problems, name+": "+fmt.Sprintf(format, a...)) }

	if v == nil {
		if s.Type != "" && s.Type != "null" {
			add("must not be null")
		}
		return
	}
	switch s.Type {
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			add("must be an object")
			return
		}
		for _, req := range s.Required {
			if _, ok := obj[req]; !ok {
				*problems = append(*problems, join(path, req)+": is required"+describe(propertyOf(s, req)))
			}
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			prop := propertyOf(s, k)
			if prop == nil {
				if s.AdditionalProperties == jsonschema.FalseSchema {
					*problems = append(*problems, fmt.Sprintf("%s: unknown parameter; valid parameters are %s", join(path, k), strings.Join(propertyNames(s), ", ")))
				}
				continue
			}
			validateAt(prop, obj[k], join(path, k), problems)
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			add("must be an array")
			return
		}
		if s.MinItems != nil && uint64(len(arr)) < *s.MinItems {
			add("must have at least %d items", *s.MinItems)
		}
		if s.MaxItems != nil && uint64(len(arr)) > *s.MaxItems {
			add("must have at most %d items", *s.MaxItems)
		}
		for i, it := range arr {
			validateAt(s.Items, it, fmt.Sprintf("%s[%d]", name, i), problems)
		}
	case "string":
		str, ok := v.(string)
		if !ok {
			add("must be a string")
			return
		}
		n := uint64(utf8.RuneCountInString(str))
		if s.MinLength != nil && n < *s.MinLength {
			if *s.MinLength == 1 {
				add("must not be empty")
			} else {
				add("must be at least %d characters", *s.MinLength)
			}
		}
		if s.MaxLength != nil && n > *s.MaxLength {
			add("must be at most %d characters (got %d)", *s.MaxLength, n)
		}
		if s.Pattern != "" && !compiled(s.Pattern).MatchString(str) {
			add("%q does not match the expected format%s", str, describe(s))
		}
		if s.Format == "date-time" && !isDateTime(str) {
			add("%q is not an RFC 3339 date-time such as 2026-01-31T00:00:00Z", str)
		}
		checkEnum(s, str, add)
	case "integer", "number":
		num, ok := toFloat(v)
		if !ok {
			add("must be a number")
			return
		}
		if s.Type == "integer" && num != math.Trunc(num) {
			add("must be a whole number")
			return
		}
		if s.Minimum != "" {
			if min, _ := s.Minimum.Float64(); num < min {
				add("must be >= %s (got %v)", s.Minimum, v)
			}
		}
		if s.Maximum != "" {
			if max, _ := s.Maximum.Float64(); num > max {
				add("must be <= %s (got %v)", s.Maximum, v)
			}
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			add("must be true or false")
		}
	}
}

func checkEnum(s *jsonschema.Schema, v string, add func(string, ...any)) {
	if len(s.Enum) == 0 {
		return
	}
	allowed := make([]string, len(s.Enum))
	for i, e := range s.Enum {
		allowed[i] = fmt.Sprint(e)
	}
	if !slices.Contains(allowed, v) {
		add("%q is not allowed; use one of %s", v, strings.Join(allowed, ", "))
	}
}

// describe adds the property's description so a "required" message says
// where the value comes from.
func describe(s *jsonschema.Schema) string {
	if s == nil || s.Description == "" {
		return ""
	}
	return " (" + s.Description + ")"
}

func propertyOf(s *jsonschema.Schema, name string) *jsonschema.Schema {
	if s.Properties == nil {
		return nil
	}
	p, _ := s.Properties.Get(name)
	return p
}

func propertyNames(s *jsonschema.Schema) []string {
	var names []string
	if s.Properties != nil {
		for p := s.Properties.Oldest(); p != nil; p = p.Next() {
			names = append(names, p.Key)
		}
	}
	return names
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}

var patterns sync.Map

func compiled(p string) *regexp.Regexp {
	if re, ok := patterns.Load(p); ok {
		return re.(*regexp.Regexp)
	}
	re := regexp.MustCompile(p)
	patterns.Store(p, re)
	return re
}

func isDateTime(s string) bool {
	_, err := time.Parse(time.RFC3339, s)
	return err == nil
}
