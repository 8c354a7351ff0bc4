# Fills a pauta checklist with pypdf, an independent PDF library, as a PDF viewer would:
# text fields get /V, a ticked box /V and /AS set to its on state.
# usage: fill.py IN OUT name=value...   (a box: name=X)
#        fill.py --encrypt IN OUT        (encrypt with a user password)
#        fill.py --other OUT             (a PDF pauta did not make)
import sys
import pypdf
from pypdf.generic import NameObject, TextStringObject

if sys.argv[1] == "--other":
    w = pypdf.PdfWriter()
    w.add_blank_page(612, 792)
    with open(sys.argv[2], "wb") as f:
        w.write(f)
    sys.exit(0)
if sys.argv[1] == "--encrypt":
    r = pypdf.PdfReader(sys.argv[2])
    w = pypdf.PdfWriter()
    w.clone_document_from_reader(r)
    w.encrypt("clave-secreta")
    with open(sys.argv[3], "wb") as f:
        w.write(f)
    sys.exit(0)

src, dst = sys.argv[1], sys.argv[2]
vals = dict(a.split("=", 1) for a in sys.argv[3:])
r = pypdf.PdfReader(src)
w = pypdf.PdfWriter()
w.clone_document_from_reader(r)
done = set()
for page in w.pages:
    for a in page.get("/Annots", []):
        a = a.get_object()
        t = a.get("/T")
        if t not in vals:
            continue
        done.add(t)
        if a.get("/FT") == "/Btn":
            on = [k for k in a["/AP"]["/N"].keys() if k != "/Off"][0]
            a[NameObject("/V")] = NameObject(on)
            a[NameObject("/AS")] = NameObject(on)
        else:
            a[NameObject("/V")] = TextStringObject(vals[t])
missing = set(vals) - done
if missing:
    sys.exit("no such fields: " + ", ".join(sorted(missing)))
with open(dst, "wb") as f:
    w.write(f)
