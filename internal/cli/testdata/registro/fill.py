# Fills a pauta checklist with pypdf, an independent PDF library, as a PDF viewer would:
# text fields get /V, a ticked box /V and /AS set to its on state.
# usage: fill.py IN OUT name=value...   (a box: name=X; a radio group: name=Si, the state)
#        fill.py --radio IN OUT name=value...  first turns each line's three boxes
#                                        (id-si, id-no, id-na) into one radio group id, whose
#                                        value is the export name: id=si, id=no, id=na
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

radio = sys.argv[1] == "--radio"
if radio:
    sys.argv.pop(1)
src, dst = sys.argv[1], sys.argv[2]
vals = dict(a.split("=", 1) for a in sys.argv[3:])
r = pypdf.PdfReader(src)
w = pypdf.PdfWriter()
w.clone_document_from_reader(r)
done = set()
if radio:
    from pypdf.generic import ArrayObject, DictionaryObject, NumberObject
    form = w._root_object["/AcroForm"]
    fields = form["/Fields"]
    for page in w.pages:
        widgets = {}
        for ref in page.get("/Annots", []):
            a = ref.get_object()
            widgets[a.get("/T")] = ref
        for name in list(widgets):
            if not name or not name.endswith("-si"):
                continue
            line = name[:-3]
            trio = [widgets.get(line + "-" + k) for k in ("si", "no", "na")]
            if None in trio:
                continue
            parent = DictionaryObject({
                NameObject("/FT"): NameObject("/Btn"),
                NameObject("/Ff"): NumberObject(49152),  # radio, no toggle to off
                NameObject("/T"): TextStringObject(line),
                NameObject("/V"): NameObject("/Off"),
                NameObject("/Kids"): ArrayObject(trio),
            })
            pref = w._add_object(parent)
            for key, ref in zip(("si", "no", "na"), trio):
                k = ref.get_object()
                del k["/T"]
                del k["/FT"]
                k[NameObject("/Parent")] = pref
                n = k["/AP"]["/N"]
                n[NameObject("/" + key)] = n.raw_get("/Yes")  # the reference: a stream cannot be inline
                del n["/Yes"]
                for i, f in enumerate(fields):
                    if f.idnum == ref.idnum:
                        del fields[i]
                        break
            fields.append(pref)
            if line in vals:
                on = NameObject("/" + vals[line])
                parent[NameObject("/V")] = on
                trio[("si", "no", "na").index(vals[line])].get_object()[NameObject("/AS")] = on
                done.add(line)
for page in w.pages:
    for a in page.get("/Annots", []):
        a = a.get_object()
        t = a.get("/T")
        parent = a.get("/Parent")
        if t is None and parent is not None and parent.get_object().get("/T") in vals:
            # A widget of a radio group: the group takes the value, the widget whose
            # appearance has that state shows it, the others show /Off.
            parent = parent.get_object()
            name = parent["/T"]
            on = NameObject("/" + vals[name])
            parent[NameObject("/V")] = on
            a[NameObject("/AS")] = on if on in a["/AP"]["/N"] else NameObject("/Off")
            done.add(name)
            continue
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
