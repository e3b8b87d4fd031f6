package joinclient

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
)

// Extra keeps the fields of a JOIN object that our structs do not model. The
// documented field set is incomplete, so a "get" must be able to hand the
// whole upstream object on; Extra is written back by MarshalJSON.
type Extra map[string]json.RawMessage

var fieldsCache sync.Map // reflect.Type -> map[string]int (JSON key -> field index)

// jsonFields maps the JSON keys a struct type declares to field indexes.
func jsonFields(t reflect.Type) map[string]int {
	if v, ok := fieldsCache.Load(t); ok {
		return v.(map[string]int)
	}
	fields := map[string]int{}
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
		fields[name] = i
	}
	fieldsCache.Store(t, fields)
	return fields
}

// unmarshalWithExtra decodes data into plain (a pointer to a struct without
// custom JSON methods) and returns the keys that plain does not declare. It
// splits the object once and decodes each known value into its field, so
// nested objects are not scanned again at every level.
func unmarshalWithExtra(data []byte, plain any) (Extra, error) {
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	v := reflect.ValueOf(plain).Elem()
	fields := jsonFields(v.Type())
	var extra Extra
	for k, raw := range all {
		i, ok := fields[k]
		if !ok {
			if extra == nil {
				extra = Extra{}
			}
			extra[k] = raw
			continue
		}
		if err := json.Unmarshal(raw, v.Field(i).Addr().Interface()); err != nil {
			return nil, fmt.Errorf("field %s: %w", k, err)
		}
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
	known := jsonFields(reflect.TypeOf(plain))
	keys := make([]string, 0, len(extra))
	for k := range extra {
		if _, declared := known[k]; !declared {
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
