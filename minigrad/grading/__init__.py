"""``minigrad-grade``: grade a folder of submitted notebooks with one command.

    cli.py          the command: grade, make-assignment, hidden-template, to-otter
    batch.py        every submission in its own worker process, in parallel, cached
    worker.py       one notebook in a fresh kernel, with time and memory limits
    submission.py   reading a submitted notebook, however it was edited
    hidden.py       the teacher's hidden checks file
    scoring.py      facts from the kernel -> verdicts and points, in the grader's process
    report.py       the grade table (CSV) and one feedback page per student (Markdown)
    assignment.py   the assignment notebook, made from the exercise bank
    otter.py        the same assignment in otter-grader's format

Nothing here is imported by ``import minigrad``; the ``grade`` extra brings nbclient,
nbformat and ipykernel.
"""
