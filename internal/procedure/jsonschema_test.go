package procedure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// schemaValidator checks a JSON value against the subset of JSON Schema 2020-12 that Schema
// emits: $ref into $defs, type, const, enum, pattern, minLength, minimum, minItems, items,
// properties, required and additionalProperties: false. A keyword outside the subset is
// reported as an error, so the tests fail if Schema starts emitting something this validator
// would silently ignore.
type schemaValidator struct {
	root map[string]any
}

func newSchemaValidator(schema []byte) (*schemaValidator, error) {
	var root map[string]any
	dec := json.NewDecoder(bytes.NewReader(schema))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		return nil, fmt.Errorf("decoding the schema: %w", err)
	}
	return &schemaValidator{root: root}, nil
}

// validate returns every problem of value, each prefixed with its JSON path.
func (v *schemaValidator) validate(value any) []string {
	var errs []string
	v.check(v.root, value, "$", &errs)
	return errs
}

func (v *schemaValidator) check(s map[string]any, value any, path string, errs *[]string) {
	fail := func(format string, args ...any) {
		*errs = append(*errs, path+": "+fmt.Sprintf(format, args...))
	}
	for _, k := range sortedKeys(s) {
		kw := s[k]
		switch k {
		case "$ref":
			ref, _ := kw.(string)
			name, ok := strings.CutPrefix(ref, "#/$defs/")
			defs, _ := v.root["$defs"].(map[string]any)
			target, found := defs[name].(map[string]any)
			if !ok || !found {
				fail("unresolvable $ref %q", ref)
				continue
			}
			v.check(target, value, path, errs)
		case "type":
			if !hasType(value, kw.(string)) {
				fail("want %s, got %s", kw, describe(value))
			}
		case "const":
			if !jsonEqual(kw, value) {
				fail("want %v, got %s", kw, describe(value))
			}
		case "enum":
			if !slices.ContainsFunc(kw.([]any), func(e any) bool { return jsonEqual(e, value) }) {
				fail("%s is not one of %v", describe(value), kw)
			}
		case "pattern":
			re, err := regexp.Compile(kw.(string))
			if err != nil {
				fail("bad pattern %q: %v", kw, err)
				continue
			}
			if str, ok := value.(string); ok && !re.MatchString(str) {
				fail("%q does not match %s", str, kw)
			}
		case "minLength":
			if str, ok := value.(string); ok && int64(len([]rune(str))) < number(kw) {
				fail("shorter than %v characters", kw)
			}
		case "minimum":
			if n, ok := value.(json.Number); ok {
				if f, _ := n.Float64(); f < float64(number(kw)) {
					fail("%s is less than %v", n, kw)
				}
			}
		case "minItems":
			if arr, ok := value.([]any); ok && int64(len(arr)) < number(kw) {
				fail("fewer than %v items", kw)
			}
		case "items":
			if arr, ok := value.([]any); ok {
				for i, e := range arr {
					v.check(kw.(map[string]any), e, fmt.Sprintf("%s[%d]", path, i), errs)
				}
			}
		case "properties":
			if obj, ok := value.(map[string]any); ok {
				props := kw.(map[string]any)
				for _, name := range sortedKeys(obj) {
					if ps, ok := props[name].(map[string]any); ok {
						v.check(ps, obj[name], path+"."+name, errs)
					}
				}
			}
		case "required":
			if obj, ok := value.(map[string]any); ok {
				for _, r := range kw.([]any) {
					if _, ok := obj[r.(string)]; !ok {
						fail("missing required %q", r)
					}
				}
			}
		case "additionalProperties":
			if kw != false {
				fail("unsupported additionalProperties %v", kw)
				continue
			}
			if obj, ok := value.(map[string]any); ok {
				props, _ := s["properties"].(map[string]any)
				for _, name := range sortedKeys(obj) {
					if _, ok := props[name]; !ok {
						fail("unknown key %q", name)
					}
				}
			}
		case "$schema", "$comment", "$defs", "title", "description":
			// Annotations: no effect on validity.
		default:
			fail("the test validator does not support keyword %q", k)
		}
	}
}

func number(v any) int64 {
	n, _ := v.(json.Number).Int64()
	return n
}

func hasType(value any, typ string) bool {
	switch typ {
	case "object":
		_, ok := value.(map[string]any)
		return ok
	case "array":
		_, ok := value.([]any)
		return ok
	case "string":
		_, ok := value.(string)
		return ok
	case "boolean":
		_, ok := value.(bool)
		return ok
	case "integer":
		n, ok := value.(json.Number)
		if !ok {
			return false
		}
		_, err := strconv.ParseInt(n.String(), 10, 64)
		return err == nil
	case "number":
		_, ok := value.(json.Number)
		return ok
	}
	return false
}

func jsonEqual(a, b any) bool {
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

func describe(value any) string {
	b, _ := json.Marshal(value)
	return string(b)
}

// yamlToJSON reads a YAML document as an editor's language server does (YAML 1.2 core
// schema, so a date stays a string) and returns it as JSON values: map[string]any, []any,
// string, json.Number, bool and nil.
func yamlToJSON(src []byte) (any, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, err
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil, fmt.Errorf("empty document")
	}
	return nodeJSON(doc.Content[0])
}

func nodeJSON(n *yaml.Node) (any, error) {
	switch n.Kind {
	case yaml.MappingNode:
		obj := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			val, err := nodeJSON(n.Content[i+1])
			if err != nil {
				return nil, err
			}
			obj[n.Content[i].Value] = val
		}
		return obj, nil
	case yaml.SequenceNode:
		arr := []any{}
		for _, c := range n.Content {
			val, err := nodeJSON(c)
			if err != nil {
				return nil, err
			}
			arr = append(arr, val)
		}
		return arr, nil
	case yaml.ScalarNode:
		switch n.Tag {
		case "!!int", "!!float":
			return json.Number(n.Value), nil
		case "!!bool":
			return strings.EqualFold(n.Value, "true"), nil
		case "!!null":
			return nil, nil
		}
		return n.Value, nil // !!str, and !!timestamp, which YAML 1.2 reads as a string
	}
	return nil, fmt.Errorf("line %d: unsupported YAML node", n.Line)
}
