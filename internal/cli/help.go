package cli

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/requinoa/pauta/internal/editdist"
)

// englishFlags maps the English flag names pauta had first (and that scripts and habits still
// type) to their Spanish names. The normalization renames every flag to its Spanish name, so
// the help shows only Spanish while both spellings parse.
var englishFlags = map[string]string{
	"src":         "fuente",
	"out":         "salida",
	"output":      "salida",
	"paper":       "papel",
	"copies":      "copias",
	"folio-start": "folio-inicial",
	"fillable":    "rellenable",
	"addr":        "direccion",
	"dirección":   "direccion",
	"draft":       "borrador",
	"decree":      "decreto",
	"date":        "fecha",
	"example":     "ejemplo",
	"ayuda":       "help",
}

func normalizeFlag(_ *pflag.FlagSet, name string) pflag.NormalizedName {
	if es, ok := englishFlags[name]; ok {
		return pflag.NormalizedName(es)
	}
	return pflag.NormalizedName(name)
}

// englishNames returns the English names that normalize to the Spanish flag name, for
// suggestions.
func englishNames(name string) []string {
	var names []string
	for en, es := range englishFlags {
		if es == name {
			names = append(names, en)
		}
	}
	sort.Strings(names)
	return names
}

// printHelp writes a command's description and usage, in Spanish.
func printHelp(w io.Writer, c *cobra.Command) {
	text := c.Long
	if text == "" {
		text = c.Short
	}
	if text = strings.TrimRight(text, " \n\t"); text != "" {
		fmt.Fprintf(w, "%s\n\n", text)
	}
	printUsage(w, c)
}

// printUsage replaces cobra's English usage template. It is Go code rather than a template so
// that it needs no template functions, which cobra keeps in a package-level map.
func printUsage(w io.Writer, c *cobra.Command) {
	fmt.Fprint(w, "Uso:")
	if c.Runnable() {
		line := c.UseLine()
		if c.HasAvailableFlags() {
			line += " [opciones]"
		}
		fmt.Fprintf(w, "\n  %s", line)
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n  %s [comando]", c.CommandPath())
	}
	if len(c.Aliases) > 0 {
		fmt.Fprintf(w, "\n\nTambién se escribe:\n  %s", strings.Join(c.Aliases, ", "))
	}
	if c.HasExample() {
		fmt.Fprintf(w, "\n\nEjemplos:\n%s", c.Example)
	}
	if c.HasAvailableSubCommands() {
		var names, shorts []string
		for _, sub := range c.Commands() {
			if !sub.IsAvailableCommand() && sub.Name() != helpName {
				continue
			}
			name := sub.Name()
			if len(sub.Aliases) > 0 && sub.Aliases[0] != name {
				name += " (" + sub.Aliases[0] + ")"
			}
			names = append(names, name)
			shorts = append(shorts, sub.Short)
		}
		fmt.Fprint(w, "\n\nComandos:")
		width := widest(names)
		for i, name := range names {
			fmt.Fprintf(w, "\n  %s%s  %s", name, pad(name, width), shorts[i])
		}
	}
	if c.HasAvailableLocalFlags() {
		fmt.Fprintf(w, "\n\nOpciones:\n%s", flagUsages(c.LocalFlags()))
	}
	if c.HasAvailableInheritedFlags() {
		fmt.Fprintf(w, "\n\nOpciones globales:\n%s", flagUsages(c.InheritedFlags()))
	}
	if c.HasAvailableSubCommands() {
		fmt.Fprintf(w, "\n\nUse «%s [comando] --help» para más información sobre un comando.", c.CommandPath())
	}
	fmt.Fprintln(w)
}

// valueNames are the Spanish words shown for a flag's value when its usage does not name it
// with `backquotes`.
var valueNames = map[string]string{"string": "texto", "int": "número", "uint": "número", "duration": "duración"}

// flagUsages lists flags one a line, like pflag's FlagUsages but in Spanish (pflag writes
// "(default …)" and the Go type names).
func flagUsages(fs *pflag.FlagSet) string {
	var lefts, usages []string
	fs.VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		left := "      --" + f.Name
		if f.Shorthand != "" && f.ShorthandDeprecated == "" {
			left = fmt.Sprintf("  -%s, --%s", f.Shorthand, f.Name)
		}
		name, usage := pflag.UnquoteUsage(f)
		if es, ok := valueNames[name]; ok {
			name = es
		}
		if name != "" {
			left += " " + name
		}
		switch f.DefValue {
		case "", "0", "false", "[]":
		case ".":
			usage += " (predeterminado: la carpeta actual)"
		default:
			usage += fmt.Sprintf(" (predeterminado: %s)", f.DefValue)
		}
		lefts = append(lefts, left)
		usages = append(usages, usage)
	})
	width := widest(lefts)
	var b strings.Builder
	for i, left := range lefts {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "%s%s   %s", left, pad(left, width), usages[i])
	}
	return b.String()
}

