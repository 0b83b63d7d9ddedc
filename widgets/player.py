"""The step-through player: a recorded tape, played one event at a time.

Frame *k* is the graph after *k* events, the node of that step highlighted, with a
caption giving the arithmetic. Every frame's DOT text and caption go to the page at
once, where the browser draws them all (``canvas.js``): Previous, Play, Next and the
slider never wait for the kernel. The step on screen comes back to ``player.step``,
which the inspector follows. A very long recording is sent ``WINDOW`` frames at a time,
the window following the step.
"""
import traitlets

from minigrad import viz
from minigrad.language import checked

from . import export
from .language import say
from .namespace import namespace_of_caller
from .panel import GraphPanel

WINDOW = 400  # frames on the page at once (a lesson's recording has a few dozen)


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
        super().__init__(view, checked(lang), player=True)
        traitlets.link((self.canvas, "step"), (self, "step"))
        self.observe(lambda _: self.guarded(self._follow_step), "step")
        self.children = [self.toolbar, self.canvas, self.inspector]
        self.add_class("minigrad-player")
        self.guarded(self.redraw)

    def go(self, step):
        """Show frame ``step`` (clipped to the first and the last frame)."""
        self.step = max(0, min(step, len(self.frames) - 1))

    def next(self):
        self.go(self.step + 1)

    def previous(self):
        self.go(self.step - 1)

    @property
    def caption(self):
        """The caption of the frame on screen, in the player's language."""
        return self.frames[self.step].caption(self.lang) if len(self.frames) else ""

    def redraw(self):
        """Send every frame again, in the language and the view now chosen."""
        if self._frames_view != self.view:  # frames of the other view are other pictures
            self.frames = viz.Frames(self.tape, names=self.names, view=self.view,
                                     at=self.moment)
            self._frames_view = self.view
        if self.moment is None:
            # taken when the player is made: the other view, drawn when the student asks
            # for it, must not pick up what later cells did to the names or gradients
            self.moment = viz.Moment(self.frames.graph, self.frames.names)
            self.names = self.moment.names
        if not len(self.frames):
            self.canvas.show_nothing(say("empty_tape", self.lang))
            return
        self.go(self.step)
        self._send_frames(self._window_start())

    def facts(self, node_id):
        return viz.inspect(self.frames[self.step], node_id, self.lang)

    def still(self):
        """The last frame: the whole story, forward and backward, in one picture."""
        if not len(self.frames):
            return None, say("empty_tape", self.lang)
        last = self.frames[-1]
        count = say("step", self.lang, k=len(self.frames), n=len(self.frames))
        return last.digraph(self.lang), f"{count}: {last.caption(self.lang)}\n\n{last.text(self.lang)}"

    def save_svg(self, path, step=None):
        """Write frame ``step`` (default: the one on screen) to ``path`` as SVG (needs
        Graphviz's ``dot``)."""
        frame = self.frames[self.step if step is None else step]
        return export.write(path, frame.svg())

    def save_html(self, path, title="minigrad"):
        """Write the whole player to ``path`` as one HTML page that needs nothing else:
        every frame, captions in 中文 and English, Previous / Play / Next."""
        return export.write(path, export.player_page(self.frames, self.lang, title))

    def _follow_step(self):
        """The step changed (in the page, or from code): keep it among the frames the
        page has, and show its facts in the inspector."""
        start = self.canvas.first
        if not start <= self.step < start + len(self.canvas.frames):
            self._send_frames(self._window_start())
        self.inspect_selected()

    def _window_start(self):
        return max(0, min(self.step - WINDOW // 2, len(self.frames) - WINDOW))

    def _send_frames(self, start):
        frames = self.frames[start:start + WINDOW]
        with self.canvas.hold_sync():  # one message to the browser
            self.canvas.frames = [{"dot": frame.digraph(self.lang).source,
                                   "caption": frame.caption(self.lang),
                                   "highlight": list(frame.highlight)} for frame in frames]
            self.canvas.first = start
            self.canvas.total = len(self.frames)
            self.canvas.step = self.step
            self.canvas.notice = ""


def play(tape, view="dataflow", names=None, lang=None):
    """Step through ``tape``, recorded by ``with minigrad.trace() as tape:``.

    >>> with minigrad.trace() as tape:
    ...     z = (x + y) * w
    ...     z.backward()
    >>> play(tape)                      # forward steps, then backward steps
    >>> play(tape).save_html("z.html")  # the same, as one page for slides or the web
    """
    if names is None:
        names = namespace_of_caller()
    return Player(tape, names=names, view=view, lang=lang)
