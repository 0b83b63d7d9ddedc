"""Tests of the engine (``minigrad/``), PyTorch 2.x being the reference.

    helper.py               one helper for every op: finite differences (1st and 2nd order)
                            and PyTorch (values, dtype, graph, gradients); summaries of programs
    test_ops.py             the op table, every differentiable op and broadcasting shape
    test_random_programs.py random expression trees (hypothesis) against PyTorch
    test_programs.py        the notes' and tutorials' programs (programs/), printed output
                            compared with PyTorch's (run_programs.py runs them)
    test_errors.py          mistakes students make: PyTorch's exception type and wording
    test_semantics.py       accumulation, retain/create_graph, detach, dtypes, grad mode,
                            writing into tensors, kinks, deep graphs
    test_repr.py            tensors print exactly as PyTorch prints them
    test_events.py          the event log that the player and captions are made from
"""
