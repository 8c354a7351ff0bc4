/*
Package procedure is the model of a procedure source, procedure.yaml, and its loader: it reads
the file once, keeps the line and column of every value, validates everything and reports every
problem at once. Every output of pauta (manual pages, decree page, checklist and decree PDFs,
search index, published versions) is rendered from the model this package returns.

This comment is the specification of the format: it is enough to write a new procedure.

# The file

procedure.yaml is a YAML document (UTF-8, at most 32 MB, one document, no aliases) with these
top-level keys. Keys are in English; every text a reader sees is written in Spanish. Unknown
keys are errors, with a suggestion ("¿quiso decir "title"?").

	pauta: 1              # required: the format version
	organization: …       # required: who issues the procedure
	site: …               # optional: where the site is published
	markdown: …           # optional: how Markdown texts are rendered
	decree: …             # required: the act that approves the procedure
	manual: …             # required: the manual the decree approves
	checklist: …          # required: the printable session checklist
	pages: …              # optional: further Markdown pages of the site

A first line "# yaml-language-server: $schema=procedure.schema.json" lets editors that read
JSON Schema complete and check the file. That schema, procedure.schema.json at the root of the
project and of the published site, is generated from this package's model (Schema): it states
the keys, the required ones, and the value rules below that a schema can express (the form of
ids and dates, the allowed values of list, type, width and lines). Its descriptions are the
doc tags of model.go, in Spanish for the authors. What a schema cannot check (ids unique,
references that exist, a choice with options) is left to Load.

# Ids

Every section, item, check, field, phase, signature block, decree paragraph, signatory and
page has an id: lowercase ASCII letters, digits and single hyphens ("inicio-sesion-anydesk").
Ids are unique in the whole file. An id is the URL anchor of its part
(index.html#inicio-sesion-anydesk) and the key that matches a part across two versions, so
keep it when the wording changes and never reuse an old id for a different part. These ids
are reserved for the site itself: contenido, resultados, buscar, busqueda, index, decreto,
versiones, v, assets, top, menu, pie, manual, anexo, vistos, considerando, resuelvo,
distribucion, firmas, encabezado, comparado, indice-titulo, q-cabecera.

# Texts

Keys documented as Markdown (text of sections, items and decree paragraphs, and the pages)
are CommonMark with tables, strikethrough and autolinks. Raw HTML is dropped unless
markdown.allow_html is true. Other texts are plain. Long texts read best as folded blocks:

	text: >-
	  Este manual aplica a todo el personal de soporte técnico de la municipalidad,
	  autorizado para realizar accesos remotos.

No text holds a control character (tab, NUL, escape, form feed, DEL, the C1 range) or a
Unicode line separator: the PDFs cannot print one. A plain text is one line; a Markdown text
may hold line breaks and tabs, nothing else of the kind.

A Markdown text is at most 256 KB, nests at most 32 brackets, quotes or lists, and holds no
more links, brackets or emphasis marks in one paragraph than a person writes (about a
thousand links, four thousand brackets or marks): past that, goldmark would take seconds or
gigabytes to parse it. A heading of a section's, item's or paragraph's text must not take
the id of a section, an item, a paragraph, a signatory, an id the site uses, or a heading of
another text, since they share one page.

Every file pauta reads (procedure.yaml, the pages, the theme, the published versions) is a
regular file of at most 32 MB inside the project folder: a symbolic link may lead to another
file of the project, never out of it.

# organization

	organization:
	  name: Municipalidad de Requínoa      # required
	  unit: Departamento de Informática    # optional; printed on the checklist

# site

	site:
	  base_url: https://www.municipio.cl/procedimientos/

base_url is the absolute http(s) address of the published site, ending in "/". When set, the
checklist's QR code leads to the manual of that version; without it the QR code carries the
version code.

# markdown

	markdown:
	  allow_html: false

# decree

The administrative act that approves the manual, in the structure of Chilean municipal decrees.
All keys are required except initials and distribution.

	decree:
	  kind: DECRETO ALCALDICIO
	  number: 2387                    # a whole number, greater than zero
	  date: 2024-08-02                # YYYY-MM-DD; the procedure applies from this date
	  place: REQUÍNOA                 # printed as "REQUÍNOA, 02 AGO 2024"
	  subject: APRUEBA PROCEDIMIENTO PARA …
	  opening: "Esta Alcaldía decretó hoy lo siguiente:"
	  vistos:                         # legal bases: a list of paragraphs
	    - id: ley-18695
	      text: Las Facultades que me confiere la Ley N° 18.695 …
	  considerando:                   # reasons: a list of paragraphs
	    - id: necesidad
	      text: La necesidad del Municipio …
	  resolutions:                    # DECRETO: resolutive points, numbered when more than one
	    - id: aprueba-procedimiento
	      text: APRUÉBASE el Procedimiento …
	  closing: ANÓTESE, COMUNÍQUESE Y ARCHÍVESE.-
	  signatories:                    # left to right as on paper
	    - id: secretaria-municipal
	      name: MARIO MENA NORIEGA
	      role: SECRETARIA MUNICIPAL
	      acting: true                # subrogante: the role prints as "SECRETARIA MUNICIPAL (S)"
	    - id: alcalde
	      name: WALDO VALDIVIA MONTECINOS
	      role: ALCALDE
	  initials: WVM/CAB/MMN/FNM/knc.  # signers and reviewers in capitals, typist in lower case
	  distribution:                   # DISTRIBUCIÓN: plain lines
	    - Secretaría Municipal
	    - Archivo

A paragraph has an id and a Markdown text, both required.

# manual

	manual:
	  title: Manual de Procedimientos para …   # required
	  short_title: Accesos remotos de soporte técnico   # optional; browser tabs and page header
	  sections: […]                            # required: at least one section

A section is a heading with, in this order on the page, its text, its items and its
sub-sections. It must have at least one of text, items or sections (an empty step is an error).

  - id: autenticacion-autorizacion       # required
    title: Autenticación y Autorización  # required; without its number
    text: …                              # Markdown, optional
    list: letters                        # items marked a, b, c; "bullets" (the default) for •
    items:                               # optional
  - id: numero-sesion-autorizacion   # required
    text: El usuario final debe …    # required, Markdown
    numbered: true                       # number the sub-sections 1, 2, 3 (procedure steps)
    label: paso                          # with numbered: how the checklist cites a sub-section
    sections: […]                        # sub-sections, at most four levels deep
    fields: […]                          # what the checklist asks to fill in for this section
    checks: […]                          # what the checklist asks to tick for this section

With numbered: true and label: paso, the third sub-section prints as "3. Inicio de Sesión en
AnyDesk" and the checklist cites its second lettered item as "paso 3b". A lettered list holds at
most 26 items. label needs numbered, and numbered needs sub-sections.

# checks

A check is one line of the checklist, ticked Sí / No / N/A. Write it in the section whose work it
verifies; the checklist groups checks by phase and keeps them in the order of the manual, which
is the order of the work.

	checks:
	  - id: identidad-verificada           # required
	    phase: antes                       # required: the id of a checklist phase
	    text: Identidad del usuario verificada …   # required: a short statement
	    from: [verificacion-identidad, autenticacion-adicional]

from lists the ids of the items or sections the check comes from; the checklist prints them as
its source ("Req. 2, paso 4b"). Without from, the source is the section the check is written in.
Every id in from must exist.

# fields

A field is a blank the technician fills in by hand.

	fields:
	  - id: hora-inicio                    # required
	    label: Hora de inicio              # required
	    type: time                         # text (default), date, time or choice
	    options: [Sí, No]                  # only for choice: at least two, each printed with a box
	    width: 1                           # quarters of the page, 1 to 4 (default 1)
	    lines: 1                           # writing lines, 1 to 6 (default 1)
	    phase: cierre                      # optional: print inside that phase's block

Fields without a phase form the session data block at the top of the checklist, in the order of
the manual. A field must never record a password, PIN, one-time code, token or other secret:
validation refuses such fields (by their id and label), because Ley 19.628 and Ley 21.719 ask to
collect only the data needed and a secret on paper is exposed to anyone who reads it. Record that
the verification was done, as a check.

# checklist

	checklist:
	  code: SR-01                          # required: form code, printed in the header
	  title: "Lista de verificación: …"    # required
	  instructions: Una hoja por sesión …  # optional: one line on how to fill it in
	  phases:                              # required: the pause points, in the order of the work
	    - id: antes                        # required
	      title: Antes de conectar         # required
	      hint: Leer y marcar cada punto antes de iniciar AnyDesk   # optional
	  observations: Observaciones (…)      # optional: heading of the observation lines
	  signatures:                          # required: signature blocks, left to right
	    - id: tecnico                      # required
	      title: Técnico de soporte        # required
	      lines: [Nombre, RUT, Cargo / unidad, Fecha, Firma]   # optional; these are the default

Every phase must receive at least one check or field.

# pages

Further pages of the site, in menu order, each a Markdown file (UTF-8, at most 8 MB) relative to
procedure.yaml:

	pages:
	  - id: como-usar                      # required; written as como-usar.html
	    file: content/como-usar.md         # required
	    title: Cómo usar este manual       # optional; default: the file's first "# " heading

The ids index, decreto, buscar, versiones, comparado and transparencia are taken by the site.

# Errors

Load reports every problem at once, sorted by position, one per line:

	procedure.yaml:112:13: manual.sections[4].sections[2]: clave desconocida "titel" — ¿quiso decir "title"?

Each line names the file, line and column, what is wrong and what to do. Load returns these as
an ErrorList; any other error is the machine's (an unreadable disk), not the author's.

# Version code

Each loaded procedure has a version code, the first 32 bits of the SHA-256 of its canonical
source, printed as "EED8-9A45": the YAML read as data (keys in sorted order, each value as
written, without comments, quotes or layout) followed by the text of each page. Re-indenting,
re-wrapping a folded text, reordering keys or editing a comment keeps the code; any change of
wording changes it. The code depends only on the source, never on pauta's own version, so a
published version keeps its code for good. Every output prints it, so a paper copy can be
traced to the exact text it came from.
*/
package procedure
