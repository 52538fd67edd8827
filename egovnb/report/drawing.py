"""How the report's figures are drawn cheaply with matplotlib: text measured from cached glyph
metrics, the SVG canvas that uses it, many labels drawn by one artist, and rectangles drawn as
one path.

Drawing a chart of a few hundred units is mostly text: matplotlib lays each string out with
FreeType and HarfBuzz (about 1–2 ms a string in matplotlib 3.11) and makes a ``Tick`` or a
``Text`` per label. Here a string's width is the sum of its glyphs' advances and kerning (each
glyph measured once per font and size, the same numbers FreeType gives unhinted), and a column
of labels, or a set of bars, is one artist, so a chart's cost grows gently with its units.
:mod:`egovnb.report.charts` uses these to render every chart as SVG.
"""

from __future__ import annotations

import io
from functools import cache

import matplotlib
import numpy as np
from matplotlib import colors as mcolors
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.ft2font import Kerning, LoadFlags
from matplotlib.patches import PathPatch
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Bbox, IdentityTransform

from egovnb.core.internals import internal, taken_away

POINTS = 72  # the SVG's user unit is the point


# --- Text measured from cached glyph metrics -----------------------------------------------------

class _Glyphs:
    """Unhinted metrics of one font at one size, in points, filled in as characters come:
    each character's advance, ink bottom and top, and the kerning of each pair."""

    def __init__(self, path: str, size: float):
        self.font = get_font(path)
        self.size = size
        self.chars: dict[str, tuple[float, float, float, int]] = {}
        self.pairs: dict[tuple[int, int], float] = {}
        self.texts: dict[str, tuple[float, float, float] | None] = {}  # a label is measured more than once

    def char(self, c: str) -> tuple[float, float, float, int] | None:
        known = self.chars.get(c)
        if known is None:
            index = self.font.get_char_index(ord(c))
            if index == 0:  # not in this font: matplotlib's fallback fonts will draw it
                return None
            self.font.set_size(self.size, POINTS)
            glyph = self.font.load_char(ord(c), flags=LoadFlags.NO_HINTING)
            known = self.chars[c] = (glyph.linearHoriAdvance / 65536, glyph.bbox[1] / 64, glyph.bbox[3] / 64, index)
        return known

    def kerning(self, left: int, right: int) -> float:
        known = self.pairs.get((left, right))
        if known is None:
            self.font.set_size(self.size, POINTS)
            known = self.pairs[(left, right)] = self.font.get_kerning(left, right, Kerning.UNFITTED) / 64
        return known

    def extent(self, text: str) -> tuple[float, float, float] | None:
        """Width, height and descent of one line of ``text`` in points, as FreeType lays it out
        unhinted (advances plus kerning; height and descent of the ink); None when the font
        lacks a character (matplotlib's own layout then measures it, with its fallback fonts)."""
        if text in self.texts:
            return self.texts[text]
        if len(self.texts) > 100_000:  # a long-lived process: keep the memory bounded
            self.texts.clear()
        width, bottom, top, previous = 0.0, 0.0, 0.0, None
        for c in text:
            metrics = self.char(c)
            if metrics is None:
                self.texts[text] = None
                return None
            advance, low, high, index = metrics
            if previous is not None:
                width += self.kerning(previous, index)
            width += advance
            bottom, top, previous = min(bottom, low), max(top, high), index
        extent = self.texts[text] = (width, top - bottom, -bottom)
        return extent


@cache
def _glyphs(path: str, size: float) -> _Glyphs:
    return _Glyphs(path, size)


def font_glyphs(prop: FontProperties) -> _Glyphs:
    """The glyph metrics of the font ``prop`` finds, at its size."""
    return _glyphs(findfont(prop), float(prop.get_size_in_points()))


def text_extent(text: str, prop: FontProperties) -> tuple[float, float, float] | None:
    """Width, height and descent in points of one line of ``text`` in the font of ``prop``
    (:meth:`_Glyphs.extent`)."""
    return font_glyphs(prop).extent(text)


# How wide a unit's name beside a chart may be, in inches of its 9: half of it (the longest real
# names, "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh" with its rank, take 4.1). A
# longer one (a name of 500 characters) would leave the bars no room, and matplotlib none at all.
LABEL_INCHES = 4.5


