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

  - pauta (required): the format version, always 1.
  - organization (required): who issues the procedure.
  - site (optional): where the site is published.
  - markdown (optional): how Markdown texts are rendered.
  - decree (required): the act that approves the procedure.
  - manual (required): the manual the decree approves.
  - checklist (required): the printable session checklist.
  - pages (optional): further Markdown pages of the site.
  - search (optional): synonyms of the procedure's trade and keywords per place for the
    site's search; a setting of the site, outside the version code.

The same format is explained for the people who write procedure.yaml, in Spanish and without
Go, in formato.md (see Guide): «pauta formato» prints it and «pauta init» writes it into each
new project as FORMATO.md. A test loads every YAML example of that guide and of this comment,
so both stay true of Load: a complete procedure must load as it is, and a fragment (such as
the ones below) is merged into the guide's complete example, a mapping key by key and a list
of parts by id, and must load too.

A first line "# yaml-language-server: $schema=procedure.schema.json" lets editors that read
JSON Schema complete and check the file. That schema, procedure.schema.json at the root of the
project and of the published site, is generated from this package's model (Schema): it states
the keys, the required ones, and the value rules below that a schema can express (the form of
ids and dates, the allowed values of list, type, width and lines). Its descriptions are the
doc tags of model.go, in Spanish for the authors. What a schema cannot check (ids unique,
references that exist, a choice with options) is left to Load.

# Ids

Every section, item, check, field, phase, signature block, decree paragraph, signatory and
page has an id: lowercase ASCII letters, digits and single hyphens ("registrar-solicitud").
Ids are unique in the whole file. An id is the URL anchor of its part
(index.html#registrar-solicitud) and the key that matches a part across two versions, so
keep it when the wording changes and never reuse an old id for a different part. These ids
are reserved for the site itself: contenido, resultados, buscar, busqueda, index, decreto,
versiones, v, assets, top, menu, pie, manual, anexo, vistos, considerando, resuelvo,
distribucion, firmas, encabezado, comparado, indice-titulo, q-cabecera.

# Texts

Keys documented as Markdown (text of sections, items and decree paragraphs, and the pages)
are CommonMark with tables, strikethrough and autolinks. Raw HTML is dropped unless
markdown.allow_html is true. Other texts are plain, and every text is trimmed of surrounding
spaces. Long texts read best as folded blocks:

	manual:
	  sections:
	    - id: alcance
	      title: Alcance
	      text: >-
	        Este procedimiento aplica a todo el personal de la unidad que atiende
	        solicitudes del público.

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
	  name: Municipalidad de Ejemplo         # required
	  unit: Departamento de Administración   # optional; printed on the checklist

# site

	site:
	  base_url: https://www.municipio.cl/procedimientos/

base_url is the absolute http(s) address of the published site, ending in "/". When set, the
checklist's QR code leads to the manual of that version; without it the QR code carries the
version code. It is written as a URL is: no spaces and none of " < > \ ^ ` { | } (write each
as %XX, a space as %20), no user or password before the host, no ? or #.

# markdown

	markdown:
	  allow_html: false

# decree

