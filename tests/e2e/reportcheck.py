"""Checks for `bounceback report`'s HTML, with the standard library only: a strict parser (balanced
tags, no script, no event handler, nothing that references anything outside the file), every
inline SVG parsed as XML, a PNG decoder (zlib, no PIL) for browser screenshots, and a PDF page
counter."""

import html.parser
import re
import struct
import xml.etree.ElementTree as ET
import zlib

# HTML elements that have no end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# Elements that run code or fetch something: none may appear.
FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "link",
                  "img", "image", "audio", "video", "source", "track", "base", "form", "input",
                  "button", "portal", "noscript", "use", "foreignobject", "animate", "set"}
# Attributes that name a URL.
URL_ATTRIBUTES = {"href", "xlink:href", "src", "srcset", "action", "formaction", "poster",
                  "background", "data", "ping", "cite", "longdesc", "manifest", "codebase",
                  "archive", "usemap", "lowsrc", "dynsrc"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.I)


def local_reference(value):
    """True for a reference that stays inside the file: a #fragment or a data: URL."""
    value = value.strip()
    return value.startswith("#") or value.lower().startswith("data:")


class StrictChecker(html.parser.HTMLParser):
    """Parses a whole document and collects every problem in `problems`; `text` holds the text
    content, `tags` every start tag with its attributes, in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.problems = []
        self.text = []
        self.tags = []
        self.in_style = False
        self.doctype = None

    def where(self):
        line, column = self.getpos()
        return f"line {line}, column {column + 1}"

    def handle_decl(self, decl):
        self.doctype = decl

    def check_tag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> at {self.where()}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"event handler {name}= on <{tag}> at {self.where()}")
            if name in URL_ATTRIBUTES and not local_reference(value):
                self.problems.append(f"{name}={value!r} on <{tag}> at {self.where()}")
            if name == "style":
                self.check_css(value)
            if tag == "meta" and name == "http-equiv" and value.lower() == "refresh":
                self.problems.append(f"<meta http-equiv=refresh> at {self.where()}")

    def check_css(self, css):
        if "@import" in css.lower():
            self.problems.append(f"@import in CSS at {self.where()}")
        for target in CSS_URL.findall(css):
            if not local_reference(target):
                self.problems.append(f"url({target}) in CSS at {self.where()}")

    def handle_starttag(self, tag, attrs):
        self.check_tag(tag, attrs)
        if tag in VOID:
            return
        self.stack.append((tag, self.where()))
        self.in_style = tag == "style"

    def handle_startendtag(self, tag, attrs):
        self.check_tag(tag, attrs)
        if tag not in VOID and not self.inside_svg():
            self.problems.append(f"<{tag}/> outside SVG at {self.where()}")

    def inside_svg(self):
        return any(t == "svg" for t, _ in self.stack)

    def handle_endtag(self, tag):
        if tag in VOID:
            self.problems.append(f"</{tag}> for a void element at {self.where()}")
            return
        if not self.stack:
            self.problems.append(f"</{tag}> with nothing open at {self.where()}")
            return
        open_tag, opened = self.stack.pop()
        if open_tag != tag:
            self.problems.append(f"</{tag}> at {self.where()} closes <{open_tag}> of {opened}")
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.check_css(data)
            return
        self.text.append(data)

    def close(self):
        super().close()
        for tag, opened in self.stack:
            self.problems.append(f"<{tag}> of {opened} is never closed")
        if self.doctype is None or self.doctype.lower() != "doctype html":
            self.problems.append(f"no <!DOCTYPE html> (got {self.doctype!r})")


def check_html(document):
    """Parses `document` strictly; returns the checker (its `problems` should be empty)."""
    checker = StrictChecker()
    checker.feed(document)
    checker.close()
    return checker


def svg_fragments(document):
    """Every inline <svg>…</svg> of `document`, as written."""
    return re.findall(r"<svg\b.*?</svg>", document, re.S)


def parse_svgs(document):
    """Every inline SVG parsed as XML (xml.etree); raises ET.ParseError for one that is not."""
    return [ET.fromstring(fragment) for fragment in svg_fragments(document)]


# ---- PNG, for screenshots ----------------------------------------------------------------------

class Image:
    """An RGB(A) image: `width`, `height`, and `pixel(x, y)` as an (r, g, b) tuple."""

    def __init__(self, width, height, channels, rows):
        self.width = width
        self.height = height
        self.channels = channels
        self.rows = rows

    def pixel(self, x, y):
        at = x * self.channels
        row = self.rows[y]
        return row[at], row[at + 1], row[at + 2]


def read_png(path):
    """Decodes an 8-bit RGB or RGBA PNG (what Chromium writes), undoing the row filters."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG")
    pos = 8
    idat = b""
    width = height = channels = None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", body)
            if depth != 8 or colour not in (2, 6) or interlace != 0:
                raise ValueError(f"{path}: unsupported PNG (depth {depth}, colour {colour})")
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    raw = zlib.decompress(idat)
    stride = width * channels
    rows = []
    previous = bytearray(stride)
    at = 0
    for _ in range(height):
        kind = raw[at]
        line = bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            up_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - up_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - up_left)
                predictor = left if pa <= pb and pa <= pc else up if pb <= pc else up_left
                line[i] = (line[i] + predictor) & 0xFF
        rows.append(bytes(line))
        previous = line
    return Image(width, height, channels, rows)


def near(colour, target, tolerance=40):
    return all(abs(a - b) <= tolerance for a, b in zip(colour, target))


def hex_colour(text):
    text = text.lstrip("#")
    return tuple(int(text[i:i + 2], 16) for i in (0, 2, 4))


def count_colour(image, target, box=None, step=2, tolerance=40):
    """How many pixels (every `step`-th in each direction) inside `box` (x0, y0, x1, y1) are
    near `target`."""
    x0, y0, x1, y1 = box or (0, 0, image.width, image.height)
    return sum(1 for y in range(y0, min(y1, image.height), step)
               for x in range(x0, min(x1, image.width), step)
               if near(image.pixel(x, y), target, tolerance))


def pdf_page_count(path):
    """The pages of a PDF Chromium printed: its page objects (Skia writes them uncompressed)."""
    with open(path, "rb") as f:
        data = f.read()
    if not data.startswith(b"%PDF-"):
        raise ValueError(f"{path} is not a PDF")
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