def fit_labels(texts, size: float, width: float = LABEL_INCHES) -> list[str]:
    """Each of ``texts`` as it is when it fits ``width`` inches at ``size`` points, else cut at
    a word (or a character) and ended with "…"; the whole name stays in the chart's table and
    its alt text."""
    fitted = []
    for text in texts:
        text = str(text)
        if text_width([text], size) <= width:
            fitted.append(text)
            continue
        low, high = 0, len(text)  # the longest prefix that fits with its "…"
        while low < high:
            middle = (low + high + 1) // 2
            if text_width([text[:middle].rstrip() + "…"], size) <= width:
                low = middle
            else:
                high = middle - 1
        cut = text[:low]
        if " " in cut.strip() and len(cut.rsplit(" ", 1)[0]) > low // 2:
            cut = cut.rsplit(" ", 1)[0]
        fitted.append(cut.rstrip(" ,;:-–—") + "…")
    return fitted


def text_width(texts, size: float, weight: str = "normal") -> float:
    """Width in inches of the widest of ``texts`` at ``size`` points in the charts' font."""
    prop = FontProperties(size=size, weight=weight)
    glyphs = font_glyphs(prop)
    widest = 0.0
    for text in texts:
        extent = glyphs.extent(str(text))
        # A character the font lacks: matplotlib's own layout (with its fallback fonts) measures it.
        width = extent[0] if extent else RendererBase().get_text_width_height_descent(str(text), prop, False)[0]
        widest = max(widest, width)
    return widest / POINTS


# --- The SVG canvas ----------------------------------------------------------------------------

class _Measured(RendererSVG):
    """matplotlib's SVG renderer measuring text with :func:`text_extent`, and drawing a
    :class:`Labels` artist's texts as one group."""

    def get_text_width_height_descent(self, s, prop, ismath):
        extent = None if ismath else text_extent(s, prop)
        if extent is None:
            return super().get_text_width_height_descent(s, prop, ismath)
        scale = self.points_to_pixels(1.0)
        return extent[0] * scale, extent[1] * scale, extent[2] * scale

    def _get_font_height_metrics(self, prop):
        # Asked by Text for each line it lays out; matplotlib reads the font's tables each time.
        # A private hook: a matplotlib without it never asks, and None lets it read the tables
        # itself (see egovnb.core.internals).
        if taken_away("_get_font_height_metrics"):
            return None, None, None
        ascent, descent, gap = _font_box(findfont(prop))
        size = self.points_to_pixels(prop.get_size_in_points())
        return ascent * size, descent * size, gap * size

    def draw_labels(self, xs, ys, texts, prop: FontProperties, ha: str, colours) -> None:
        """``texts`` at (``xs``, ``ys``) (SVG units, y down, ``ha`` the side the anchor is on) as
        ``<text>`` elements in one ``<g>`` that carries their font, alignment and first colour;
        a label of another colour carries its own fill. Text stays text (``svg.fonttype: none``)."""
        unique, which = np.unique(np.asarray(colours), axis=0, return_inverse=True)
        names = [mcolors.to_hex(c) for c in unique]
        hexes = [names[i] for i in np.ravel(which)]
        first = hexes[0] if hexes else "#000000"
        style = {**_font_css(prop), "text-anchor": {"left": "start", "center": "middle", "right": "end"}[ha],
                 "fill": first}
        self.writer.start("g", style="; ".join(f"{k}: {v}" for k, v in style.items()))
        for x, y, text, colour in zip(xs, ys, texts, hexes):
            own = {} if colour == first else {"style": f"fill: {colour}"}
            self.writer.element("text", text, x=_number(x), y=_number(y), **own)
        self.writer.end("g")


    def _write_hatches(self):
        # matplotlib writes each hatch as a one-inch tile: 324 dots for "...", 120 kB in every
        # chart with level III. Its hatches (drawn at 6 lines an inch for each mark of the hatch
        # string) repeat every third of an inch, so that tile is written instead: the same
        # picture, a ninth of the dots. matplotlib's own writer is used if anything is unexpected,
        # or the private parts this needs are missing (see egovnb.core.internals).
        hatches, convert = internal(self, "_hatchd"), internal(self, "_convert_path")
        if hatches is None or convert is None or taken_away("_write_hatches"):
            return super()._write_hatches()
        entries = list(hatches.items())
        try:
            if not all(len(value[0]) == 4 and _hatch_size(key[0], 6) == len(value[0][0].vertices)
                       for key, value in entries):
                raise ValueError("a hatch not drawn at matplotlib's default density")
        except (TypeError, ValueError, IndexError, AttributeError):
            return super()._write_hatches()
        if not entries:
            return None
        tile = POINTS / 3
        flip = Affine2D().scale(tile).scale(1.0, -1.0).translate(0.0, tile)
        self.writer.start("defs")
        for (hatch, *_), ((_, face, stroke, width), oid) in entries:
            self.writer.start("pattern", id=oid, patternUnits="userSpaceOnUse", x="0", y="0", width=_number(tile),
                              height=_number(tile))
            self.writer.element("rect", x="0", y="0", width=_number(tile + 1), height=_number(tile + 1),
                                fill="none" if face is None else mcolors.to_hex(face))
            style = {"fill": mcolors.to_hex(stroke), "stroke": mcolors.to_hex(stroke), "stroke-width": str(width),
                     "stroke-linecap": "butt", "stroke-linejoin": "miter"}
            if stroke[3] < 1:
                style["stroke-opacity"] = str(stroke[3])
            self.writer.element("path", d=convert(Path.hatch(hatch, 2), flip, simplify=False),
                                style="; ".join(f"{k}: {v}" for k, v in style.items()))
            self.writer.end("pattern")
        self.writer.end("defs")
        return None


