package testtool

// DecreeHead is the beginning of a test procedure.yaml up to its manual: the version, the
// organization and a short valid decree whose only considerando says considerando. Tests
// that are about the manual add their own "manual:" and "checklist:" after it, so each
// writes only what it tests.
func DecreeHead(considerando string) string {
	return `pauta: 1
organization: {name: Municipalidad de Prueba}
decree:
  kind: DECRETO ALCALDICIO
  number: 12
  date: 2024-01-02
  place: PRUEBA
  subject: APRUEBA MANUAL.
  opening: "Esta Alcaldía decretó hoy lo siguiente:"
  vistos: [{id: ley, text: La Ley N° 18.695.}]
  considerando: [{id: razon, text: ` + considerando + `}]
  resolutions: [{id: aprueba, text: APRUÉBASE el manual.}]
  closing: ANÓTESE.
  signatories: [{id: alcalde, name: ANA PÉREZ, role: ALCALDE}]
`
}
