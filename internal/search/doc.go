// Package search builds the site's search index from the procedure model and ranks queries
// against it: its one job is to let staff find the part of the manual, the decree or a page
// the way they type, in Spanish, without accents, with typos, half a word at a time.
//
// The index is written as a classic script (assets/search-index.js) that assigns one global,
// pautaSearchIndex, because a site opened from disk (file://) cannot fetch files, load modules
// or start workers from files. The theme's assets/search.js reads it in the browser and ranks
// exactly as [Index.Search] does here; tests hold the two to the same analysis and order.
//
// # What is indexed
//
// Every place a reader can land on is an [Entry]: each manual section and step
// (index.html#<id>), each of their items and checklist lines, the decree's title
// (decreto.html#decreto-<number>) and its parts VISTOS, CONSIDERANDO, DECRETO and DISTRIBUCIÓN
// with their paragraphs, and each heading of a content page (<id>.html#<heading id>). The
// decree's annex repeats the manual and is not indexed twice. Entries without a heading of
// their own (items, paragraphs, checklist lines) belong to the section that shows them: a
// result is always a section or heading, so a link from the results lands on a heading, and
// the matched item is shown as the result's snippet.
//
// # Analysis
//
// Text is split into words ([Words]): lowercase, accents folded, letters and digits apart
// ("N°128" gives 128), numbers whole ("18.695" and "18695" are the same number, leading zeros
// dropped). A short list of Spanish stop words (articles, prepositions, pronouns) is skipped.
// Each remaining word gives ([Analyzer.Terms]) the Snowball Spanish stem (as
// github.com/kljensen/snowball gives it; stem.go is an allocation-free port) of its folded form, the folded stem of its accented form,
// and the stem of its folded form with an -ación, -ución, -logía or preterite -ió accent
// restored: the Spanish stemmer only strips accented endings, so "autenticación" stems to
// autent while "autenticacion" stays whole, and both forms in the index let the two
// spellings meet. A stem ending in -ic also gives the stem without it, so the -icar verbs
// meet their nouns (verificar and verificación share verif), and each stem gives the stem of
// its derivational family where the stemmer leaves a verb and its noun apart: conexión and
// conectar, revisión and revisar, devolución and devolver, faltante and faltar, and the root vowels that split
// (cierra and cerrar, devuelvo and devolver). A query word is analysed from its folded form
// alone ([Analyzer.QueryTerms]): the same query finds the same with or without accents; a
// short query stem also reads its root i as e (pido and pedir).
//
// Question words and the verbs a question leans on ([LightWords]: qué, cómo, quién, puede,
// hacer, hay…) are indexed but weigh little in a query that has other words, and a query
// made only of them still finds what says them. Some ask for something the other words do
// not say ([Questions]): quién for who the text applies to (alcance, aplica, personal…),
// para qué for its objective, por qué for its reasons (considerando), cuándo for its
// conditions and terms (en caso de, plazo), hay for what is available. A query that asks
// one gains a light word of those cues, the same in the browser, which receives the list
// inside the index.
//
// # Synonyms
//
// A query word that the manual and the decree do not use is expanded to its synonyms that
// they do use, matched below an exact word. The synonyms come from three sources, the surest
// first: a plain-language list written for pauta (lenguaje-claro.txt: about 400 groups that
// link the words citizens and staff type to the words procedures and decrees use, pedir and
// solicitar, computador and equipo, en persona and presencial; written for any municipal
// procedure, without looking at a manual or a query set, and a few groups added later for
// kinds of everyday words readers typed that no group had, such as «se cortó» for a dropped
// connection), the LibreOffice Spanish thesaurus
// (package thesaurus, LGPL 2.1), its entries in common use, and the procedure's own lists
// (search.synonyms in procedure.yaml); where the list knows a word, the thesaurus does not
// add to it. Phrases of the list and of the procedure's lists are recognised in a query typed
// whole. All are cut to the site's vocabulary when the index is built: the index holds, per
// word absent from the text, the few terms of the text it leads to, and so grows with the
// manual, not with the lists. A word the text does use is found by itself first; through the
// plain-language list only, it also reaches, far below, the sections that say another word of
// its group («pido» in a manual that says «pedir» and «solicitar»), where that finds sections
// the word itself does not.
//
// # Ranking
//
// Each result is scored with BM25F over five fields: the heading (weighted most), the
// body (own text, items, paragraphs), the checklist lines shown beside it, the headings
// of the sections that contain it (for a part of the decree, the decree's title) and its
// keywords (search.keywords in procedure.yaml: the words readers use for it, weighted
// between the heading and the body, never shown; the parts every decree has carry
// pauta's own, decreePartWords: «copias» and «destinatarios» for the DISTRIBUCIÓN, «motivos»
// for the CONSIDERANDO). Weights per term and result are computed
// at build time and shipped as integers, so the browser only adds them up. A query word matches its terms
// exactly; the last word, while still being typed, also matches the terms that start with
// it. A word the text does not use is expanded to its synonyms, unless it is one edit from
// a term of the index: then it is that word mistyped. A word that matches nothing either
// way matches, at a discount, the terms within one
// edit (words of four to seven letters) or two (longer words) of it or of its stem, and a
// term that starts it short of a few letters (an ending the stemmer does not know, or
// mistyped). A result's score is scaled by the share of the query's content words it
// matches, and among the best results, those where neighbouring query words stand side by
// side rise.
//
// Kinds of text rank as a reader of the manual expects: the results of a content word by
// score, the headings of the content pages (help, not the approved text) at a discount and
// labelled «Ayuda del sitio» in the results; last, the results of light words only. No help
// page is listed above a section of the procedure or the decree that says every content
// word of the query; among those sections the scaled score decides, so a step whose heading
// names what is asked outranks one that says every word in passing. The browser gets the
// constants inside the index, so
// Go stays their one source; pauta buscar prints Go's ranking with the words each result
// matched.
package search