@cache
def _hatch_size(hatch: str, density: int) -> int:
    return len(Path.hatch(hatch, density).vertices)


def _number(value: float) -> str:
    return f"{value:f}".rstrip("0").rstrip(".")  # as matplotlib writes SVG numbers


def _font_css(prop: FontProperties) -> dict[str, str]:
    """The CSS font of ``prop`` as matplotlib's SVG backend writes it: a generic family named in
    the rc settings (``sans-serif``) is preceded by the fonts it stands for, each quoted."""
    css = {}
    if prop.get_style() != "normal":
        css["font-style"] = prop.get_style()
    weight = font_manager.weight_dict.get(prop.get_weight(), prop.get_weight())
    if weight != 400:
        css["font-weight"] = str(weight)
    css["font-size"] = f"{_number(prop.get_size())}px"
    names = []
    for family in prop.get_family():
        family = "sans-serif" if family in ("sans", "sans serif") else family
        if family in font_manager.font_family_aliases:
            names += [repr(name) for name in matplotlib.rcParams[f"font.{family}"]]
            names.append(family)
        else:
            names.append(repr(family))
    css["font-family"] = ", ".join(dict.fromkeys(names))
    return css


class SVGCanvas(FigureCanvasSVG):
    """An SVG canvas whose renderer is :class:`_Measured`: attach it with ``SVGCanvas(figure)``,
    then ``figure.savefig(..., format="svg")`` (and constrained layout) use it."""

    def print_svg(self, filename, *, bbox_inches_restore=None, metadata=None, **_):
        # As FigureCanvasSVG.print_svg, with the measuring renderer; ``filename`` is a binary file.
        writer = io.TextIOWrapper(filename, encoding="utf-8", newline="\n")
        dpi = self.figure.dpi
        self.figure.dpi = POINTS
        width, height = self.figure.get_size_inches()
        renderer = MixedModeRenderer(self.figure, width, height, dpi,
                                     _Measured(width * POINTS, height * POINTS, writer, image_dpi=dpi,
                                               metadata=metadata),
                                     bbox_inches_restore=bbox_inches_restore)
        self.figure.draw(renderer)
        renderer.finalize()
        writer.flush()
        writer.detach()


# --- Many labels, one artist -------------------------------------------------------------------

