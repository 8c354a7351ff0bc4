package procedure

import "strings"

// yamlProblems translates the problems yaml.v3 reports most often into Spanish, with what to
// do. yaml.v3 names the line where the enclosing block or quote began, so each hint asks to
// look at that line and the ones after it.
var yamlProblems = []struct {
	phrase, msg, hint string
}{
	{"did not find expected key",
		"se esperaba una clave («nombre: valor») a la misma sangría que las anteriores",
		"revise desde esa línea la sangría (las claves de un bloque van a la misma distancia del margen) y las comillas (cada texto que abre comillas las cierra; un texto con «: » o « #» va entre comillas)"},
	{"did not find expected '-' indicator",
		"se esperaba otro elemento de la lista, que empiece con «- »",
		"revise la sangría desde esa línea: los elementos de una lista empiezan todos con «- » a la misma distancia del margen"},
	{"did not find expected node content",
		"falta un valor",
		"escriba un valor después de «:» o de «- », o ponga el texto entre comillas si empieza con un signo como @, `, %, | o >"},
	{"mapping values are not allowed in this context",
		"hay un «: » donde no puede empezar una clave",
		"ponga entre comillas el texto que contiene «: », o revise la sangría de esa línea"},
	{"block sequence entries are not allowed in this context",
		"hay un «- » de lista donde no puede empezar una lista",
		"escriba la lista en las líneas siguientes a su clave, con más sangría, o ponga el texto entre comillas"},
	{"found character that cannot start any token",
		"hay un signo con el que no puede empezar un valor (como @ o `)",
		"ponga el texto entre comillas"},
	{"could not find expected ':'",
		"falta el «:» después de una clave",
		"escriba «clave: valor»; si un texto ocupa varias líneas, póngalo entre comillas o use «|»"},
	{"found unexpected end of stream",
		"el archivo termina antes de cerrarse unas comillas o un corchete abiertos en esa línea",
		"cierre las comillas (\" o ') o el corchete ([ o {) que se abrió ahí"},
	{"found unknown escape character",
		"entre comillas dobles hay una barra invertida \\ seguida de un signo que YAML no conoce",
		"escriba \\\\ para una barra invertida, o use comillas simples"},
	{"did not find expected ',' or ']'",
		"la lista entre corchetes no se cierra: falta una coma o el «]»",
		"separe los elementos con comas y cierre con «]», o ponga entre comillas un elemento que contenga «[», «:» o «,»"},
	{"did not find expected ',' or '}'",
		"el bloque entre llaves no se cierra: falta una coma o la «}»",
		"separe las claves con comas y cierre con «}», o ponga el texto entre comillas"},
	{"did not find expected comment or line break",
		"sobra texto después de un valor entre comillas",
		"ponga todo el texto dentro de las comillas"},
	{"did not find expected alphabetic or numeric character",
		"un «&» o un «*» al comienzo de un valor debe ir seguido de un nombre",
		"ponga el texto entre comillas"},
	{"unknown anchor",
		"un «*» al comienzo de un valor nombra un ancla que no existe",
		"ponga el texto entre comillas"},
	{"found undefined tag handle",
		"un «!» al comienzo de un valor nombra una etiqueta YAML desconocida",
		"ponga el texto entre comillas"},
	{"control characters are not allowed",
		"el archivo tiene un carácter de control invisible",
		"bórrelo; suele venir de copiar texto desde otro programa"},
	{"found a tab character",
		"tabulador en la sangría",
		"sangre con espacios; YAML no admite tabuladores en la sangría"},
}

// yamlProblem returns the Spanish message and hint for a yaml.v3 problem (without its
// "yaml: line N: " prefix); an unknown one is kept as yaml.v3 wrote it.
func yamlProblem(problem string) (msg, hint string) {
	for _, p := range yamlProblems {
		if strings.Contains(problem, p.phrase) {
			return "YAML no válido: " + p.msg, p.hint
		}
	}
	return "error de sintaxis YAML: " + problem, "revise la sangría y las comillas de esa línea y las siguientes"
}
