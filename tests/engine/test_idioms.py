"""What older tutorials and answers on the web write, which a newcomer copies: Python types
as dtypes, the legacy tensor types (``torch.FloatTensor``), strides. Each program runs in
both libraries (``same_in_both``)."""
import pytest

import minigrad
from .helper import same_in_both


@pytest.mark.parametrize("python_type", [float, int, bool])
def test_python_types_are_dtypes(python_type, torch):
    def program(lib):
        try:
            counted = lib.arange(3, dtype=python_type)
        except NotImplementedError as error:  # no arange of bools
            counted = str(error)
        return (lib.tensor([1, 0], dtype=python_type), lib.zeros(2, dtype=python_type),
                lib.ones(2).to(python_type), counted, lib.full((2,), 1, dtype=python_type),
                lib.eye(2, dtype=python_type))

    same_in_both(program, torch)


def test_python_float_is_float64():
    assert minigrad.tensor([1, 2], dtype=float).dtype is minigrad.float64


def test_what_is_no_dtype_is_refused(torch):
    for lib in (minigrad, torch):
        with pytest.raises(TypeError):
            lib.zeros(2, dtype="float32")


@pytest.mark.parametrize("name", ["FloatTensor", "DoubleTensor", "LongTensor", "IntTensor",
                                  "BoolTensor", "ByteTensor"])
def test_legacy_types_make_check_and_convert(name, torch):
    def program(lib):
        legacy = getattr(lib, name)
        made = legacy([1, 0, 1])
        sized = legacy(2, 3)
        x = lib.ones(2)
        return (made, sized.shape, sized.dtype, isinstance(made, legacy), isinstance(x, legacy),
                isinstance(made, lib.Tensor), x.type(legacy), x.type(f"torch.{name}"))

    same_in_both(program, torch)


def test_factory_takes_size_by_keyword(torch):
    same_in_both(lambda lib: (lib.ones(size=(2, 3)), lib.zeros(size=(1,))), torch)


def test_stride_of_a_tensor_a_transpose_and_an_expansion(torch):
    def program(lib):
        x = lib.zeros(2, 3)
        return (x.stride(), x.t().stride(), x.stride(0), lib.zeros(3, 1).expand(3, 4).stride(),
                x[:, 1:].data_ptr() - x.data_ptr(), x.t().data_ptr() == x.data_ptr())

    assert same_in_both(program, torch)[:2] == ((3, 1), (1, 3))
