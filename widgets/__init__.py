"""``minigrad.lab``: the Jupyter side of minigrad (graph views, step-through player,
inspector, ``%load_ext minigrad``). Installed from the ``widgets/`` folder."""