The administrative act that approves the manual, in the structure of Chilean municipal decrees.
All keys are required except numbering, initials and distribution.

	decree:
	  kind: DECRETO ALCALDICIO
	  number: 100                     # a whole number, greater than zero
	  date: 2025-01-15                # YYYY-MM-DD; the procedure applies from this date
	  place: EJEMPLO                  # printed as "EJEMPLO, 15 ENE 2025"
	  subject: APRUEBA PROCEDIMIENTO DE EJEMPLO.
	  opening: "Esta Alcaldía decretó hoy lo siguiente:"
	  vistos:                         # legal bases: a list of paragraphs
	    - id: ley-18695
	      text: Las facultades que me confiere la Ley N° 18.695.
	  considerando:                   # reasons: a list of paragraphs
	    - id: necesidad
	      text: La necesidad de contar con un procedimiento escrito.
	  resolutions:                    # DECRETO: resolutive points, numbered when more than one
	    - id: aprueba
	      text: APRUÉBASE el Procedimiento de ejemplo.
	  numbering:                      # optional: number the paragraphs "1.-", "2.-", …
	    vistos: true                  # of VISTOS (default false)
	    considerando: true            # of CONSIDERANDO (default false)
	  closing: ANÓTESE, COMUNÍQUESE Y ARCHÍVESE.-
	  signatories:                    # left to right as on paper
	    - id: secretaria-municipal
	      name: NOMBRE APELLIDO
	      role: SECRETARIA MUNICIPAL
	      acting: true                # subrogante: the role prints as "SECRETARIA MUNICIPAL (S)"
	    - id: alcalde
	      name: NOMBRE APELLIDO
	      role: ALCALDE
	  initials: NA/NA/na.             # signers and reviewers in capitals, typist in lower case
	  distribution:                   # DISTRIBUCIÓN: plain lines
	    - Secretaría Municipal
	    - Archivo

A paragraph has an id and a Markdown text, both required. A signatory has an id, a name and a
role, all required.

# manual

A manual has a title (required), a short_title (optional; browser tabs and page header) and its
sections (required: at least one). A section is a heading with, in this order on the page, its
text, its items and its sub-sections. It must have at least one of text, items or sections (an
empty step is an error). The keys of a section, and of an item, at their levels:

	manual:
	  title: Procedimiento de ejemplo             # required
	  short_title: Atención de solicitudes        # optional
	  sections:                                   # required: at least one section
	    - id: procedimiento                       # required
	      title: Procedimiento                    # required; without its number
	      text: Los pasos para atender una solicitud.   # Markdown, optional
	      numbered: true                          # number the sub-sections 1, 2, 3 (steps)
	      label: paso                             # with numbered: how the checklist cites a step
	      sections:                               # sub-sections, at most four levels deep
	        - id: recepcion
	          title: Recepción de la solicitud
	          list: letters                       # items marked a, b, c; "bullets" (default) for •
	          items:                              # optional: the section's list
	            - id: registrar-solicitud         # required
	              text: Se registra la solicitud con su fecha.   # required, Markdown
	            - id: asignar-responsable
	              text: Se asigna un responsable.
	          # fields: what the checklist asks to fill in for this section (see fields)
	          # checks: what the checklist asks to tick for this section (see checks)

With numbered: true and label: paso, the first sub-section prints as "1. Recepción de la
solicitud" and the checklist cites its second lettered item as "paso 1b". A lettered list holds at
most 26 items. label needs numbered, and numbered needs sub-sections.

# checks

A check is one line of the checklist, ticked Sí / No / N/A. Write it in the section whose work it
verifies; the checklist groups checks by phase and keeps them in the order of the manual, which
is the order of the work.

	manual:
	  sections:
	    - id: procedimiento
	      sections:
	        - id: recepcion
	          checks:
	            - id: responsable-asignado      # required
	              phase: inicio                 # required: the id of a checklist phase
	              text: La solicitud tiene un responsable asignado   # required: a short statement
	              from: [registrar-solicitud, asignar-responsable]

from lists the ids of the items or sections the check comes from; the checklist prints them as
its source ("paso 1a, 1b"). Without from, the source is the section the check is written in.
Every id in from must exist.

# fields

A field is a blank the technician fills in by hand.

	manual:
	  sections:
	    - id: procedimiento
	      sections:
	        - id: respuesta
	          fields:
	            - id: hora-respuesta            # required
	              label: Hora de la respuesta   # required
	              type: time                    # text (default), date, time or choice
	              width: 1                      # quarters of the page, 1 to 4 (default 1; 4 for choice)
	              lines: 1                      # writing lines, 1 to 6 (default 1)
	              phase: cierre                 # optional: print inside that phase's block
	            - id: medio-respuesta
	              label: Medio de la respuesta
	              type: choice
	              options: [Correo electrónico, Carta]   # only for choice: at least two
	              phase: cierre

