import pytest


def pytest_collection_modifyitems(config, items):
    try:
        import torch  # noqa: F401
    except ImportError:
        skip = pytest.mark.skip(reason="PyTorch is not installed (pip install torch==2.13.0)")
        for item in items:
            if "torch" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _main_module_kept():
    """An in-process IPython shell (the extension's tests, the lessons' harvest) installs its
    own ``__main__`` module, which has no ``__spec__``; multiprocessing's spawn (the notebook
    tests run two kernels at once) then fails. Put the real one back after every test."""
    import sys
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main
