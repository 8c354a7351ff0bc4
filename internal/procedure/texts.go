package procedure

import "reflect"

// PrintedTexts calls fn with every text of the parts of the source that the PDFs print — the
// organization, the decree, the manual and the checklist — and where its value sits, so a
// check that needs the printed characters (the PDF fonts' coverage) can point into the YAML.
// Lists of plain strings report the position of the list.
func (p *Procedure) PrintedTexts(fn func(text string, at Pos)) {
	w := textWalker{fn: fn, fields: map[reflect.Type][]field{}}
	for _, part := range []any{&p.Organization, &p.Decree, &p.Manual, &p.Checklist} {
		w.walk(reflect.ValueOf(part).Elem(), Pos{})
	}
}

type textWalker struct {
	fn     func(string, Pos)
	fields map[reflect.Type][]field // fieldsOf, once per type
}

func (w textWalker) walk(v reflect.Value, at Pos) {
	switch v.Kind() {
	case reflect.String:
		w.fn(v.String(), at)
	case reflect.Pointer:
		if !v.IsNil() {
			w.walk(v.Elem(), at)
		}
	case reflect.Slice:
		for i := range v.Len() {
			w.walk(v.Index(i), at)
		}
	case reflect.Struct:
		var node Node
		if n := v.FieldByName("Node"); n.IsValid() && n.Type() == nodeType {
			node = n.Interface().(Node)
		}
		fields, ok := w.fields[v.Type()]
		if !ok {
			fields = fieldsOf(v.Type())
			w.fields[v.Type()] = fields
		}
		for _, f := range fields {
			w.walk(v.Field(f.index), node.At(f.key))
		}
	}
}
