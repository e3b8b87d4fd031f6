// Package schemas holds the input and output structs of every tool and turns
// them into JSON Schemas with one configured invopop Reflector.
//
// Tags: `json` names the parameter (camelCase, as JOIN names it),
// `jsonschema:"required,minimum=1,enum=A,enum=B"` constrains it and
// `jsonschema_description` explains it (a comma inside jsonschema:"description=..."
// would cut the text).
package schemas

import (
	"encoding/json"
	"fmt"
	"reflect"
	"sync"

	"github.com/invopop/jsonschema"
)

// The root must be an inline object: the TypeScript SDK rejects a tool list
// whose schema is a bare $ref, and Inspector drops such tools.
func reflector(allowExtra bool) *jsonschema.Reflector {
	return &jsonschema.Reflector{
		ExpandedStruct:             true,
		DoNotReference:             true,
		RequiredFromJSONSchemaTags: true,
		AllowAdditionalProperties:  allowExtra,
		Anonymous:                  true,
	}
}

var cache sync.Map // cacheKey -> *jsonschema.Schema

type cacheKey struct {
	t      reflect.Type
	output bool
}

func build(t reflect.Type, output bool) *jsonschema.Schema {
	key := cacheKey{t, output}
	if s, ok := cache.Load(key); ok {
		return s.(*jsonschema.Schema)
	}
	// Inputs reject unknown parameters; outputs allow them because get tools
	// pass on fields JOIN sends that we do not model.
	s := reflector(output).ReflectFromType(t)
	s.Version = ""
	s.ID = ""
	if s.Type != "object" {
		panic(fmt.Sprintf("schemas: %s must reflect to an object, got %q", t, s.Type))
	}
	cache.Store(key, s)
	return s
}

// InputSchema returns the input schema of T.
func InputSchema[T any]() *jsonschema.Schema { return build(reflect.TypeFor[T](), false) }

// OutputSchema returns the output schema of T.
func OutputSchema[T any]() *jsonschema.Schema { return build(reflect.TypeFor[T](), true) }

// Raw marshals a schema for mcp-go's raw schema options.
func Raw(s *jsonschema.Schema) json.RawMessage {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err)
	}
	return b
}
