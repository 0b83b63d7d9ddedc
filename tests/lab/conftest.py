import importlib.util

if importlib.util.find_spec("minigrad.viz") is None:  # until the real one lands
    from . import stand_in_viz
    stand_in_viz.install()
