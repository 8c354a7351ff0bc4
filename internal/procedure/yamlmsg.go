package procedure

// yamlProblems puts in Spanish the problems yaml.v3's parser reports, those an author can
// make by hand; a problem not listed here is shown as yaml.v3 words it.
var yamlProblems = map[string]string{
	"did not find expected ',' or ']'":                             "falta una coma o el ] que cierra la lista",
	"did not find expected ',' or '}'":                             "falta una coma o la } que cierra el grupo",
	"did not find expected key":                                    "se esperaba una clave (nombre: valor) con la misma sangría que las de arriba",
	"did not find expected node content":                           "falta un valor",
	"did not find expected '-' indicator":                          "se esperaba un elemento de lista que comience con \"- \" con la misma sangría que los de arriba",
	"could not find expected ':'":                                  "falta el \":\" después de la clave",
	"mapping values are not allowed in this context":               "un \":\" donde no puede ir: si el texto lleva \": \", escríbalo entre comillas",
	"mapping keys are not allowed in this context":                 "una clave donde no puede ir",
	"block sequence entries are not allowed in this context":       "un elemento de lista (\"- \") donde no puede ir",
	"found character that cannot start any token":                  "un carácter que no puede iniciar un valor (como ` o @): escriba el texto entre comillas",
	"found unexpected end of stream":                               "el archivo termina antes de cerrar unas comillas o un grupo",
	"found unexpected document indicator":                          "un \"---\" o \"...\" dentro de un texto entre comillas",
	"found unknown escape character":                               "una secuencia \\ desconocida entre comillas dobles: escriba \\\\ para una barra, o use comillas simples",
	"found a tab character that violates indentation":              "tabulador en la sangría",
	"found a tab character where an indentation space is expected": "tabulador en la sangría",
	"found undefined tag handle":                                   "una etiqueta ! desconocida: si el texto empieza con !, escríbalo entre comillas",
	"did not find expected comment or line break":                  "texto de más después de un valor entre comillas o de una lista",
	"found an incorrect leading UTF-8 octet":                       "el texto no es UTF-8 válido: guarde el archivo con codificación UTF-8",
	"found an incorrect trailing UTF-8 octet":                      "el texto no es UTF-8 válido: guarde el archivo con codificación UTF-8",
	"invalid character sequence":                                   "el texto no es UTF-8 válido: guarde el archivo con codificación UTF-8",
}

// yamlProblem is yaml.v3's problem in Spanish when it is known.
func yamlProblem(msg string) string {
	if es, ok := yamlProblems[msg]; ok {
		return es
	}
	return msg
}
