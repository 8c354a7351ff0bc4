package pages

import (
	"github.com/requinoa/pauta/internal/procedure"
	"github.com/requinoa/pauta/internal/theme"
)

// Extra is a page about the site as a whole (the versions list, a comparison, the
// Transparencia Activa index), framed like the pages of edition p.
type Extra struct {
	Name, Template, Title, Description string
	Data                               map[string]any
}

// RenderExtra renders pages in the frame (header, menu, footer) of the edition of p.
func RenderExtra(p *procedure.Procedure, th *theme.Theme, opt Options, extras ...Extra) (Files, error) {
	files := Files{}
	r := renderer{p: p, th: th, opt: opt, out: memory(files)}
	site := r.siteView()
	for _, e := range extras {
		data := map[string]any{}
		for k, v := range e.Data {
			data[k] = v
		}
		if err := r.page(e.Name, e.Template, e.Title, e.Description, data, site); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// VersionRow is one published version in the versions list.
type VersionRow struct {
	ID, Citation, Subject, Period, Status, StatusDetail, Code             string
	DecreeHref, ManualHref, DecreePDF, ChecklistPDF, AKNHref, CompareHref string
}

// TransparencyRow is one act in the Transparencia Activa index.
type TransparencyRow struct {
	Kind                                             string
	Number                                           int
	Date, DateText, Subject, Href, LinkLabel, Status string
}

// ComparisonView is what the comparison page shows.
type ComparisonView struct {
	OldID, NewID, OldCitation, NewCitation, OldCode, NewCode string
	OldHref, NewHref, PDFHref, Summary                       string
	Groups                                                   []ChangeGroup
}

// ChangeGroup gathers the changes of the decree or of the manual.
type ChangeGroup struct {
	ID, Title string
	Changes   []ChangeView
}

// ChangeView is one change, its wording as segments.
type ChangeView struct {
	Anchor, Part, Kinds, Where, OldWhere string
	Segments                             []SegmentView
}

// SegmentView is a run of words: Op is "del", "ins" or "" for kept words.
type SegmentView struct {
	Op, Text string
}