Fields without a phase form the session data block at the top of the checklist, in the order of
the manual. A field must never record a password, PIN, one-time code, token or other secret:
validation refuses such fields (by their id and label), because Ley 19.628 and Ley 21.719 ask to
collect only the data needed and a secret on paper is exposed to anyone who reads it. Record that
the verification was done, as a check.

# checklist

	checklist:
	  code: PE-01                          # required: form code, printed in the header
	  title: "Lista de verificación: atención de una solicitud"   # required
	  instructions: Una hoja por solicitud.   # optional: one line on how to fill it in
	  phases:                              # required: the pause points, in the order of the work
	    - id: inicio                       # required
	      title: Al recibir la solicitud   # required
	      hint: Antes de asignarla         # optional
	    - id: cierre
	      title: Al responder
	  observations: Observaciones (explique cada «No»)   # optional: heading of the observation lines
	  signatures:                          # required: signature blocks, left to right
	    - id: firma-responsable            # required
	      title: Responsable               # required
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

# search

The site's search already knows Spanish synonyms (a thesaurus, cut to the words the manual
uses). A procedure adds the words of its trade, which no thesaurus has:

	search:
	  synonyms:
	    - words: [AnyDesk, escritorio remoto, TeamViewer]
	    - words: [clave, contraseña, PIN]

Each group lists two or more words or phrases a reader may type for one another, each once.
A query that says one of them also finds the text that says another, ranked below the text
that says the query's own word. A phrase ("escritorio remoto") counts when the query types
it whole; as what a query leads to, only the one-word entries of a group count.
pauta buscar "texto" shows what a query finds and through which word.

Keywords add, to one place, the words readers use for it that its text does not say (the
decree's VISTOS, CONSIDERANDO and DISTRIBUCIÓN carry the commonest already, see
decreePartWords in internal/search):

	search:
	  keywords:
	    recepcion: [cómo pido algo, ingresar una solicitud]
	    decreto.html#vistos: [en qué se basa, normativa]
	    respuesta: contestar

A place is written as its address on the site without "index.html#" for the manual: a
section's or step's id; decreto.html (the decree's title) or decreto.html# and one of its
parts, vistos, considerando, resuelvo, distribucion; a page's id with .html, alone or with
the anchor of one of its headings. Each place lists words or phrases, each once (or one
phrase). The search indexes them as a field of their own, weighed between the heading and
the text, and never shows them. An unknown place is an error, with the nearest known one.

The search block is a setting of the site, not part of the approved text: it is left out of
the version code, and the site applies the working procedure.yaml's block to every version
it builds (the one in force, the older ones under v/, the draft), skipping the keywords of
places a version lacks.

# Errors

Load reports every problem at once, sorted by position, one per line:

	procedure.yaml:42:13: manual.sections[2].sections[1]: clave desconocida "titel" — ¿quiso decir "title"?

Each line names the file, line and column, what is wrong and what to do. Load returns these as
an ErrorList; any other error is the machine's (an unreadable disk), not the author's.

# Version code

Each loaded procedure has a version code, the first 32 bits of the SHA-256 of its canonical
source, printed as "EED8-9A45": the YAML read as data (keys in sorted order, each value as
written, without comments, quotes or layout) followed by the text of each page. Re-indenting,
re-wrapping a folded text, reordering keys or editing a comment keeps the code; any change of
wording changes it. The search block is left out: it tunes the site's search, not the text
(a version published while it counted keeps the code it was published with, see
CodeWithSearch). The code depends only on the source, never on pauta's own version, so a
published version keeps its code for good. Every output prints it, so a paper copy can be
traced to the exact text it came from.
*/
package procedure