class Labels(Artist):
    """Short texts at many points drawn by one artist (instead of a ``Text`` or a ``Tick`` each):
    all in one font, size and alignment, each in its own opaque colour, never clipped; a text
    of several lines is stacked as ``Text`` stacks them, each line centred, or aligned, as ``ha``.

    ``xy`` are in the artist's transform (data coordinates unless :meth:`set_transform` says
    otherwise), ``offset`` shifts every label by (dx, dy) points, ``ha`` is left, center or right,
    ``va`` center, center_baseline, baseline, bottom or top, laid out as ``Text`` lays them out. ``backing``
    draws a rectangle of that colour behind each label, ``pad`` points around it (all of them
    one path), so a label crossing a line reads.
    """

    zorder = 3

    def __init__(self, xy, texts, *, fontsize: float, colors="#222222", ha: str = "left", va: str = "center",
                 offset: tuple[float, float] = (0.0, 0.0), backing: str | None = None, pad: float = 0.6,
                 weight: str = "normal", **kwargs):
        super().__init__()
        # A label of several lines ("\n") is one item a line, all at the label's point.
        labels = [str(t).split("\n") for t in texts]
        self._label = np.repeat(np.arange(len(labels)), [len(lines) for lines in labels])
        self._texts = [line for lines in labels for line in lines]
        self._xy = np.asarray(xy, dtype=float).reshape(-1, 2)[self._label]
        rgba = mcolors.to_rgba_array(colors)
        self._colors = (np.broadcast_to(rgba, (len(labels), 4)) if len(rgba) == 1 else rgba)[self._label]
        self._font = FontProperties(size=fontsize, weight=weight)
        self._ha, self._va, self._offset = ha, va, offset
        self._backing, self._pad = backing, pad
        # Other backends draw each label from its left end; this text tells the SVG backend the
        # anchor and alignment, so a reader's font, even a fallback one, is aligned as laid out.
        self._anchor = Text(0, 0, "", ha=ha, transform=IdentityTransform())
        self.set_clip_on(False)
        if kwargs:
            self.set(**kwargs)

    def _layout(self, renderer):
        """In display units: the anchor points, and each label's left x, baseline y, width, ascent
        and descent (a line's box is at least the font's, as ``Text`` lays it out)."""
        points = renderer.points_to_pixels(1.0)
        anchors = self.get_transform().transform(self._xy) + np.asarray(self._offset) * points
        glyphs = font_glyphs(self._font)
        extents = np.array([glyphs.extent(t) or renderer.get_text_width_height_descent(t, self._font, False)
                            for t in self._texts], dtype=float).reshape(-1, 3) * points
        widths, heights, descents = extents.T
        ascent, descent = _line_box(self._font, points)
        ascents = np.maximum(heights - descents, ascent)
        descents = np.maximum(descents, descent)
        lefts = anchors[:, 0] - widths * {"left": 0.0, "center": 0.5, "right": 1.0}[self._ha]
        baselines = anchors[:, 1] + {"center": (descents - ascents) / 2, "baseline": 0.0, "bottom": descents,
                                     "top": -ascents, "center_baseline": -ascents / 2}[self._va]
        if len(self._label) and len(self._label) > self._label[-1] + 1:  # a label of several lines
            self._stack(anchors, baselines, ascents, descents, _font_box(findfont(self._font))[2]
                        * self._font.get_size_in_points() * points)
        return anchors, lefts, baselines, widths, ascents, descents

    def _stack(self, anchors, baselines, ascents, descents, gap: float) -> None:
        """The lines of each label of several lines stacked as ``Text`` stacks them (each line's
        box at least the font's, plus half the font's line gap above and below), the block
        aligned on the label's point by ``va``; in place."""
        starts = np.flatnonzero(np.r_[True, self._label[1:] != self._label[:-1]])
        for start, end in zip(starts, np.r_[starts[1:], len(self._label)]):
            if end - start < 2:
                continue
            rows = slice(start, end)
            ascents[rows] += gap / 2
            descents[rows] += gap / 2
            a, d = ascents[rows], descents[rows]
            lines = -np.cumsum(a) - np.r_[0.0, np.cumsum(d)[:-1]]  # baselines below the block's top
            bottom = lines[-1] - d[-1]
            offset = {"bottom": bottom, "top": 0.0, "center": bottom / 2, "baseline": lines[-1],
                      "center_baseline": lines[-1] / 2}[self._va]
            baselines[rows] = anchors[start, 1] - offset + lines

    def get_window_extent(self, renderer=None):
        if not self._texts:
            return Bbox.null()
        renderer = renderer or _renderer_of(self.get_figure(root=True))
        _, lefts, baselines, widths, ascents, descents = self._layout(renderer)
        return Bbox([[lefts.min(), (baselines - descents).min()],
                     [(lefts + widths).max(), (baselines + ascents).max()]])

    def draw(self, renderer):
        if not self.get_visible() or not self._texts:
            return
        renderer.open_group("labels", gid=self.get_gid())
        anchors, lefts, baselines, widths, ascents, descents = self._layout(renderer)
        if self._backing:
            pad = self._pad * renderer.points_to_pixels(1.0)
            backing = PathPatch(rectangles(lefts - pad, lefts + widths + pad, baselines - descents - pad,
                                           baselines + ascents + pad),
                                facecolor=self._backing, edgecolor="none", transform=IdentityTransform())
            backing.set_figure(self.get_figure(root=False))
            backing.draw(renderer)
        if renderer.flipy():
            baselines = renderer.get_canvas_width_height()[1] - baselines
        if hasattr(renderer, "draw_labels") and matplotlib.rcParams["svg.fonttype"] == "none":
            renderer.draw_labels(anchors[:, 0], baselines, self._texts, self._font, self._ha, self._colors)
        else:
            gc = renderer.new_gc()
            for anchor, left, baseline, text, colour in zip(anchors, lefts, baselines, self._texts, self._colors):
                gc.set_foreground(colour, isRGBA=True)
                self._anchor.set_x(anchor[0])
                renderer.draw_text(gc, left, baseline, text, self._font, 0.0, ismath=False, mtext=self._anchor)
            gc.restore()
        renderer.close_group("labels")
        self.stale = False


