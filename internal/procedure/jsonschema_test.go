package procedure

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// schemaValidator checks documents against the generated schema with a maintained JSON
// Schema 2020-12 implementation, one that does not share the generator's assumptions.
type schemaValidator struct {
	root   map[string]any // the schema as JSON values, to walk its keys
	schema *jsonschema.Schema
}

func newSchemaValidator(src []byte) (*schemaValidator, error) {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(src))
	if err != nil {
		return nil, fmt.Errorf("decoding the schema: %w", err)
	}
	root, ok := doc.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("the schema is not an object")
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	const url = "file:///procedure.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("adding the schema: %w", err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compiling the schema: %w", err)
	}
	return &schemaValidator{root: root, schema: s}, nil
}

// schemaProblem is one failed keyword: where in the document (a JSON pointer), which
// keyword of the schema (the last part of its location), and the validator's message.
type schemaProblem struct {
	instance, keyword, msg string
}

func (p schemaProblem) String() string { return p.instance + " [" + p.keyword + "]: " + p.msg }

// validate returns every failed keyword of value, the innermost ones, nil when it is valid.
func (v *schemaValidator) validate(value any) []schemaProblem {
	err := v.schema.Validate(value)
	if err == nil {
		return nil
	}
	verr, ok := err.(*jsonschema.ValidationError)
	if !ok {
		return []schemaProblem{{msg: err.Error()}}
	}
	var out []schemaProblem
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if len(e.Causes) == 0 {
			kw := e.ErrorKind.KeywordPath()
			p := schemaProblem{instance: "/" + strings.Join(e.InstanceLocation, "/"), msg: e.Error()}
			if len(kw) > 0 {
				p.keyword = kw[len(kw)-1]
			}
			out = append(out, p)
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(verr)
	return out
}

func joinProblems(ps []schemaProblem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String())
		b.WriteByte('\n')
	}
	return b.String()
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

// TestSchemaValidatorRejects holds the validator itself to a few documents it must refuse,
// so a schema that compiled to "accept anything" cannot pass the tests above.
func TestSchemaValidatorRejects(t *testing.T) {
	v := schemaCheck(t)
	for _, doc := range []string{`[]`, `"texto"`, `{}`, `{"pauta": 1}`} {
		var value any
		if err := json.Unmarshal([]byte(doc), &value); err != nil {
			t.Fatal(err)
		}
		if ps := v.validate(value); len(ps) == 0 {
			t.Errorf("the schema accepts %s", doc)
		}
	}
}