func widest(ss []string) int {
	n := 0
	for _, s := range ss {
		n = max(n, utf8.RuneCountInString(s))
	}
	return n
}

func pad(s string, width int) string {
	return strings.Repeat(" ", width-utf8.RuneCountInString(s))
}

// helpName is the Spanish help command; "help" stays as its alias.
const helpName = "ayuda"

func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:     helpName + " [comando]",
		Aliases: []string{"help"},
		Short:   "Muestra la ayuda de un comando",

		DisableFlagsInUseLine: true,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) == 0 {
				return root.Help()
			}
			target, _, err := root.Find(args)
			if err != nil || target == root {
				return unknownCommand(root, args[0])
			}
			return target.Help()
		},
	}
}

// unknownCommand is the usage error for a command that does not exist, with the commands it
// resembles.
func unknownCommand(root *cobra.Command, typed string) error {
	msg := fmt.Sprintf("comando desconocido «%s»", typed)
	if s := suggestCommands(root, typed); len(s) > 0 {
		msg += "; ¿quiso decir «" + strings.Join(s, "» o «") + "»?"
	}
	return usageError{err: errors.New(msg), hint: "Vea los comandos con «pauta --help»."}
}

// suggestCommands returns the command names (Spanish, or the English alias when that is what
// typed resembles) within the root's SuggestionsMinimumDistance of typed, or that it begins.
func suggestCommands(root *cobra.Command, typed string) []string {
	found := map[string]bool{}
	var out []string
	add := func(s string) {
		if !found[s] {
			found[s] = true
			out = append(out, s)
		}
	}
	for _, s := range root.SuggestionsFor(typed) {
		add(s)
	}
	for _, c := range root.Commands() {
		if !c.IsAvailableCommand() || found[c.Name()] {
			continue
		}
		for _, a := range c.Aliases {
			if nearName(typed, a, root.SuggestionsMinimumDistance) {
				add(a)
				break
			}
		}
	}
	return out
}

func nearName(typed, name string, distance int) bool {
	t, n := strings.ToLower(typed), strings.ToLower(name)
	return editdist.Levenshtein(t, n) <= distance || (len(t) > 1 && strings.HasPrefix(n, t))
}

// flagError rewrites pflag's English parse errors in Spanish, saying what to type instead.
func flagError(c *cobra.Command, err error) error {
	hint := fmt.Sprintf("Vea las opciones con «%s --help».", c.CommandPath())
	var (
		notExist *pflag.NotExistError
		required *pflag.ValueRequiredError
		invalid  *pflag.InvalidValueError
		syntax   *pflag.InvalidSyntaxError
	)
	var msg string
	switch {
	case errors.As(err, &notExist):
		if short := notExist.GetSpecifiedShortnames(); len(short) == 1 {
			msg = fmt.Sprintf("opción desconocida «-%s»", short)
		} else if short != "" {
			msg = fmt.Sprintf("opción desconocida «-%c» en «-%s»", []rune(notExist.GetSpecifiedName())[0], short)
		} else {
			name := notExist.GetSpecifiedName()
			msg = fmt.Sprintf("opción desconocida «--%s»", name)
			if s := suggestFlag(c, name); s != "" {
				msg += fmt.Sprintf("; ¿quiso decir «--%s»?", s)
			}
		}
	case errors.As(err, &required):
		f := required.GetFlag()
		_, usage := pflag.UnquoteUsage(f)
		msg = fmt.Sprintf("falta el valor de «--%s» (%s)", f.Name, usage)
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		msg = fmt.Sprintf("«%s» no es un valor válido para «--%s»: %s", invalid.GetValue(), f.Name, expected(f))
	case errors.As(err, &syntax):
		msg = fmt.Sprintf("opción mal escrita «%s»: escriba --nombre valor, o -letra valor", syntax.GetSpecifiedFlag())
	default:
		msg = fmt.Sprintf("línea de comandos no válida: %v", err)
	}
	return usageError{err: fmt.Errorf("%s: %w", msg, err), msg: msg, hint: hint}
}

func expected(f *pflag.Flag) string {
	switch f.Value.Type() {
	case "int", "uint":
		return "escriba un número entero"
	case "bool":
		return "escriba true o false, o solo la opción"
	default:
		return "revise el valor"
	}
}

// suggestFlag returns the flag of c whose name, Spanish or English, is closest to typed.
func suggestFlag(c *cobra.Command, typed string) string {
	best, bestD := "", 3
	c.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Hidden {
			return
		}
		for _, name := range append([]string{f.Name}, englishNames(f.Name)...) {
			if d := editdist.Levenshtein(strings.ToLower(typed), name); d < bestD {
				best, bestD = f.Name, d
			}
		}
	})
	return best
}
