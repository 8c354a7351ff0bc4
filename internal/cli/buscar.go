package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/requinoa/pauta/internal/projectfs"
	"github.com/requinoa/pauta/internal/search"
	"github.com/requinoa/pauta/internal/site"
	"github.com/requinoa/pauta/internal/versions"
)

// BuscarOptions are the flags of pauta buscar.
type BuscarOptions struct {
	Src   string
	Max   int
	Draft bool
}

func newBuscarCmd(streams IO) *cobra.Command {
	opts := BuscarOptions{}
	cmd := &cobra.Command{
		Use:   `buscar "texto"`,
		Short: "Muestra qué encuentra la búsqueda del sitio para un texto, con puntajes y palabras encontradas",
		Long: `buscar ordena los resultados de un texto como lo hace la búsqueda del sitio publicado, con
el mismo índice, y muestra por qué: el puntaje de cada resultado y, por cada palabra de la
búsqueda, la palabra del texto que encontró y cómo (igual, completada, con error de tipeo o
por sinónimo); «palabra clave» marca la que viene de las palabras clave de la sección
(search.keywords en procedure.yaml), que el sitio no muestra.
Busca en el texto que muestra el sitio: la versión vigente, si hay versiones publicadas, con
la configuración de búsqueda de procedure.yaml; --borrador busca en el texto en preparación. Las palabras de pregunta (qué, cómo, quién…) pesan poco y se marcan «liviana».
Quién, para qué, por qué y cuándo buscan además las palabras con que el texto responde
(alcance, objetivo, considerando, plazo…): se muestran como «¿quien?» y «lo que pregunta».`,
		Example: `  pauta buscar "como pido soporte"
  pauta buscar --max 3 terminar la asistencia
  pauta buscar --borrador "publicar una versión"`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef(`escriba el texto que busca, p. ej. pauta buscar "como pido soporte"`)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return runBuscar(cmd.Context(), streams, opts, strings.Join(args, " "))
		},
	}
	cmd.Flags().StringVar(&opts.Src, "fuente", ".", "`carpeta` del proyecto, la que tiene procedure.yaml")
	cmd.Flags().IntVar(&opts.Max, "max", 10, "cuántos resultados mostrar como máximo")
	cmd.Flags().BoolVar(&opts.Draft, "borrador", false, "busca en el texto en preparación, no en la versión vigente")
	return cmd
}

// howLabel says in Spanish how a query word matched.
func howLabel(w search.HitWord) string {
	switch w.How {
	case search.Prefix:
		return "completada"
	case search.Typo:
		return "error de tipeo"
	case search.Synonym:
		return "sinónimo"
	case search.Part:
		return "una palabra de la frase"
	case search.Asked:
		return "lo que pregunta"
	}
	return ""
}

func runBuscar(_ context.Context, streams IO, opts BuscarOptions, query string) error {
	if opts.Max < 1 {
		return usagef("--max debe ser 1 o más; recibió %d", opts.Max)
	}
	src := projectfs.New(opts.Src)
	p, err := site.Load(src)
	if err != nil {
		return err
	}
	w := streams.Out
	if !opts.Draft {
		// The site shows the version in force, searched with the working search settings
		// (site.WithSearch): rank what a reader of the site would get.
		vs, err := versions.List(src)
		if err != nil {
			return err
		}
		if len(vs) > 0 {
			inForce := vs[len(vs)-1]
			if !inForce.SameText(p) {
				fmt.Fprintf(w, "Versión vigente %s (código %s), la que muestra el sitio; el texto en preparación, con --borrador.\n",
					inForce.ID, inForce.Code())
			}
			p = site.WithSearch(inForce.Procedure, &p.Search)
		}
	}
	ix := search.Build(p, nil)
	hits := ix.Search(query)
	q := strings.TrimSpace(query)
	switch len(hits) {
	case 0:
		fmt.Fprintf(w, "Sin resultados para «%s».\n", q)
		return nil
	case 1:
		fmt.Fprintf(w, "1 resultado para «%s»:\n", q)
	default:
		fmt.Fprintf(w, "%d resultados para «%s»:\n", len(hits), q)
	}
	for i, h := range hits {
		if i >= opts.Max {
			fmt.Fprintf(w, "(%d más; use --max para verlos)\n", len(hits)-opts.Max)
			break
		}
		kind := ""
		if h.Help {
			kind = "  [ayuda]"
		}
		fmt.Fprintf(w, "\n%2d. %7.1f  %s%s\n", i+1, h.Score, h.Entry.Heading, kind)
		fmt.Fprintf(w, "              %s  (%s)\n", h.Entry.Breadcrumb, h.Entry.Href)
		var ws []string
		for _, m := range h.Words {
			s := m.Query
			if found := ix.Surface(h, m.Term); found != "" && found != m.Query {
				s += " → " + found
			}
			var notes []string
			if l := howLabel(m); l != "" {
				notes = append(notes, l)
			}
			if m.Light {
				notes = append(notes, "liviana")
			}
			if m.Keyword {
				notes = append(notes, "palabra clave")
			}
			if len(notes) > 0 {
				s += " (" + strings.Join(notes, ", ") + ")"
			}
			ws = append(ws, s)
		}
		fmt.Fprintf(w, "              encontró: %s\n", strings.Join(ws, " · "))
	}
	return nil
}
