"""The step-through player: a recorded tape, played one event at a time.

Frame *k* is the graph after *k* events, the node of that step highlighted, with a
caption giving the arithmetic. ``minigrad.viz.Frames`` renders frames lazily and keeps
them; while the student reads frame *k*, frame *k + 1* is rendered in the background,
so pressing Next shows it at once.
"""
import concurrent.futures
import html

import ipywidgets as widgets
import traitlets

from minigrad import viz
from minigrad.language import checked

from . import export
from .language import say
from .namespace import namespace_of_caller
from .panel import GraphPanel

# One background renderer for all players: `dot` runs as a subprocess, so the kernel
# stays free while it works, and one at a time is enough on a teaching laptop.
_prefetcher = concurrent.futures.ThreadPoolExecutor(max_workers=1,
                                                    thread_name_prefix="minigrad-frames")

SPEEDS = (("0.5×", 2400), ("1×", 1200), ("2×", 600), ("4×", 300))  # milliseconds a frame


class Player(GraphPanel):
    """Plays ``tape`` (from ``with minigrad.trace() as tape:``) frame by frame."""

    step = traitlets.Int(0)
    """The frame on screen, from 0 to ``len(player.frames) - 1``."""

    def __init__(self, tape, names=None, view="dataflow", lang=None):
        self.tape = tape
        self.names = names
        self.moment = None  # names and gradients as the recording left them (see redraw)
        self.frames = ()
        self._frames_view = None
        self.caption = widgets.HTML()
        self.caption.add_class("minigrad-caption")
        self.counter = widgets.HTML()
        self.previous_button = widgets.Button(layout=widgets.Layout(width="auto"))
        self.next_button = widgets.Button(layout=widgets.Layout(width="auto"))
        self.playback = widgets.Play(interval=1200, show_repeat=False,
                                     layout=widgets.Layout(width="auto"))
        self.slider = widgets.IntSlider(readout=False, continuous_update=True,
                                        layout=widgets.Layout(flex="1 1 160px", width="auto"))
        self.speed = widgets.Dropdown(options=SPEEDS, value=1200,
                                      layout=widgets.Layout(width="150px"),
                                      style={"description_width": "initial"})
        super().__init__(view, checked(lang))
        widgets.jslink((self.playback, "value"), (self.slider, "value"))  # no kernel round trip
        widgets.link((self.playback, "value"), (self, "step"))
        widgets.link((self.speed, "value"), (self.playback, "interval"))
        self.previous_button.on_click(lambda _: self.go(self.step - 1))
        self.next_button.on_click(lambda _: self.go(self.step + 1))
        self.observe(lambda _: self.guarded(self.show_step), "step")
        # Controls and caption above the picture: on a 1280 × 720 projector a frame can be
        # taller than the screen, and Next and the caption must stay where the eye is.
        self.children = [
            self.toolbar,
            widgets.HBox([self.previous_button, self.playback, self.next_button, self.slider,
                          self.counter, self.speed],
                         layout=widgets.Layout(align_items="center", flex_flow="row wrap",
                                               grid_gap="4px 8px")),
            self.caption, self.canvas, self.inspector,
        ]
        self.add_class("minigrad-player")
        self.guarded(self.redraw)

    def go(self, step):
        """Show frame ``step`` (clipped to the first and the last frame)."""
        self.step = max(0, min(step, len(self.frames) - 1))

    def next(self):
        self.go(self.step + 1)

    def previous(self):
        self.go(self.step - 1)

    def redraw(self):
        """Show the current frame again, in the language and the view now chosen."""
        self._relabel()
        if self._frames_view != self.view:  # frames of the other view are other pictures
            self.frames = viz.Frames(self.tape, names=self.names, view=self.view,
                                     at=self.moment)
            self._frames_view = self.view
        if self.moment is None:
            # taken when the player is made: the other view, drawn when the student asks
            # for it, must not pick up what later cells did to the names or gradients
            self.moment = viz.Moment(self.frames.graph, self.frames.names)
            self.names = self.moment.names
        last = max(len(self.frames) - 1, 0)
        self.playback.max = last
        self.slider.max = last
        if not len(self.frames):
            self.canvas.show_text("", say("empty_tape", self.lang))
            self.counter.value = ""
            return
        self.go(self.step)
        self.show_step()

    def show_step(self):
        frame = self.frames[self.step]
        self.caption.value = html.escape(frame.caption(self.lang))
        self.counter.value = say("step", self.lang, k=self.step + 1, n=len(self.frames))
        self.paint(frame.svg, lambda: frame.text(self.lang), frame.highlight)
        self.inspect_selected()
        if self.step + 1 < len(self.frames):
            _prefetcher.submit(self.frames[self.step + 1].svg)

    def facts(self, node_id):
        return viz.inspect(self.frames[self.step], node_id, self.lang)

    def save_svg(self, path, step=None):
        """Write frame ``step`` (default: the one on screen) to ``path`` as SVG."""
        frame = self.frames[self.step if step is None else step]
        return export.write(path, frame.svg())

    def save_html(self, path, title="minigrad"):
        """Write the whole player to ``path`` as one HTML page that needs nothing else:
        every frame, captions in 中文 and English, Previous / Play / Next."""
        return export.write(path, export.player_page(self.frames, self.lang, title))

    def _relabel(self):
        self.previous_button.description = say("previous", self.lang)
        self.next_button.description = say("next", self.lang)
        self.speed.description = say("speed", self.lang)


def play(tape, view="dataflow", names=None, lang=None):
    """Step through ``tape``, recorded by ``with minigrad.trace() as tape: ...``.

    >>> with minigrad.trace() as tape:
    ...     z = (x + y) * w
    ...     z.backward()
    >>> play(tape)                      # forward steps, then backward steps
    >>> play(tape).save_html("z.html")  # the same, as one page for slides or the web
    """
    if names is None:
        names = namespace_of_caller()
    return Player(tape, names=names, view=view, lang=lang)