def _renderer_of(figure):
    """The renderer ``figure`` would be drawn with: matplotlib's private ``Figure._get_renderer``,
    else its canvas's own where it has one, else an SVG renderer of its size (the charts' own)."""
    getter = internal(figure, "_get_renderer") or getattr(figure.canvas, "get_renderer", None)
    if getter is not None:
        return getter()
    return _Measured(figure.bbox.width, figure.bbox.height, io.StringIO())


@cache
def _font_box(path: str) -> tuple[float, float, float]:
    """The font's typographic ascender, descender and line gap, in ems (what ``Text`` lays a
    line out with)."""
    font = get_font(path)
    per_em = font.get_sfnt_table("head")["unitsPerEm"]
    table = font.get_sfnt_table("OS/2")
    if table is not None:
        return table["sTypoAscender"] / per_em, -table["sTypoDescender"] / per_em, table["sTypoLineGap"] / per_em
    table = font.get_sfnt_table("hhea")
    return table["ascent"] / per_em, -table["descent"] / per_em, table["lineGap"] / per_em


def _line_box(prop: FontProperties, pixels_per_point: float) -> tuple[float, float]:
    ascent, descent, _ = _font_box(findfont(prop))
    size = prop.get_size_in_points() * pixels_per_point
    return ascent * size, descent * size


# --- Rectangles as one path --------------------------------------------------------------------

def rectangles(x0, x1, y0, y1) -> Path:
    """One path of many axis-aligned rectangles, from corners given as arrays (or numbers,
    broadcast against them)."""
    x0, x1, y0, y1 = (v.ravel() for v in np.broadcast_arrays(*(np.asarray(v, dtype=float) for v in (x0, x1, y0, y1))))
    corners = np.stack([np.stack([x0, y0], 1), np.stack([x1, y0], 1), np.stack([x1, y1], 1),
                        np.stack([x0, y1], 1), np.stack([x0, y0], 1)], axis=1)
    codes = np.tile([Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY], len(x0))
    return Path(corners.reshape(-1, 2), codes)


def add_rectangles(ax, x0, x1, y0, y1, **style) -> PathPatch:
    """Rectangles (corners as for :func:`rectangles`, in data units) drawn on ``ax`` as one patch,
    one SVG path however many they are, in ``style`` (facecolor, hatch, edgecolor, label ...);
    the data limits grow to hold them."""
    path = rectangles(x0, x1, y0, y1)
    patch = PathPatch(path, **style)
    ax.add_artist(patch)
    if len(path.vertices):
        ax.update_datalim(path.vertices)
        ax.autoscale_view()
    return patch
