"""Mistakes a student makes, and what the engine says: the same exception type as
PyTorch, and a message containing the phrase PyTorch uses (so that searching the web
for the message finds the right answer).

Each row is a small program written once for both libraries (``lib`` is minigrad or
torch); the same row runs in PyTorch to check that the type and phrase are PyTorch's.
"""
import re

import numpy as np

import pytest

import minigrad


def _leaf(lib, *shape):
    return lib.ones(*shape, requires_grad=True)


def _backward_twice(lib):
    y = _leaf(lib, 3).exp().sum()
    y.backward()
    y.backward()


def _backward_after_grad(lib):
    x = _leaf(lib, 3)
    y = (x * x).sum()
    lib.autograd.grad(y, x)
    y.backward()


def _saved_input_modified(lib):
    a = _leaf(lib, 3).clone()
    b = a * a
    a.add_(1)
    b.sum().backward()


def _saved_output_modified(lib):
    y = _leaf(lib, 3).exp()
    y += 1
    y.sum().backward()


def _custom(lib, backward):
    class Custom(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

    Custom.backward = staticmethod(backward)
    Custom.apply(_leaf(lib, 2)).sum().backward()


def _too_many_gradients(lib):
    _custom(lib, lambda ctx, g: (g, g))


def _wrong_gradient_shape(lib):
    _custom(lib, lambda ctx, g: lib.ones(3))


def _requires_grad_off_non_leaf(lib):
    y = _leaf(lib, 2) * 2
    y.requires_grad = False


def _inplace_int_by_float(lib):
    a = lib.arange(3)
    a += 1.5


def _write_into_leaf(lib):
    x = _leaf(lib, 3)
    x[0] = 5.0


def _inplace_on_view_of_leaf(lib):
    x = _leaf(lib, 2, 3)
    x[0].mul_(2)


def _unused_input(lib):
    x, unused = _leaf(lib, 2), _leaf(lib, 2)
    lib.autograd.grad((x * 2).sum(), [x, unused])


def _grad_wrt_constant(lib):
    x = _leaf(lib, 2)
    lib.autograd.grad((x * 2).sum(), [lib.ones(2)])


def _retain_grad_without_grad(lib):
    lib.ones(2).retain_grad()


def _assign_grad_of_wrong_shape(lib):
    x = _leaf(lib, 3)
    x.grad = lib.ones(2)


def _assign_grad_of_wrong_dtype(lib):
    x = _leaf(lib, 3)
    x.grad = lib.ones(3, dtype=lib.float64)


def _backward_gradient_wrong_shape(lib):
    (_leaf(lib, 3) * 2).backward(lib.ones(2))


def _setitem_wrong_shape(lib):
    y = lib.zeros(2, 3)
    y[0] = lib.ones(4)


def _setitem_wrong_shape_recorded(lib):
    y = _leaf(lib, 2, 3) * 1
    y[0] = lib.ones(4)


def _zero_leaf(lib):
    _leaf(lib, 2).zero_()


def _inference_tensor_saved(lib):
    x = _leaf(lib, 2)
    with lib.inference_mode():
        y = x * 2
    y * x  # Mul keeps y for x's gradient


def _inference_tensor_changed(change, under_no_grad=False):
    def program(lib):
        with lib.inference_mode():
            y = lib.ones(2)
        with lib.no_grad() if under_no_grad else lib.enable_grad():
            change(y)
    return program


def _twice_through_once_differentiable(lib):
    class Triple(lib.autograd.Function):
        forward = staticmethod(lambda ctx, x: x * 3)
        backward = staticmethod(lib.autograd.function.once_differentiable(lambda ctx, g: g * 3))

    x = _leaf(lib, 2)
    y = Triple.apply(x)
    g, = lib.autograd.grad((y * y).sum(), x, create_graph=True)  # a gradient with history
    g.sum().backward()


def _hooked(lib, hook, on_leaf=True):
    x = _leaf(lib, 2)
    y = x if on_leaf else x * 2
    y.register_hook(hook)
    (y * 3).sum().backward()


def _three_ones(grad):
    return grad.new_ones(3)


def _bool_of(lib, t):
    return bool(t)


def _inplace_through_detach_then_backward(lib):
    x = _leaf(lib, 3)
    y = x.exp()
    y.detach().zero_()  # detach shares the version counter with y
    y.sum().backward()


ERRORS = [
    # (name, program(lib), exception type, phrase PyTorch's message contains
    ("backward of a vector", lambda lib: (_leaf(lib, 3) * 2).backward(), RuntimeError,
     "grad can be implicitly created only for scalar outputs"),
    ("backward of a matrix", lambda lib: _leaf(lib, 2, 2).exp().backward(), RuntimeError, "scalar"),
    ("backward twice", _backward_twice, RuntimeError, "second time"),
    ("backward after autograd.grad freed the graph", _backward_after_grad, RuntimeError, "second time"),
    ("backward of a tensor without grad", lambda lib: lib.ones(2).sum().backward(), RuntimeError,
     "does not require grad"),
    ("backward of a detached result", lambda lib: (_leaf(lib, 2) * 2).sum().detach().backward(),
     RuntimeError, "does not require grad"),
    ("autograd.grad of a tensor without grad", lambda lib: lib.autograd.grad(
        lib.ones(2).sum(), [_leaf(lib, 2)]), RuntimeError, "does not require grad"),
    ("autograd.grad with respect to a constant", _grad_wrt_constant, RuntimeError,
     "does not require grad"),
    ("integer tensor with requires_grad", lambda lib: lib.tensor([1, 2], requires_grad=True),
     RuntimeError, "floating point"),
    ("arange(4, requires_grad=True)", lambda lib: lib.arange(4, requires_grad=True), RuntimeError,
     "floating point"),
    ("requires_grad_ on an integer tensor", lambda lib: lib.arange(4).requires_grad_(),
     RuntimeError, "floating point"),
    ("requires_grad = True on a bool tensor", lambda lib: setattr(lib.ones(2) > 0, "requires_grad", True),
     RuntimeError, "floating point"),
    ("numpy() of a leaf that requires grad", lambda lib: _leaf(lib, 2).numpy(), RuntimeError, "detach"),
    ("numpy() of a result", lambda lib: (_leaf(lib, 2) * 2).numpy(), RuntimeError, "detach"),
    ("x += 1 on a leaf that requires grad", lambda lib: _leaf(lib, 2).__iadd__(1), RuntimeError,
     "a leaf Variable that requires grad is being used in an in-place operation"),
    ("zero_() on a leaf that requires grad", _zero_leaf, RuntimeError, "leaf"),
    ("x[0] = 5 on a leaf that requires grad", _write_into_leaf, RuntimeError, "leaf"),
    ("in-place on a view of a leaf", _inplace_on_view_of_leaf, RuntimeError,
     "a view of a leaf Variable that requires grad"),
    ("saved input modified in place", _saved_input_modified, RuntimeError,
     "modified by an inplace operation"),
    ("saved output modified in place", _saved_output_modified, RuntimeError,
     "modified by an inplace operation"),
    ("saved output changed through detach()", _inplace_through_detach_then_backward, RuntimeError,
     "modified by an inplace operation"),
    ("item() of a vector", lambda lib: lib.ones(2).item(), RuntimeError, "elements cannot be converted to Scalar"),
    ("float() of a vector", lambda lib: float(lib.ones(2)), ValueError,
     "only one element tensors can be converted to Python scalars"),
    ("int() of a vector", lambda lib: int(lib.ones(2)), ValueError, "only one element tensors"),
    ("bool() of a vector", lambda lib: _bool_of(lib, lib.ones(2)), RuntimeError, "ambiguous"),
    ("bool() of an empty tensor", lambda lib: _bool_of(lib, lib.tensor([])), RuntimeError, "ambiguous"),
    ("if x > 1 with a vector x", lambda lib: _bool_of(lib, lib.arange(3.0) > 1), RuntimeError,
     "more than one value is ambiguous"),
    ("len() of a 0-d tensor", lambda lib: len(lib.tensor(1.0)), TypeError, "len() of a 0-d tensor"),
    ("iterating over a 0-d tensor", lambda lib: list(lib.tensor(1.0)), TypeError, "iteration over a 0-d tensor"),
    ("mm with mismatched shapes", lambda lib: lib.ones(2, 3).mm(lib.ones(2, 3)), RuntimeError,
     "shapes cannot be multiplied"),
    ("@ with mismatched shapes", lambda lib: lib.ones(2, 3) @ lib.ones(2, 3), RuntimeError, "shape"),
    ("batched @ with mismatched shapes", lambda lib: lib.ones(4, 2, 3) @ lib.ones(4, 2, 3),
     RuntimeError, "Expected size for first two dimensions of batch2 tensor"),
    ("mm of a vector", lambda lib: lib.ones(3).mm(lib.ones(3, 2)), RuntimeError, "must be a matrix"),
    ("mv with mismatched sizes", lambda lib: lib.ones(2, 3).mv(lib.ones(2)), RuntimeError, "size mismatch"),
    ("matmul of a 0-d tensor", lambda lib: lib.matmul(lib.tensor(2.0), lib.ones(2)), RuntimeError,
     "both arguments to matmul need to be at least 1D"),
    ("mm of float32 and float64", lambda lib: lib.ones(2, 2).mm(lib.ones(2, 2, dtype=lib.float64)),
     RuntimeError, "dtype"),
    ("dot of matrices", lambda lib: lib.dot(lib.ones(2, 2), lib.ones(2, 2)), RuntimeError,
     "1D tensors expected"),
    ("dot of different lengths", lambda lib: lib.dot(lib.ones(3), lib.ones(4)), RuntimeError,
     "inconsistent tensor size"),
    ("shapes that don't broadcast", lambda lib: lib.ones(2, 3) + lib.ones(4), RuntimeError,
     "must match the size of tensor b"),
    ("shapes that don't broadcast (mul, 3-d)", lambda lib: lib.ones(2, 3, 4) * lib.ones(3, 3), RuntimeError,
     "The size of tensor a (4) must match the size of tensor b (3) at non-singleton dimension 2"),
    ("reshape to an impossible shape", lambda lib: lib.ones(2, 3).reshape(4), RuntimeError,
     "shape '[4]' is invalid for input of size 6"),
    ("reshape with two -1", lambda lib: lib.ones(2, 3).reshape(-1, -1), RuntimeError,
     "only one dimension can be inferred"),
    ("view of a non-contiguous tensor", lambda lib: lib.ones(2, 3).t().view(6), RuntimeError,
     "view size is not compatible with input tensor's size and stride"),
    ("index out of range", lambda lib: lib.ones(3)[5], IndexError, "out of bounds"),
    ("negative index out of range", lambda lib: lib.ones(2, 3)[-3], IndexError, "out of bounds"),
    ("list index out of range", lambda lib: lib.ones(3)[[0, 5]], IndexError, "out of bounds"),
    ("too many indices", lambda lib: lib.ones(3)[0, 0], IndexError, "too many indices for tensor of dimension 1"),
    ("indexing a 0-d tensor", lambda lib: lib.tensor(1.0)[0], IndexError, "invalid index of a 0-dim tensor"),
    ("slicing a 0-d tensor", lambda lib: lib.tensor(1.0)[1:], IndexError,
     "slice() cannot be applied to a 0-dim tensor"),
    ("float tensor as an index", lambda lib: lib.ones(3)[lib.tensor([0.0])], IndexError,
     "tensors used as indices must be long"),
    ("mask of the wrong shape", lambda lib: lib.ones(3)[lib.tensor([True, False])], IndexError,
     "The shape of the mask [2] at index 0 does not match the shape of the indexed tensor [3] at index 0"),
    ("mask of the wrong shape on dim 1", lambda lib: lib.ones(2, 3)[:, lib.tensor([True, False])],
     IndexError, "The shape of the mask [2] at index 0 does not match the shape of the indexed "
     "tensor [2, 3] at index 1"),
    ("sum over a dim out of range", lambda lib: lib.ones(2, 3).sum(2), IndexError, "Dimension out of range"),
    ("unsqueeze out of range", lambda lib: lib.ones(2, 3).unsqueeze(4), IndexError, "Dimension out of range"),
    ("transpose out of range", lambda lib: lib.ones(2, 3).transpose(0, -3), IndexError, "Dimension out of range"),
    ("t() of a 3-d tensor", lambda lib: lib.ones(2, 3, 4).t(), RuntimeError, "t() expects a tensor with <= 2 dimensions"),
    ("permute with too few dims", lambda lib: lib.ones(2, 3, 4).permute(1, 0), RuntimeError,
     "number of dimensions in the tensor input does not match the length of the desired ordering"),
    ("expand to an incompatible size", lambda lib: lib.ones(2, 3).expand(4, 3), RuntimeError,
     "The expanded size of the tensor (4) must match the existing size (2) at non-singleton dimension 0"),
    ("expand to fewer dims", lambda lib: lib.ones(2, 3).expand(3), RuntimeError,
     "the number of sizes provided (1) must be greater or equal to the number of dimensions in the tensor (2)"),
    ("cat of mismatched shapes", lambda lib: lib.cat([lib.ones(2, 3), lib.ones(2, 2)]), RuntimeError,
     "Sizes of tensors must match except in dimension 0"),
    ("cat of 0-d tensors", lambda lib: lib.cat([lib.ones(2), lib.tensor(2.0)]), RuntimeError,
     "zero-dimensional tensor (at position 1) cannot be concatenated"),
    ("cat of an empty list", lambda lib: lib.cat([]), ValueError, "expected a non-empty list of Tensors"),
    ("stack of an empty list", lambda lib: lib.stack([]), RuntimeError, "stack expects a non-empty TensorList"),
    ("stack of mismatched shapes", lambda lib: lib.stack([lib.ones(2), lib.ones(3)]), RuntimeError,
     "stack expects each tensor to be equal size"),
    ("mean of an integer tensor", lambda lib: lib.arange(4).mean(), RuntimeError,
     "mean(): could not infer output dtype"),
    ("integer to a negative integer power", lambda lib: lib.arange(1, 4) ** -1, RuntimeError,
     "Integers to negative integer powers are not allowed"),
    ("int tensor += float", _inplace_int_by_float, RuntimeError,
     "result type Float can't be cast to the desired output type Long"),
    ("requires_grad = False on a non-leaf", _requires_grad_off_non_leaf, RuntimeError,
     "you can only change requires_grad flags of leaf variables"),
    ("retain_grad() on a tensor without grad", _retain_grad_without_grad, RuntimeError,
     "can't retain_grad on Tensor that has requires_grad=False"),
    ("autograd.grad with an unused input", _unused_input, RuntimeError,
     "appears to not have been used in the graph"),
    ("custom Function returning too many gradients", _too_many_gradients, RuntimeError,
     "returned an incorrect number of gradients (expected 1, got 2)"),
    ("custom Function returning a gradient of the wrong shape", _wrong_gradient_shape, RuntimeError,
     "returned an invalid gradient at index 0 - got [3] but expected shape compatible with [2]"),
    ("backward(gradient) of the wrong shape", _backward_gradient_wrong_shape, RuntimeError,
     "Mismatch in shape"),
    ("x.grad = a tensor of another shape", _assign_grad_of_wrong_shape, RuntimeError,
     "attempting to assign a gradient of size '[2]' to a tensor of size '[3]'"),
    ("x.grad = a tensor of another dtype", _assign_grad_of_wrong_dtype, RuntimeError,
     "attempting to assign a gradient with dtype 'double' to a tensor with grad_dtype 'Float'"),
    ("y[0] = a row of the wrong length", _setitem_wrong_shape, RuntimeError,
     "The expanded size of the tensor (3) must match the existing size (4) at non-singleton dimension 0"),
    ("y[0] = a row of the wrong length, y in a graph", _setitem_wrong_shape_recorded, RuntimeError,
     "The expanded size of the tensor (3) must match the existing size (4) at non-singleton dimension 0"),
    ("y[[0, 1]] = values of the wrong shape", lambda lib: lib.zeros(3, 2).__setitem__(
        [0, 1], lib.ones(3, 2)), RuntimeError,
     "shape mismatch: value tensor of shape [3, 2] cannot be broadcast to indexing result of shape [2, 2]"),
    ("ragged nested list", lambda lib: lib.tensor([[1.0, 2.0], [3.0]]), ValueError,
     "expected sequence of length 2 at dim 1 (got 1)"),
    ("string data", lambda lib: lib.tensor("abc"), TypeError, "new(): invalid data type 'str'"),
    ("negative size", lambda lib: lib.ones(2, -1), RuntimeError,
     "Trying to create tensor with negative dimension -1: [2, -1]"),
    ("zeros of a negative size", lambda lib: lib.zeros(-1), RuntimeError,
     "zeros: Dimension size must be non-negative"),
    ("clamp without bounds", lambda lib: lib.ones(2).clamp(), RuntimeError,
     "At least one of 'min' or 'max' must not be None"),
    ("arange with step 0", lambda lib: lib.arange(0, 4, 0), RuntimeError, "step must be nonzero"),
    ("var of an integer tensor", lambda lib: lib.arange(4).var(), RuntimeError,
     "std and var only support floating point and complex dtypes"),
    ("binary_cross_entropy of a number outside [0, 1]", lambda lib: lib.nn.functional.binary_cross_entropy(
        lib.tensor([0.5, 1.5]), lib.tensor([1.0, 0.0])), RuntimeError,
     "all elements of input should be between 0 and 1"),
    ("binary_cross_entropy target of another size", lambda lib: lib.nn.functional.binary_cross_entropy(
        lib.ones(3) / 2, lib.ones(2)), ValueError, "Using a target size"),
    ("bce_with_logits target of another size", lambda lib: lib.nn.functional.binary_cross_entropy_with_logits(
        lib.ones(3), lib.ones(2)), ValueError, "Target size"),
    # inference tensors never join a graph
    ("an inference tensor saved for backward", _inference_tensor_saved, RuntimeError,
     "Inference tensors cannot be saved for backward."),
    ("in-place change of an inference tensor outside", _inference_tensor_changed(
        lambda t: t.add_(1)), RuntimeError,
     "Inplace update to inference tensor outside InferenceMode is not allowed."),
    ("y[0] = 5 on an inference tensor outside", _inference_tensor_changed(
        lambda t: t.__setitem__(0, 5.0)), RuntimeError,
     "Inplace update to inference tensor outside InferenceMode is not allowed."),
    ("zero_() of an inference tensor under no_grad", _inference_tensor_changed(
        lambda t: t.zero_(), under_no_grad=True), RuntimeError,
     "Inplace update to inference tensor outside InferenceMode is not allowed."),
    ("requires_grad_() on an inference tensor outside", _inference_tensor_changed(
        lambda t: t.requires_grad_()), RuntimeError,
     "Setting requires_grad=True on inference tensor outside InferenceMode is not allowed."),
    ("double backward through @once_differentiable", _twice_through_once_differentiable,
     RuntimeError, "trying to differentiate twice a function that was marked with "
     "@once_differentiable"),
    # new reductions and losses
    ("masked_fill with an integer mask", lambda lib: lib.ones(2).masked_fill(lib.tensor([1, 0]), 0.0),
     RuntimeError, "masked_fill_ only supports boolean masks, but got mask with dtype long int"),
    ("masked_fill with a vector value", lambda lib: lib.ones(2).masked_fill(
        lib.tensor([True, False]), lib.ones(2)), RuntimeError,
     "masked_fill_ only supports a 0-dimensional value tensor, but got tensor with 1 dimension(s)."),
    ("norm of an integer tensor", lambda lib: lib.tensor([3, 4]).norm(), RuntimeError,
     "linalg.vector_norm: Expected a floating point or complex tensor as input. Got Long"),
    ("arange with the wrong step sign", lambda lib: lib.arange(5, 0), RuntimeError,
     "upper bound and lower bound inconsistent with step sign"),
    ("arange to infinity", lambda lib: lib.arange(0, float("inf")), RuntimeError,
     "unsupported range: 0 -> inf"),
    ("amax() of an empty tensor", lambda lib: lib.ones(0).amax(), RuntimeError,
     "amax(): Expected reduction dim to be specified for input.numel() == 0."),
    ("amin over an empty dim", lambda lib: lib.ones(2, 0).amin(1), IndexError,
     "amin(): Expected reduction dim 1 to have non-zero size."),
    ("min() of an empty tensor", lambda lib: lib.ones(0).min(), RuntimeError,
     "min(): Expected reduction dim to be specified for input.numel() == 0."),
    ("max over an empty dim", lambda lib: lib.ones(2, 0).max(1), IndexError,
     "max(): Expected reduction dim 1 to have non-zero size."),
    ("amax(dim=(1, 1))", lambda lib: lib.ones(2, 3).amax(dim=(1, 1)), RuntimeError,
     "dim 1 appears multiple times in the list of dims"),
    ("logsumexp(dim=(0, -2))", lambda lib: lib.ones(2, 3).logsumexp(dim=(0, -2)), RuntimeError,
     "dim 0 appears multiple times in the list of dims"),
    ("logsumexp without a dim", lambda lib: lib.ones(2, 3).logsumexp(), TypeError, "dim"),
    ("prod over a tuple of dims", lambda lib: lib.ones(2, 3).prod((0, 1)), TypeError, "prod()"),
    ("nll_loss target out of range", lambda lib: lib.nn.functional.nll_loss(
        lib.ones(3, 4), lib.tensor([0, 5, 1])), IndexError, "Target 5 is out of bounds."),
    ("nll_loss negative target", lambda lib: lib.nn.functional.nll_loss(
        lib.ones(3, 4), lib.tensor([0, -1, 1])), IndexError, "Target -1 is out of bounds."),
    ("nll_loss float targets", lambda lib: lib.nn.functional.nll_loss(
        lib.ones(3, 4), lib.tensor([0.0, 1.0, 1.0])), RuntimeError,
     "expected target dtype to be Long or Byte, but got Float"),
    ("cross_entropy int32 targets", lambda lib: lib.nn.functional.cross_entropy(
        lib.ones(3, 4), lib.tensor([0, 1, 1], dtype=lib.int32)), RuntimeError,
     "expected target dtype to be Long or Byte, but got Int"),
    ("nll_loss batch sizes differ", lambda lib: lib.nn.functional.nll_loss(
        lib.ones(3, 4), lib.tensor([0, 1])), ValueError,
     "Expected input batch_size (3) to match target batch_size (2)."),
    ("nll_loss weight of the wrong length", lambda lib: lib.nn.functional.nll_loss(
        lib.ones(3, 4), lib.tensor([0, 1, 1]), weight=lib.ones(3)), RuntimeError,
     "weight tensor should be defined either for all 4 classes or no classes but got weight "
     "tensor of shape: [3]"),
    ("l1_loss with a bad reduction", lambda lib: lib.nn.functional.l1_loss(
        lib.ones(3), lib.ones(3), reduction="avg"), ValueError, "avg is not a valid value for reduction"),
    # a GPU can be named, not used (as in a PyTorch built without CUDA)
    ("ones(device='cuda')", lambda lib: lib.ones(2, device="cuda"), AssertionError,
     "Torch not compiled with CUDA enabled"),
    ("x.cuda()", lambda lib: lib.ones(2).cuda(), AssertionError, "Torch not compiled with CUDA enabled"),
    ("x.to('cuda:0')", lambda lib: lib.ones(2).to("cuda:0"), AssertionError,
     "Torch not compiled with CUDA enabled"),
    ("x.to(device=torch.device('cuda'))", lambda lib: lib.ones(2).to(device=lib.device("cuda")),
     AssertionError, "Torch not compiled with CUDA enabled"),
    ("device('banana')", lambda lib: lib.device("banana"), RuntimeError,
     "device type at start of device string: banana"),
    ("where with shapes that don't broadcast", lambda lib: lib.where(
        lib.ones(2) > 0, lib.ones(3), 0.0), RuntimeError,
     "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0"),
    # hooks may replace a gradient, not change its shape or dtype
    ("leaf hook returning another shape", lambda lib: _hooked(lib, lambda g: lib.ones(3)),
     RuntimeError, "hook '<lambda>' has changed the size of value"),
    ("non-leaf hook returning another shape", lambda lib: _hooked(lib, _three_ones, on_leaf=False),
     RuntimeError, "hook '_three_ones' has changed the size of value"),
    ("hook returning a 0-d sum", lambda lib: _hooked(lib, lambda g: g.sum()),
     RuntimeError, "hook '<lambda>' has changed the size of value"),
    ("hook returning float64", lambda lib: _hooked(lib, lambda g: g.double(), on_leaf=False),
     RuntimeError, "hook '<lambda>' has changed the type of value (was torch.FloatTensor got "
     "torch.DoubleTensor)"),
    ("hook returning a number", lambda lib: _hooked(lib, lambda g: 3), TypeError,
     "expected Variable, but hook returned 'int'"),
    # numbers that do not fit the dtype asked for
    ("tensor([300], dtype=uint8)", lambda lib: lib.tensor([300], dtype=lib.uint8), RuntimeError,
     "value cannot be converted to type uint8 without overflow"),
    ("tensor([-0.5], dtype=uint8)", lambda lib: lib.tensor([-0.5], dtype=lib.uint8), RuntimeError,
     "value cannot be converted to type uint8 without overflow"),
    ("tensor(nan, dtype=int64)", lambda lib: lib.tensor(float("nan"), dtype=lib.int64), RuntimeError,
     "value cannot be converted to type int64 without overflow"),
    ("tensor([2**63])", lambda lib: lib.tensor([2 ** 63]), ValueError, "Overflow when unpacking long long"),
    ("full(300, dtype=uint8)", lambda lib: lib.full((2,), 300, dtype=lib.uint8), RuntimeError,
     "value cannot be converted to type uint8_t without overflow"),
    ("full(1e300) in float32", lambda lib: lib.full((2,), 1e300), RuntimeError,
     "value cannot be converted to type float without overflow"),
    ("fill_(nan) of int64", lambda lib: lib.zeros(2, dtype=lib.int64).fill_(float("nan")), RuntimeError,
     "value cannot be converted to type int64_t without overflow"),
    ("tensor(None)", lambda lib: lib.tensor(None), RuntimeError, "Could not infer dtype of NoneType"),
    ("tensor of a set", lambda lib: lib.tensor({1, 2}), RuntimeError, "Could not infer dtype of set"),
    ("tensor([[1, 2], 3])", lambda lib: lib.tensor([[1, 2], 3]), TypeError, "not a sequence"),
    ("tensor of two vectors", lambda lib: lib.tensor([lib.ones(2), lib.ones(2)]), ValueError,
     "only one element tensors can be converted to Python scalars"),
    ("ragged at dim 2", lambda lib: lib.tensor([[[1, 2]], [[3]]]), ValueError,
     "expected sequence of length 2 at dim 2 (got 1)"),
    ("from_numpy of a list", lambda lib: lib.from_numpy([1, 2]), TypeError, "expected np.ndarray (got list)"),
    # bool tensors have no minus
    ("-mask", lambda lib: -lib.tensor([True, False]), RuntimeError,
     "Negation, the `-` operator, on a bool tensor is not supported. If you are trying to invert a "
     "mask, use the `~` or `logical_not()` operator instead."),
    ("mask.neg()", lambda lib: lib.tensor([True]).neg(), RuntimeError,
     "Negation, the `-` operator, on a bool tensor is not supported"),
    ("mask - mask", lambda lib: lib.tensor([True]) - lib.tensor([False]), RuntimeError,
     "Subtraction, the `-` operator, with two bool tensors is not supported. Use the `^` or "
     "`logical_xor()` operator instead."),
    ("mask - True", lambda lib: lib.tensor([True]) - True, RuntimeError,
     "Subtraction, the `-` operator, with two bool tensors is not supported"),
    ("1 - mask", lambda lib: 1 - lib.tensor([True]), RuntimeError,
     "Subtraction, the `-` operator, with a bool tensor is not supported. If you are trying to "
     "invert a mask, use the `~` or `logical_not()` operator instead."),
    ("mask - 1", lambda lib: lib.tensor([True]) - 1, RuntimeError,
     "Subtraction, the `-` operator, with a bool tensor is not supported"),
    ("mask.abs()", lambda lib: lib.tensor([True]).abs(), NotImplementedError,
     "\"abs_cpu\" not implemented for 'Bool'"),
    ("mask.round()", lambda lib: lib.tensor([True]).round(), NotImplementedError,
     "\"round_vml_cpu\" not implemented for 'Bool'"),
    ("torch.floor(mask)", lambda lib: lib.floor(lib.tensor([True])), NotImplementedError,
     "\"floor_vml_cpu\" not implemented for 'Bool'"),
    ("mask.ceil()", lambda lib: lib.tensor([False]).ceil(), NotImplementedError,
     "\"ceil_vml_cpu\" not implemented for 'Bool'"),
    ("mask.trunc()", lambda lib: lib.tensor([True]).trunc(), NotImplementedError,
     "\"trunc_vml_cpu\" not implemented for 'Bool'"),
    ("mask.relu()", lambda lib: lib.tensor([True, False]).relu(), RuntimeError,
     "Boolean inputs not supported for relu"),
    # bitwise ops are for integers and bools
    ("float & float", lambda lib: lib.ones(2) & lib.ones(2), NotImplementedError,
     "\"bitwise_and_cpu\" not implemented for 'Float'"),
    ("float | 1", lambda lib: lib.ones(2) | 1, NotImplementedError,
     "\"bitwise_or_cpu\" not implemented for 'Float'"),
    ("int ^ 1.5", lambda lib: lib.tensor([1]) ^ 1.5, NotImplementedError,
     "\"bitwise_xor_cpu\" not implemented for 'Float'"),
    ("int & None", lambda lib: lib.tensor([1]) & None, TypeError,
     "unsupported operand type(s) for &: 'Tensor' and 'NoneType'"),
    ("~float", lambda lib: ~lib.ones(2), TypeError,
     "~ (operator.invert) is only implemented on integer and Boolean-type tensors"),
    ("int // 0", lambda lib: lib.tensor([1, 2]) // 0, RuntimeError, "ZeroDivisionError"),
    ("int % 0", lambda lib: lib.tensor([1, 2]) % lib.tensor([1, 0]), RuntimeError, "ZeroDivisionError"),
    # dims
    ("sum(dim=(0, 0))", lambda lib: lib.ones(2, 3).sum(dim=(0, 0)), RuntimeError,
     "dim 0 appears multiple times in the list of dims"),
    ("sum(dim=(1, -1))", lambda lib: lib.ones(2, 3).sum(dim=(1, -1)), RuntimeError,
     "dim 1 appears multiple times in the list of dims"),
    ("mean(dim=(0, 0))", lambda lib: lib.ones(2, 3).mean(dim=(0, 0)), RuntimeError,
     "dim 0 appears multiple times in the list of dims"),
    ("var(dim=[1, 1])", lambda lib: lib.ones(2, 3).var(dim=[1, 1]), RuntimeError,
     "dim 1 appears multiple times in the list of dims"),
    ("std(dim=(0, 0))", lambda lib: lib.ones(2, 3).std(dim=(0, 0)), RuntimeError,
     "dim 0 appears multiple times in the list of dims"),
    ("norm(dim=(0, 0))", lambda lib: lib.ones(2, 3).norm(dim=(0, 0)), RuntimeError,
     "dim 0 appears multiple times in the list of dims"),
    ("any(dim=(0, 0))", lambda lib: lib.ones(2, 3).any(dim=(0, 0)), RuntimeError,
     "dim 0 appears multiple times in the list of dims"),
    ("sum(dim=(0, -1)) of a 0-d tensor", lambda lib: lib.tensor(3.0).sum(dim=(0, -1)), RuntimeError,
     "dim 0 appears multiple times in the list of dims"),
    ("sum over a dim out of range in a tuple", lambda lib: lib.ones(2, 3).sum(dim=(0, 2)), IndexError,
     "Dimension out of range (expected to be in range of [-2, 1], but got 2)"),
    ("softmax(dim=1.0)", lambda lib: lib.ones(2, 3).softmax(dim=1.0), TypeError, "must be int, not float"),
    ("permute with a repeated dim", lambda lib: lib.ones(2, 3).permute(0, 0), RuntimeError,
     "permute(): duplicate dims are not allowed."),
    ("x[0, 3] names dimension 1", lambda lib: lib.ones(2, 3)[0, 3], IndexError,
     "index 3 is out of bounds for dimension 1 with size 3"),
    ("x[:, 0, 5] names dimension 2", lambda lib: lib.ones(2, 3, 4)[:, 0, 5], IndexError,
     "index 5 is out of bounds for dimension 2 with size 4"),
    ("x[[0], 0, 5] names dimension 2", lambda lib: lib.ones(2, 3, 4)[[0], 0, 5], IndexError,
     "index 5 is out of bounds for dimension 2 with size 4"),
    ("select out of range", lambda lib: lib.ones(2, 3).select(1, 3), IndexError,
     "select(): index 3 out of range for tensor of size [2, 3] at dimension 1"),
    ("cat of mismatched shapes names the tensor", lambda lib: lib.cat([lib.ones(2, 3), lib.ones(2, 2)]),
     RuntimeError, "Sizes of tensors must match except in dimension 0. Expected size 3 but got size 2 "
     "for tensor number 1 in the list."),
    ("cat of a matrix and a vector", lambda lib: lib.cat([lib.ones(2, 3), lib.ones(3)], dim=1),
     RuntimeError, "Tensors must have same number of dimensions: got 2 and 1"),
    ("bmm of two matrices", lambda lib: lib.bmm(lib.ones(2, 3), lib.ones(3, 2)), RuntimeError,
     "batch1 must be a 3D tensor"),
    ("bmm of batches that do not fit", lambda lib: lib.ones(2, 2, 3).bmm(lib.ones(2, 2, 3)),
     RuntimeError, "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [2, 2]."),
    ("bmm of batches of different lengths", lambda lib: lib.bmm(lib.ones(2, 2, 3), lib.ones(3, 3, 1)),
     RuntimeError, "Expected size for first two dimensions of batch2 tensor to be: [2, 3] but got: [3, 3]."),
    ("bmm of float32 and float64", lambda lib: lib.bmm(lib.ones(1, 2, 2), lib.ones(1, 2, 2, dtype=lib.float64)),
     RuntimeError, "expected scalar type Float but found Double"),
    ("flip without dims", lambda lib: lib.ones(3).flip(), TypeError,
     'flip() missing 1 required positional arguments: "dims"'),
    ("flip(dim=0) (the argument is dims)", lambda lib: lib.ones(3).flip(dim=0), TypeError,
     'flip() missing 1 required positional arguments: "dims"'),
    ("torch.flip(x, 0) (dims must be a tuple)", lambda lib: lib.flip(lib.ones(3), 0), TypeError,
     "flip(): argument 'dims' (position 2) must be tuple of ints, not int"),
    ("flip of a repeated dim", lambda lib: lib.ones(2, 3).flip(0, -2), RuntimeError,
     "dim 0 appears multiple times in the list of dims"),
    ("flip of a dim out of range", lambda lib: lib.ones(2, 3).flip(2), IndexError,
     "Dimension out of range (expected to be in range of [-2, 1], but got 2)"),
    ("fliplr of a vector", lambda lib: lib.ones(3).fliplr(), RuntimeError, "Input must be >= 2-d."),
    ("split(0)", lambda lib: lib.ones(6).split(0), RuntimeError,
     "split_size can only be 0 if dimension size is 0, but got dimension size of 6"),
    ("split(-1)", lambda lib: lib.ones(6).split(-1), RuntimeError,
     "split expects split_size be non-negative, but got split_size=-1"),
    ("split sizes that do not add up", lambda lib: lib.ones(2, 6).split([1, 2], dim=1), RuntimeError,
     "split_with_sizes expects split_sizes to sum exactly to 6 (input tensor's size at dimension 1), "
     "but got split_sizes=[1, 2]"),
    ("split with a negative size", lambda lib: lib.ones(6).split([7, -1]), RuntimeError,
     "split_with_sizes expects split_sizes have only non-negative entries, but got split_sizes=[7, -1]"),
    ("split of a 0-d tensor", lambda lib: lib.tensor(1.0).split(1), RuntimeError,
     "split expects at least a 1-dimensional tensor"),
    ("chunk(0)", lambda lib: lib.ones(6).chunk(0), RuntimeError,
     "chunk expects `chunks` to be greater than 0, got: 0"),
    ("writing into a piece of split", lambda lib: (_leaf(lib, 6) * 1).split(2)[1].mul_(2), RuntimeError,
     "Output 1 of Split is a view and is being modified inplace. This view is the output of a "
     "function that returns multiple views."),
    ("writing into a row of unbind", lambda lib: (_leaf(lib, 2, 3) * 1).unbind()[0].zero_(), RuntimeError,
     "Output 0 of Unbind is a view and is being modified inplace."),
    ("t_() of a 3-d tensor", lambda lib: lib.ones(2, 2, 2).t_(), RuntimeError,
     "t_() expects a tensor with <= 2 dimensions, but self is 3D"),
    ("unsqueeze_ of a leaf that requires grad", lambda lib: _leaf(lib, 2).unsqueeze_(0), RuntimeError,
     "a leaf Variable that requires grad is being used in an in-place operation."),
    ("sqrt_ of an int64 tensor", lambda lib: lib.tensor([4, 9]).sqrt_(), RuntimeError,
     "result type Float can't be cast to the desired output type Long"),
    ("roll with more shifts than dims", lambda lib: lib.ones(2, 3).roll((1, 2), 0), RuntimeError,
     "shifts and dimensions must align. shifts: 2, dims:1"),
    ("narrow past the end", lambda lib: lib.ones(5).narrow(0, 3, 3), RuntimeError,
     "start (3) + length (3) exceeds dimension size (5)."),
    ("hsplit into parts that do not divide", lambda lib: lib.ones(2, 3).hsplit(2), RuntimeError,
     "torch.hsplit attempted to split along dimension 1, but the size of the dimension 3 is not "
     "divisible by the split_size 2!"),
    ("movedim with a repeated dim", lambda lib: lib.ones(2, 3, 4).movedim((0, 0), (1, 2)),
     RuntimeError, "movedim: repeated dim in `source`"),
    ("is_nonzero of several values", lambda lib: lib.ones(2).is_nonzero(), RuntimeError,
     "Boolean value of Tensor with more than one value is ambiguous"),
    ("tensor of a pandas table with bool and float columns (an object array)",
     lambda lib: lib.tensor(np.array([[1.5, True], [2.0, False]], dtype=object), dtype=lib.float32),
     TypeError, "can't convert np.ndarray of type numpy.object_. The only supported types are: "
                "float64, float32, float16, "),
    ("tensor of strings", lambda lib: lib.from_numpy(np.array(["a", "b"])), TypeError,
     "can't convert np.ndarray of type numpy.str_."),
    ("masked_select with a float mask", lambda lib: lib.ones(3).masked_select(lib.ones(3)), RuntimeError,
     "masked_select: expected BoolTensor for mask"),
    ("tril(1.5)", lambda lib: lib.ones(3, 3).tril(1.5), TypeError,
     "tril(): argument 'diagonal' (position 1) must be int, not float"),
    ("diag(diagonal=True)", lambda lib: lib.ones(3).diag(True), TypeError,
     "diag(): argument 'diagonal' (position 1) must be int, not bool"),
    ("chunk(2.0)", lambda lib: lib.ones(4).chunk(2.0), TypeError,
     "chunk(): argument 'chunks' (position 1) must be int, not float"),
    ("repeat_interleave(-1)", lambda lib: lib.ones(3).repeat_interleave(-1), RuntimeError,
     "Repeats must be non-negative"),
    ("round(decimals=1) of an int64 tensor", lambda lib: lib.tensor([15]).round(decimals=1),
     NotImplementedError, "\"round_cpu\" not implemented for 'Long'"),
    ("nn.init.xavier_uniform_ of a vector", lambda lib: lib.nn.init.xavier_uniform_(lib.empty(3)), ValueError,
     "Fan in and fan out can not be computed for tensor with fewer than 2 dimensions"),
    ("aminmax of nothing", lambda lib: lib.aminmax(lib.ones(0)), RuntimeError,
     "aminmax(): cannot compute aminmax over an empty dimension as the operation has no identity."),
    ("linalg.cross of 2-vectors", lambda lib: lib.linalg.cross(lib.ones(2), lib.ones(2)), RuntimeError,
     "linalg.cross: inputs dimension -1 must have length 3. Got 2 and 2"),
    ("tril of a vector", lambda lib: lib.ones(3).tril(), RuntimeError,
     "tril: input tensor must have at least 2 dimensions"),
    ("triu of a vector", lambda lib: lib.ones(3).triu(), RuntimeError,
     "triu: input tensor must have at least 2 dimensions"),
    ("diag of a 3-d tensor", lambda lib: lib.ones(2, 2, 2).diag(), RuntimeError,
     "diag(): Supports 1D or 2D tensors. Got 3D"),
    ("cumprod without dim", lambda lib: lib.ones(3).cumprod(), TypeError, "cumprod() missing 1 required"),
    ("meshgrid of a matrix", lambda lib: lib.meshgrid(lib.ones(2, 3), lib.ones(2), indexing="ij"),
     RuntimeError, "torch.meshgrid: Expected 0D or 1D tensor in the tensor list but got"),
    ("meshgrid of two dtypes", lambda lib: lib.meshgrid(lib.ones(2), lib.arange(3), indexing="ij"),
     RuntimeError, "meshgrid expects all tensors to have the same dtype"),
    ("meshgrid(indexing='yx')", lambda lib: lib.meshgrid(lib.ones(2), indexing="yx"), RuntimeError,
     'torch.meshgrid: indexing must be one of "xy" or "ij", but received: yx'),
    ("normal_ of a leaf that requires grad", lambda lib: _leaf(lib, 3).normal_(), RuntimeError,
     "a leaf Variable that requires grad is being used in an in-place operation."),
    ("normal_ of an int64 tensor", lambda lib: lib.zeros(3, dtype=lib.int64).normal_(),
     NotImplementedError, "\"normal_kernel_cpu\" not implemented for 'Long'"),
    ("normal_ with std < 0", lambda lib: lib.zeros(3).normal_(0, -1), RuntimeError,
     "normal expects std >= 0.0, but found std -1"),
    ("uniform_ of an int64 tensor", lambda lib: lib.zeros(3, dtype=lib.int64).uniform_(),
     NotImplementedError, "\"check_uniform_bounds\" not implemented for 'Long'"),
    ("uniform_(2, 1)", lambda lib: lib.zeros(3).uniform_(2, 1), RuntimeError,
     "uniform_ expects to return a [from, to) range, but found from=2 > to=1"),
    ("uniform_(a=1) (PyTorch calls it from)", lambda lib: lib.zeros(3).uniform_(a=1), TypeError,
     "uniform_() got an unexpected keyword argument 'a'"),
]


def _rows():
    for name, program, error, phrase in ERRORS:
        yield pytest.param(program, error, phrase, id=name)


@pytest.mark.parametrize("program, error, phrase", _rows())
def test_minigrad_raises_like_pytorch(program, error, phrase):
    with pytest.raises(error, match=re.escape(phrase)):
        program(minigrad)


@pytest.mark.torch
@pytest.mark.parametrize("program, error, phrase", _rows())
def test_pytorch_raises_the_same(program, error, phrase, torch):
    """The table is right: PyTorch raises this type, with this phrase."""
    with pytest.raises(error, match=re.escape(phrase)):
        program(torch)


def test_there_are_at_least_forty_error_cases():
    assert len(ERRORS) >= 40
    assert len({name for name, *_ in ERRORS}) == len(ERRORS)
