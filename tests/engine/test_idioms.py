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


def test_out_writes_the_result_into_a_tensor(torch):
    def program(lib):
        x, y = lib.tensor([1.0, 2.0]), lib.tensor([3.0, 4.0])
        same, wider, product = lib.empty(2), lib.empty(2, dtype=lib.float64), lib.empty(2, 2)
        returned = lib.add(x, y, out=same)
        lib.mul(x, y, out=wider)
        lib.matmul(x.reshape(2, 1), y.reshape(1, 2), out=product)
        return returned is same, same, same._version, wider, product

    same_in_both(program, torch)


@pytest.mark.parametrize("out_dtype, grad", [("int64", False), ("float32", True)])
def test_out_refuses_a_narrower_type_and_a_graph(out_dtype, grad, torch):
    for lib in (minigrad, torch):
        x = lib.ones(2, requires_grad=grad)
        with pytest.raises(RuntimeError):
            lib.mul(x, 2.5, out=lib.empty(2, dtype=getattr(lib, out_dtype)))


def test_out_of_another_shape_is_resized_with_pytorchs_warning(torch):
    for lib in (minigrad, torch):
        out = lib.empty(3)
        with pytest.warns(UserWarning, match="was resized"):
            lib.add(lib.ones(2), 1, out=out)
        assert out.shape == (2,)


def test_no_accelerator_so_tutorials_stay_on_the_cpu():
    assert not minigrad.accelerator.is_available()
    assert minigrad.accelerator.current_accelerator() is None
    assert not minigrad.backends.mps.is_available()


@pytest.mark.parametrize("where, name", [(minigrad, "optim"), (minigrad.nn, "Linear")])
def test_what_minigrad_lacks_is_an_attribute_error_that_says_so(where, name):
    assert not hasattr(where, name)
    with pytest.raises(AttributeError, match=f"has no attribute '{name}'. minigrad"):
        getattr(where, name)


def test_nan_to_num_replaces_and_stops_the_gradient_there(torch):
    def program(lib):
        x = lib.tensor([float("nan"), float("inf"), -float("inf"), 1.5], requires_grad=True)
        y = lib.nan_to_num(x)
        z = x.nan_to_num(nan=2.0, posinf=1e3, neginf=-1e3)
        (y + z).sum().backward()
        return y, z, x.grad, lib.nan_to_num(lib.tensor([1, 2]))

    assert same_in_both(program, torch)[2].tolist() == [0.0, 0.0, 0.0, 2.0]
