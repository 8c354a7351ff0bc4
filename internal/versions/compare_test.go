package versions

import (
	"os"
	"strings"
	"testing"
)

// twoStepsSource is the minimal project with a second step of three items, so that an
// item can change step and one can be removed between kept ones.
func twoStepsSource(t *testing.T) string {
	t.Helper()
	raw, err := os.ReadFile("../../testdata/projects/minimal/procedure.yaml")
	if err != nil {
		t.Fatal(err)
	}
	src := strings.Replace(string(raw), "checklist:\n", `        - id: segundo
          title: Segundo paso
          items:
            - id: segundo-a
              text: Revisar.
            - id: segundo-b
              text: Anotar.
            - id: segundo-c
              text: Archivar.
checklist:
`, 1)
	if src == string(raw) {
		t.Fatal("the second step was not added")
	}
	return src
}

// An item taken from one step to the end of another one's items, with its
// text unchanged, is a move: it is reported moved, with the place it left.
func TestCompareMovedToAnotherParent(t *testing.T) {
	src := twoStepsSource(t)
	// segundo-a leaves the second step for the end of the first one's items.
	moved := strings.Replace(src, "            - id: segundo-a\n              text: Revisar.\n", "", 1)
	moved = strings.Replace(moved, "              text: Hacer algo.\n",
		"              text: Hacer algo.\n            - id: segundo-a\n              text: Revisar.\n", 1)
	if strings.Count(moved, "id: segundo-a") != 1 || moved == src {
		t.Fatal("the edit did not apply")
	}
	cmp := Compare(loadText(t, src), loadText(t, moved))
	var got *Change
	for i := range cmp.Changes {
		if cmp.Changes[i].ID == "segundo-a" {
			got = &cmp.Changes[i]
		}
	}
	if got == nil {
		t.Fatalf("segundo-a not reported; changes: %+v", cmp.Changes)
	}
	if !got.Has(Moved) || got.Has(Changed) {
		t.Errorf("segundo-a kinds %v, want moved and not changed", got.Kinds)
	}
	if got.OldWhere == "" || got.OldWhere == got.Where {
		t.Errorf("segundo-a: where %q, old where %q: want the step it left", got.Where, got.OldWhere)
	}
}

// Removed parts are listed where they stood: after the change before them in the old text
// and before the one after them.
func TestCompareRemovedInPlace(t *testing.T) {
	src := twoStepsSource(t)
	changed := strings.Replace(src, "text: Hacer algo.", "text: Hacer algo más.", 1)
	changed = strings.Replace(changed, "            - id: segundo-b\n              text: Anotar.\n", "", 1)
	changed = strings.Replace(changed, "text: Archivar.", "text: Archivar todo.", 1)
	changed = strings.Replace(changed, "text: Probar.", "text: Probar bien.", 1)
	cmp := Compare(loadText(t, src), loadText(t, changed))
	var order []string
	for _, ch := range cmp.Changes {
		if ch.Manual {
			order = append(order, ch.ID+":"+string(ch.Kinds[0]))
		}
	}
	want := []string{"objetivo:" + string(Changed), "primero-a:" + string(Changed),
		"segundo-b:" + string(Removed), "segundo-c:" + string(Changed)}
	if strings.Join(order, " ") != strings.Join(want, " ") {
		t.Errorf("changes of the manual in order\n %v\nwant\n %v", order, want)
	}
	// The head of a list removed goes after the previous step's parts, before the list's own.
	first := strings.Replace(src, "            - id: segundo-a\n              text: Revisar.\n", "", 1)
	first = strings.Replace(first, "text: Anotar.", "text: Anotar todo.", 1)
	first = strings.Replace(first, "text: Hacer algo.", "text: Hacer algo más.", 1)
	cmp = Compare(loadText(t, src), loadText(t, first))
	order = order[:0]
	for _, ch := range cmp.Changes {
		if ch.Manual {
			order = append(order, ch.ID)
		}
	}
	if got := strings.Join(order, " "); got != "primero-a segundo-a segundo-b" {
		t.Errorf("changes of the manual in order %q, want \"primero-a segundo-a segundo-b\"", got)
	}
}
