package slug

import "testing"

func TestMake(t *testing.T) {
	for in, want := range map[string]string{
		"Inicio de Sesión en AnyDesk": "inicio-de-sesion-en-anydesk",
		"SECRETARIA MUNICIPAL (S)":    "secretaria-municipal-s",
		"Cargo / unidad":              "cargo-unidad",
		"  ¿Año 2024?  ":              "ano-2024",
		"—":                           "",
	} {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}
