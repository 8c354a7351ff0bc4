package cli

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// pflag words its errors in English; these are the ones a person meets by mistyping.
var (
	unknownFlag      = regexp.MustCompile(`^unknown flag: (\S+)$`)
	unknownShorthand = regexp.MustCompile(`^unknown shorthand flag: '(.)' in (\S+)$`)
	needsArgument    = regexp.MustCompile(`^flag needs an argument: (?:'(.)' in -\S+|(\S+))$`)
	invalidArgument  = regexp.MustCompile(`^invalid argument "(.*)" for "(\S+)" flag: (.*)$`)
	badSyntax        = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

// spanishFlagError says a flag error in Spanish; one it does not know is kept as it is.
func spanishFlagError(err error) error {
	msg := err.Error()
	var es string
	switch {
	case unknownFlag.MatchString(msg):
		es = fmt.Sprintf("opción desconocida %s", unknownFlag.FindStringSubmatch(msg)[1])
	case unknownShorthand.MatchString(msg):
		es = fmt.Sprintf("opción desconocida -%s", unknownShorthand.FindStringSubmatch(msg)[1])
	case needsArgument.MatchString(msg):
		m := needsArgument.FindStringSubmatch(msg)
		name := m[2]
		if m[1] != "" {
			name = "-" + m[1]
		}
		es = fmt.Sprintf("falta el valor de %s", name)
	case invalidArgument.MatchString(msg):
		m := invalidArgument.FindStringSubmatch(msg)
		names := strings.Split(m[2], ", ") // "-o, --output" for a flag with a shorthand
		name := names[len(names)-1]
		what := "no es un valor válido"
		if strings.Contains(m[3], "strconv.Parse") {
			what = "no es un número entero"
			if strings.Contains(m[3], "ParseBool") {
				what = "no es true ni false"
			} else if strings.Contains(m[3], "value out of range") {
				what = "es un número demasiado grande"
			}
		}
		es = fmt.Sprintf("%s: %q %s", name, m[1], what)
	case badSyntax.MatchString(msg):
		es = fmt.Sprintf("opción mal escrita %s: escriba --nombre o --nombre=valor", badSyntax.FindStringSubmatch(msg)[1])
	default:
		return err
	}
	return errors.New(es)
}
