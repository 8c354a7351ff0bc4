package site

// For the external tests (package site_test), which publish a second version.
var (
	AxeSource = axeSource
	RunAxe    = runAxe
)
