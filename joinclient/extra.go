package joinclient

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Extra keeps the fields of a JOIN object that our structs do not model. The
// documented field set is incomplete, so a "get" must be able to hand the
// whole upstream object on; Extra is written back by MarshalJSON.
type Extra map[string]json.RawMessage

var knownKeysCache sync.Map // reflect.Type -> map[string]bool

// knownKeys lists the JSON keys a struct type declares.
func knownKeys(t reflect.Type) map[string]bool {
	if v, ok := knownKeysCache.Load(t); ok {
		return v.(map[string]bool)
	}
	keys := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" || !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		keys[name] = true
	}
	knownKeysCache.Store(t, keys)
	return keys
}

// unmarshalWithExtra decodes data into plain (a pointer to a struct without
// custom JSON methods) and returns the keys that plain does not declare.
func unmarshalWithExtra(data []byte, plain any) (Extra, error) {
	if err := json.Unmarshal(data, plain); err != nil {
		return nil, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil || all == nil {
		return nil, err
	}
	known := knownKeys(reflect.TypeOf(plain).Elem())
	var extra Extra
	for k, v := range all {
		if known[k] {
			continue
		}
		if extra == nil {
			extra = Extra{}
		}
		extra[k] = v
	}
	return extra, nil
}

// marshalWithExtra encodes plain and appends the extra keys. Extra never
// holds a key plain declares (unmarshalWithExtra leaves those out), so the
// keys are appended without decoding the object again.
func marshalWithExtra(plain any, extra Extra) ([]byte, error) {
	data, err := json.Marshal(plain)
	if err != nil || len(extra) == 0 {
		return data, err
	}
	known := knownKeys(reflect.TypeOf(plain))
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if !known[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	out := data[:len(data)-1] // drop the closing brace
	for _, k := range keys {
		if len(out) > 1 {
			out = append(out, ',')
		}
		name, _ := json.Marshal(k)
		out = append(out, name...)
		out = append(out, ':')
		out = append(out, extra[k]...)
	}
	return append(out, '}'), nil
}
