"""An axis's major ticks drawn as two artists a side (marks, labels) instead of a ``Tick`` each.

A matplotlib ``Tick`` is five artists, two of them texts laid out one by one; a
chart's dozen number-axis ticks took more time than its bars. :func:`light_ticks`
makes every axis of a figure draw the same marks and labels, in the same places
(the axis's own tick parameters, pads and alignment), as one ``Line2D`` of markers
and one :class:`~egovnb.report.drawing.Labels` a side, and its axis label and the
layout still see the labels' extent. :mod:`egovnb.report.charts` applies it to
every chart.
"""

from __future__ import annotations

import numpy as np
from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.ticker import NullLocator

from egovnb.core.internals import internal
from egovnb.report.drawing import Labels


def light_ticks(figure) -> None:
    """Let every axis of ``figure`` draw its major ticks as one artist of marks and one of labels
    a side (:class:`_TickRow`) instead of a ``Tick`` each (five artists, two of them texts): the
    same marks and labels, where they would be, at a fraction of the cost. An axis whose ticks
    are beyond what the row draws (minor ticks, grid lines, rotated labels) keeps
    matplotlib's own ``Tick`` objects, and so does every axis when matplotlib has no
    ``Axis._update_ticks`` (a private method: see :mod:`egovnb.core.internals`)."""
    for ax in figure.axes:
        for axis in (ax.xaxis, ax.yaxis, *([ax.zaxis] if hasattr(ax, "zaxis") else [])):
            if internal(type(axis), "_update_ticks") is not None:
                axis._update_ticks = _TickRow.updater(axis)


def _major_ticks_shown(axis) -> tuple[bool, bool]:
    """Whether any part of ``axis``'s major ticks is on (marks, labels or grid), and whether its
    grid is: matplotlib's own test (``Axis._tick_group_visible``), through the public
    ``get_tick_params``."""
    params = axis.get_tick_params(which="major")
    sides = ("bottom", "top", "labelbottom", "labeltop") if axis.axis_name == "x" else (
        "left", "right", "labelleft", "labelright")
    return any(params.get(key) is not False for key in (*sides, "gridOn")), bool(params.get("gridOn"))


def _within(interval, values) -> np.ndarray:
    """Which of ``values`` lie in ``interval`` (either order), allowing 1e-10 of its length either
    side, as matplotlib decides which ticks to draw."""
    low, high = sorted(interval)
    slack = (high - low) * 1e-10
    values = np.asarray(values, dtype=float)
    return (low - slack <= values) & (values <= high + slack)


class _Side:
    """One side's labels of a :class:`_TickRow`, answering what an axis asks of a tick's label
    (``get_visible``, ``get_in_layout``, ``get_window_extent``) for all of them at once."""

    def __init__(self, labels: Labels | None):
        self.labels = labels

    def get_visible(self) -> bool:
        return self.labels is not None

    def get_in_layout(self) -> bool:
        return True

    def get_window_extent(self, renderer=None):
        return self.labels.get_window_extent(renderer)


class _TickRow:
    """The major ticks of one axis at ``locs`` labelled ``texts``, styled as ``tick`` (the axis's
    first ``Tick``, which carries its tick parameters): on each side that shows them, the marks
    as one ``Line2D`` of markers and the labels as one :class:`Labels`. It stands in the list of
    ticks an axis draws, measures (``label1``, ``label2``) and lays its label out by."""

    def __init__(self, axis, tick, locs, texts):
        along = 0 if axis.axis_name == "x" else 1  # which coordinate of a tick's points is its loc
        figure = axis.get_figure(root=False)
        self.parts: list[Artist] = []
        sides = []
        for line, label in ((tick.tick1line, tick.label1), (tick.tick2line, tick.label2)):
            if line.get_visible() and line.get_markersize() > 0:
                points = np.repeat(line.get_xydata()[:1], len(locs), axis=0)
                points[:, along] = locs
                marks = Line2D(points[:, 0], points[:, 1], linestyle="none", marker=line.get_marker(),
                               markersize=line.get_markersize(), markeredgewidth=line.get_markeredgewidth(),
                               markeredgecolor=line.get_markeredgecolor(), color=line.get_color(),
                               markerfacecolor=line.get_markerfacecolor(), transform=line.get_transform(),
                               zorder=line.get_zorder())
                marks.set_figure(figure)
                self.parts.append(marks)
            labels = None
            if label.get_visible():
                points = np.repeat(np.asarray([label.get_position()], dtype=float), len(locs), axis=0)
                points[:, along] = locs
                labels = Labels(points, texts, fontsize=label.get_fontsize(), colors=label.get_color(),
                                ha=label.get_horizontalalignment(), va=label.get_verticalalignment(),
                                weight=label.get_fontweight(), transform=label.get_transform())
                labels.set_figure(figure)
                self.parts.append(labels)
            sides.append(_Side(labels))
        self.label1, self.label2 = sides

    def draw(self, renderer) -> None:
        for part in self.parts:
            part.draw(renderer)

    @staticmethod
    def updater(axis):
        """What ``axis._update_ticks`` becomes: the ticks to draw, as one :class:`_TickRow`, or
        as matplotlib's own ``Tick`` objects when the row cannot draw them as they would be."""
        own = type(axis)._update_ticks.__get__(axis)

        def update():
            shown, grid = _major_ticks_shown(axis)
            if not shown or isinstance(axis.get_major_locator(), NullLocator):
                return own() if not isinstance(axis.get_minor_locator(), NullLocator) else []
            if not isinstance(axis.get_minor_locator(), NullLocator) or grid:
                return own()
            locs = np.asarray(axis.get_majorticklocs(), dtype=float)
            texts = axis.major.formatter.format_ticks(locs)
            low, high = sorted(axis.get_view_interval())
            transform = axis.get_transform()
            shown = _within(transform.transform([low, high]), transform.transform(locs))
            locs, texts = locs[shown], [text for text, keep in zip(texts, shown) if keep]
            if not len(locs):
                return []
            tick = axis.get_major_ticks(1)[0]
            if tick.gridline.get_visible() or tick.label1.get_rotation() or tick.label2.get_rotation():
                return own()
            return [_TickRow(axis, tick, locs, texts)]

        return update
