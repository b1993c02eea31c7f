"""Tensor operations: matmul, elementwise arithmetic, concat/stack, reductions, argmax, gather/take,
split, tile and the transposes tensors.py lacks — TensorFlow, NumPy and keras.ops spellings.

Each rule gives the shape the library's own shape inference gives, and raises `OpError` with the
library's wording where it would raise for certain (never on a `None` dimension). Which library
decides is the flavour, measured with TensorFlow 2.21, Keras 3.15 and NumPy 2.4:
- TF: tf.* functions and operators on tf.Tensors, TensorFlow's eager kernels. Their messages drop
  the `{{function_node ...}}` prefix and the ` name: ` suffix, which name the device and the call.
- NP: np.* functions, array methods, and operators between two NumPy arrays.
- KERAS: keras.ops on a symbolic KerasTensor, Keras's compute_output_spec.
- KERAS_EAGER: keras.ops on real data, NumPy's semantics computed by TensorFlow's kernels (their
  wording, for the tensors the TensorFlow backend actually hands them).
"""
from __future__ import annotations

import ast
import itertools
import math
from typing import Any, Callable

from .. import fixes, resolve, runtime
from ..layers.base import DTYPE_MISMATCH, OP_MISMATCH, Unknowable
from ..modules import module_of
from ..report import Fix
from ..values import UNKNOWN, ApiRef, Grown, Layer, Shape, Tensor, format_shape
from . import api, method
from . import dtypes
from .containers import as_sequence
from .layer_fixes import _REDUCTIONS, CHANNELS
from .tensors import Ragged, _int, _literal_array, _transpose, broadcast

TF, NP, KERAS, KERAS_EAGER = "tf", "np", "keras", "keras-eager"
TF_ELEMENTWISE = {"add": "AddV2", "subtract": "Sub", "multiply": "Mul", "divide": "RealDiv",
                  "maximum": "Maximum", "minimum": "Minimum"}
TF_OPERATORS = {ast.Add: "AddV2", ast.Sub: "Sub", ast.Mult: "Mul", ast.Div: "RealDiv",
                ast.FloorDiv: "FloorDiv", ast.Mod: "FloorMod", ast.Pow: "Pow"}
_MATMUL_SIGNATURE = "(n?,k),(k,m?)->(n?,m?)"
_PROVENANCE_DEPTH = 16


class OpError(Exception):
    """The library raises here, with this message. `runtime_only`: in a traced graph (a custom
    layer's call() while a model is built or fit), the static shapes do not show it: it is raised
    only when the graph runs on data."""

    def __init__(self, message: str, runtime_only: bool = False, fixes: list | None = None, code: str = OP_MISMATCH):
        super().__init__(message)
        self.runtime_only = runtime_only
        self.fixes = fixes
        self.code = code


def _tf_error(message: str, op: str) -> OpError:
    return OpError(f"{message} [Op:{op}]")


# ---- formatting ---------------------------------------------------------------------------------

def _dims(shape: Shape) -> str:
    return ",".join("?" if d is None else str(d) for d in shape)


def _tf(shape: Shape) -> str:
    return f"[{_dims(shape)}]"


def _np(shape: Shape) -> str:
    return f"({_dims(shape)}{',' if len(shape) == 1 else ''})"


def _np_axis_error(axis: int, rank: int) -> OpError:
    return OpError(f"axis {axis} is out of bounds for array of dimension {rank}")


def _keras_axis(axis: int, rank: int) -> int:
    """keras canonicalize_axis."""
    if not -rank <= axis < rank:
        raise OpError(f"axis {axis} is out of bounds for an array with dimension {rank}.")
    return axis % rank


def _differ(x: int | None, y: int | None) -> bool:
    return x is not None and y is not None and x != y


def _prod(dims: Shape) -> int | None:
    return None if None in dims else math.prod(dims)


# ---- arguments and results ----------------------------------------------------------------------

def _operand(value: Any) -> Tensor:
    """A tensor argument: a tensor, a Python number, or a nested list literal."""
    if isinstance(value, Tensor):
        if value.shape is None:
            raise Unknowable
        return value
    if isinstance(value, (int, float)):  # bool too: a scalar
        return Tensor(())
    if isinstance(value, (list, tuple)):
        try:
            array = _literal_array(value, None)
        except Ragged:
            raise Unknowable from None
        if isinstance(array, Tensor):
            return Tensor(array.shape)  # its dtype follows the other operands'
    raise Unknowable


def _operands(value: Any) -> list[Tensor]:
    value = as_sequence(value)  # a deque of arrays stacks like a list
    if not isinstance(value, (list, tuple)):
        raise Unknowable
    return [_operand(v) for v in value]


def _an_int(value: Any) -> int:
    if not _int(value):
        raise Unknowable
    return value


def _ints(value: Any) -> list[int]:
    if not isinstance(value, (list, tuple)) or not all(_int(v) for v in value):
        raise Unknowable
    return list(value)


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise Unknowable
    return value


def _flavour(family: str, tensors: list[Tensor]) -> str:
    symbolic = any(t.symbolic for t in tensors)
    if family == KERAS:
        return KERAS if symbolic else KERAS_EAGER
    if symbolic:  # Keras 3 refuses a KerasTensor in tf.* and np.* functions, whatever its shape
        raise Unknowable
    return family


def _result(shape: Shape, tensors: list[Tensor], node: ast.AST, dtype: str | None = None,
            library: str | None = None) -> Tensor:
    """The result tensor: of `dtype`, or of its operands' one dtype (None if they differ)."""
    kinds = {t.dtype for t in tensors}
    dtype = dtype or (kinds.pop() if len(kinds) == 1 else None)
    return Tensor(tuple(shape), dtype, node, any(t.symbolic for t in tensors), library=library)


def _reported(interp, node: ast.AST, compute: Callable[[], Any]) -> Any:
    """`compute()`; UNKNOWN if it cannot tell, or if the library raises (reported at `node`)."""
    try:
        return compute()
    except Unknowable:
        return UNKNOWN
    except OpError as error:
        interp.report_op_error(node, error.code, str(error), error.runtime_only, error.fixes)
        return UNKNOWN


def _guarded(rule: Callable) -> Callable:
    """A function or method handler running `rule`, whose last argument is the call."""
    return lambda *args: _reported(args[-1].interp, args[-1].node, lambda: rule(*args))


def _combined(interp, flavour: str, tensors: list[Tensor], compute: Callable[[], Any]) -> Any:
    """`compute()` for an op on several tensors: TensorFlow checks their dtypes before their shapes,
    so tensors of two dtypes fail with a dtype error, which is not ours to word."""
    try:
        return compute()
    except OpError:
        if flavour == TF and _dtypes_clash(interp, tensors):
            raise Unknowable
        raise


def _dtypes_clash(interp, tensors: list[Tensor]) -> bool:
    # NumPy arrays and literals are converted to the other operand's dtype.
    kinds = {_kernel_dtype(interp, t) for t in tensors if t.dtype and library(interp, t) != "numpy"}
    return len(kinds) > 1


def _kernel_dtype(interp, tensor: Tensor) -> str | None:
    """The dtype TensorFlow computes a tensor in: a literal is float32/int32 in TensorFlow,
    float64/int64 in NumPy."""
    bits = "64" if library(interp, tensor) == "numpy" else "32"
    return tensor.dtype + bits if tensor.dtype in ("float", "int") else tensor.dtype


def library(interp, tensor: Tensor) -> str | None:
    """The library that made a tensor: recorded when certain, else read from its expression."""
    return tensor.library or _library(interp, tensor.node)


def _onednn(dtype: str | None) -> bool:
    """Whether TensorFlow multiplies matrices of this dtype with oneDNN, whose kernels word their
    errors differently (when the runtime uses oneDNN at all; an unknown dtype is float32,
    TensorFlow's default)."""
    return runtime.current().onednn and dtype in (None, "float32", "float16", "bfloat16")


def _library(interp, node: ast.AST | None, depth: int = 0) -> str | None:
    """The library whose call made an expression's value ("numpy", "tensorflow", "keras"): the call
    itself, or the array a method, index or arithmetic was applied to. Names are looked up, nothing
    is evaluated again."""
    if node is None or depth > _PROVENANCE_DEPTH:
        return None
    if isinstance(node, ast.Name):
        value = interp.frames[-1].env.get(node.id, interp.frames[0].env.get(node.id))
        if isinstance(value, ApiRef):
            return resolve.canonical(value.path).split(".")[0]
        return _library(interp, value.node, depth + 1) if isinstance(value, Tensor) else None
    if isinstance(node, ast.Call):
        return _library(interp, node.func, depth + 1)
    if isinstance(node, (ast.Attribute, ast.Subscript)):
        return _library(interp, node.value, depth + 1)
    if isinstance(node, ast.UnaryOp):
        return _library(interp, node.operand, depth + 1)
    if isinstance(node, ast.BinOp):
        sides = {_library(interp, side, depth + 1) for side in (node.left, node.right)
                 if not isinstance(side, ast.Constant)}
        return sides.pop() if len(sides) == 1 else None
    return None


def _tf_dtype(interp, decide: Callable[[list], str], values: list[tuple[Any, ast.AST | None]]) -> str | None:
    """The dtype TensorFlow brings the operands (value, node) to, by `decide` (a rule of dtypes.py);
    None if an operand's dtype is not certain. Raises OpError where TensorFlow refuses them for
    certain, Unknowable where it does in words not known here (a traced graph's)."""
    try:
        operands = [dtypes.operand(value, node) for value, node in values]
        return decide(operands)
    except dtypes.Undecided:
        return None
    except dtypes.Mismatch as error:
        if dtypes.traced(interp) and not error.when_traced:
            raise Unknowable from None
        raise OpError(error.message, fixes=dtypes.cast_fixes(interp, error), code=DTYPE_MISMATCH) from None


def _matmul_kernel(x, y) -> tuple[str, str]:
    """tf.matmul's op, and the kernel that runs it (oneDNN's for floating types it handles)."""
    op = "BatchMatMulV2" if max(x.rank, y.rank) > 2 else "MatMul"
    return op, ("_Mkl" if _onednn(dtypes.alone(x)) else "") + op


def _tf_matmul_dtype(operands: list) -> str:
    x, y = operands
    if dtypes.alone(x) not in dtypes.KERNEL_DTYPES:
        raise Unknowable  # no kernel for it: TensorFlow says so first
    op, kernel = _matmul_kernel(x, y)
    return dtypes.first_then_hinted(op, x, y, kernel)


def _operator_rule(op: ast.operator) -> Callable[[list], str]:
    """TensorFlow's dtype rule for `x <op> y` with a tf.Tensor on either side."""
    name = TF_OPERATORS.get(type(op))
    if name is None and not isinstance(op, ast.MatMult):
        return lambda operands: _undecided()

    def rule(operands: list) -> str:
        x, y = operands
        if x.kind != "tensor":  # the reflected operator converts x to the tensor's dtype first
            target = dtypes.fast_path(name or "MatMul", operands)
            if isinstance(op, ast.MatMult) and target not in dtypes.KERNEL_DTYPES:
                raise Unknowable  # no kernel for it: TensorFlow says so first
            return dtypes.true_division(target, "tensorflow") if isinstance(op, ast.Div) else target
        if isinstance(op, ast.Div):
            return dtypes.true_divide(x, y)
        if isinstance(op, ast.MatMult):
            return _tf_matmul_dtype(operands)
        if isinstance(op, ast.Add):
            return dtypes.first_then_hinted(name, x, y)
        return dtypes.fast_path(name, operands)
    return rule


def _undecided() -> str:
    raise dtypes.Undecided


def _numpy_dtype(op: ast.operator | None, a: Any, b: Any) -> str | None:
    """NumPy's result dtype for two arrays, or an array and a Python number."""
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        dtype = dtypes.numpy_promote(a.dtype, b.dtype)
    elif not isinstance(a, Tensor) and not isinstance(b, Tensor):
        return None
    else:
        tensor, number = (a, b) if isinstance(a, Tensor) else (b, a)
        dtype = dtypes.numpy_with_scalar(tensor.dtype, number) if isinstance(number, (int, float)) else None
    return dtypes.true_division(dtype, "numpy") if isinstance(op, ast.Div) else dtype


def operator_with_number(interp, op: ast.operator, left: Any, right: Any, node: ast.AST) -> Any:
    """`x / 255.0`, `2 * x`: the tensor's shape, in the dtype its library gives (or refuses)."""
    tensor, number = (left, right) if isinstance(left, Tensor) else (right, left)

    def compute() -> Tensor:
        dtype = None
        if tensor.library == "numpy" and not tensor.symbolic:
            dtype = _numpy_dtype(op, left, right)
        elif tensor.library == "tensorflow" and not tensor.symbolic:
            dtype = _tf_dtype(interp, _operator_rule(op), [(left, _side(node, 0)), (right, _side(node, 1))])
        # Whatever the library, a float tensor keeps its dtype, and so does any tensor with an int
        # (but in a division).
        if dtype is None and (tensor.dtype in dtypes.FLOATS or not isinstance(op, ast.Div) and _int(number)):
            dtype = tensor.dtype
        return Tensor(tensor.shape, dtype, node, tensor.symbolic, library=tensor.library)
    return _reported(interp, node, compute)


def _side(node: ast.AST, index: int) -> ast.AST | None:
    if isinstance(node, ast.BinOp):
        return (node.left, node.right)[index]
    return None


# ---- elementwise ---------------------------------------------------------------------------------

def elementwise(a: Shape, b: Shape, flavour: str, tf_op: str | None) -> Shape:
    """Broadcasting; `tf_op` is TensorFlow's kernel, None where it depends on the dtype."""
    shape = broadcast(a, b)
    if shape is not None:
        return shape
    if flavour == NP:
        raise OpError(f"operands could not be broadcast together with shapes {_np(a)} {_np(b)}")
    if flavour == KERAS:
        raise _keras_broadcast_error(a, b)
    if tf_op is None:
        raise Unknowable
    raise _tf_error(f"Incompatible shapes: {_tf(a)} vs. {_tf(b)}", tf_op)


def _keras_broadcast_error(a: Shape, b: Shape) -> OpError:
    rank = max(len(a), len(b))
    padded = zip((1,) * (rank - len(a)) + a, (1,) * (rank - len(b)) + b)
    x, y = next((x, y) for x, y in padded if _differ(x, y) and 1 not in (x, y))
    return OpError(f"Cannot broadcast shape, the failure dim has value {x}, which cannot be broadcasted to {y}. "
                   f"Input shapes are: {list(a)} and {list(b)}.")


def _bias_add(a: Shape, b: Shape) -> bool:
    """Whether keras.ops.add on real data takes TensorFlow's bias_add: when x2 is a vector (up to
    axes of 1) as long as x1's second or last axis. The result keeps x1's shape, even where
    broadcasting would give another."""
    vector = [d for d in b if d is None or d > 1]
    if len(vector) != 1 or len(a) < 2 or vector[0] is None:
        return False
    if None in (a[1], a[-1]):
        raise Unknowable
    return vector[0] in (a[1], a[-1])


_TF_FUNCTION_DTYPES = {"AddV2": lambda operands: dtypes.first_then_hinted("AddV2", *operands),
                       "RealDiv": dtypes.tf_divide}


def _elementwise_call(family: str, tf_op: str) -> Callable:
    def rule(call) -> Any:
        raw = [call.get("x", 0, call.get("x1", 0)), call.get("y", 1, call.get("x2", 1))]
        a, b = _operand(raw[0]), _operand(raw[1])
        flavour = _flavour(family, [a, b])
        division = tf_op == "RealDiv"
        if flavour == TF:
            decide = _TF_FUNCTION_DTYPES.get(tf_op, lambda operands: dtypes.fast_path(tf_op, operands))
            nodes = [call.node_of("x", 0) or call.node_of("x1"), call.node_of("y", 1) or call.node_of("x2")]
            dtype = _tf_dtype(call.interp, decide, list(zip(raw, nodes)))
        elif flavour == NP:
            dtype = _numpy_dtype(ast.Div() if division else None, *raw)
        else:  # keras.ops promotes, and divides integers in floating point
            dtype = a.dtype if a.dtype == b.dtype and not division else None
        if flavour == KERAS_EAGER and tf_op == "AddV2" and _bias_add(a.shape, b.shape):
            return _result(a.shape, [a, b], call.node, dtype)
        sides = (call.node_of("x", 0) or call.node_of("x1"), call.node_of("y", 1) or call.node_of("x2"))
        shape = _fixed(lambda: _combined(call.interp, flavour, [a, b],
                                         lambda: elementwise(a.shape, b.shape, flavour, tf_op)),
                       lambda: _broadcast_fixes(call.interp, raw, (a.shape, b.shape), sides, call.node))
        result = _result(shape, [a, b], call.node)
        result.dtype = dtype
        return result
    return _guarded(rule)


for _name, _tf_op in TF_ELEMENTWISE.items():
    api(f"tensorflow.{_name}", f"tensorflow.math.{_name}")(_elementwise_call(TF, _tf_op))
    api(f"numpy.{_name}")(_elementwise_call(NP, _tf_op))
    api(f"keras.ops.{_name}")(_elementwise_call(KERAS, _tf_op))
api("numpy.true_divide")(_elementwise_call(NP, "RealDiv"))


def apply_operator(interp, op: ast.operator, left: Any, right: Any, node: ast.AST) -> Any:
    """`a + b`, `a @ b` with a tensor on at least one side: tf.Tensor operators, unless both sides
    are NumPy arrays; keras.ops when a KerasTensor is involved."""
    def compute() -> Tensor:
        a, b = _operand(left), _operand(right)
        # A tf.Tensor converts the other side to its dtype, whichever side it is on.
        tf_tensors = [v for v in (left, right) if isinstance(v, Tensor) and library(interp, v) != "numpy"]
        flavour = KERAS if any(t.symbolic for t in (a, b)) else TF if tf_tensors else NP
        made_by = {TF: "tensorflow", NP: "numpy"}.get(flavour)
        if any(isinstance(v, Tensor) and v.library is None for v in (left, right)):
            made_by = "tensorflow" if any(v.library == "tensorflow" for v in tf_tensors) else None
        if flavour == TF:
            dtype = _tf_dtype(interp, _operator_rule(op), [(left, _side(node, 0)), (right, _side(node, 1))])
        elif flavour == NP and made_by:
            dtype = _numpy_dtype(op, left, right)
        else:  # keras.ops promotes as NumPy does not: only one dtype throughout is certain
            dtype = a.dtype if a.dtype == b.dtype and not isinstance(op, ast.Div) else None
        sides = (_side(node, 0), _side(node, 1))
        if isinstance(op, ast.MatMult):
            onednn = _onednn(dtype or (_kernel_dtype(interp, tf_tensors[0]) if tf_tensors else None))
            shape = _fixed(lambda: _combined(interp, flavour, [a, b],
                                             lambda: matmul(a.shape, b.shape, flavour, onednn)),
                           lambda: _kernel_fixes(interp, a.shape, right)
                           + _transpose_fixes(interp, a.shape, b.shape, sides[1], flavour))
        else:  # `&`, `<<`, ... name their kernel after the dtype (LogicalAnd, BitwiseAnd)
            shape = _fixed(lambda: _combined(interp, flavour, [a, b], lambda: elementwise(
                a.shape, b.shape, flavour, TF_OPERATORS.get(type(op)))),
                lambda: _broadcast_fixes(interp, [left, right], (a.shape, b.shape), sides, node))
        result = _result(shape, [a, b], node, library=made_by)
        result.dtype = dtype
        return result
    return _reported(interp, node, compute)


# ---- quick fixes ----------------------------------------------------------------------------------

def _fixed(compute: Callable[[], Shape], fixes: Callable[[], list]) -> Shape:
    """`compute()`, its OpError carrying the fixes for it."""
    try:
        return compute()
    except OpError as error:
        error.fixes = error.fixes or fixes()
        raise


def _editable(interp, node: ast.AST | None) -> bool:
    """An operand written in this file, on one line: one a fix can rewrite."""
    text = interp.source.snippet(node, 10**6) if node is not None else ""
    return bool(text) and "\n" not in text and module_of(node) is None


def _transpose_fixes(interp, a: Shape, b: Shape, node: ast.AST | None, flavour: str = TF) -> list:
    """`a @ b` where b is stored the other way round: a's last axis meets b's last, not its second-to-last.
    tf.matmul (`node` its call) takes transpose_b=True; a matrix otherwise is `b.T` or `tf.transpose(b)`."""
    if len(a) < 2 or len(b) < 2 or None in (a[-1], b[-2], b[-1]) or not a[-1] == b[-1] != b[-2]:
        return []
    if not _editable(interp, node):
        return []
    title = "Transpose the right operand"
    if isinstance(node, ast.Call):
        return [fixes.set_keyword(interp.source, node, None, "transpose_b", "True", f"{title} (transpose_b=True)")]
    if len(b) != 2:
        return []
    if flavour == NP:
        return [fixes.append_to(interp.source, node, ".T", title)]
    text = interp.source.snippet(node, 10**6)
    spelled = fixes.api_spelling(interp.frames[0].env, "keras.ops.transpose" if flavour in (KERAS, KERAS_EAGER)
                                 else "tensorflow.transpose")
    return [fixes.replace_node(interp.source, node, f"{spelled}({text})", title, preferred=True)] if spelled else []


def _axis_fixes(interp, a: Shape, b: Shape, nodes: tuple) -> list:
    """Broadcasting fails where the operand of lower rank lacks an axis inside: (40, 25, 6) - (40, 6)
    needs (40, 1, 6), `x[:, None]` (the axis a reduction without keepdims dropped)."""
    if abs(len(a) - len(b)) != 1:
        return []
    short, long, node = (a, b, nodes[0]) if len(a) < len(b) else (b, a, nodes[1])
    if not _editable(interp, node):
        return []
    for axis in range(1, len(short) + 1):  # axis 0 is where broadcasting adds it anyway
        if broadcast(short[:axis] + (1,) + short[axis:], long) is not None:
            index = ", ".join([":"] * axis + ["None"])
            title = f"Insert axis {axis} into `{interp.source.snippet(node)}`"
            return [fixes.append_to(interp.source, node, f"[{index}]", title)]
    return []


def _concat_axis_fixes(call, shapes: list[Shape], axis: int) -> list:
    """Tensors of one rank that differ on one other axis only: concatenate along that one."""
    if len(shapes) < 2 or any(len(shape) != len(shapes[0]) for shape in shapes):
        return []
    rank = len(shapes[0])
    differ = {j for shape in shapes[1:] for j, (x, y) in enumerate(zip(shapes[0], shape)) if _differ(x, y)}
    if len(differ) != 1 or not -rank <= axis < rank or differ == {axis % rank}:
        return []
    j = differ.pop()
    if any(shape[j] is None for shape in shapes):
        return []
    spelled = str(j - rank if axis < 0 or j == rank - 1 else j)
    return [fixes.set_keyword(call.interp.source, call.node, call.node_of("axis", 1), "axis", spelled,
                              f"Concatenate along axis {spelled}")]


# ---- matmul -------------------------------------------------------------------------------------

def tf_matmul(a: Shape, b: Shape, transpose_a: bool = False, transpose_b: bool = False, onednn: bool = True) -> Shape:
    """tf.matmul: MatMul for two matrices, BatchMatMulV2 (broadcasting the batch axes) above rank 2."""
    if len(a) > 2 or len(b) > 2:
        op = "BatchMatMulV2"
        for i, shape in enumerate((a, b)):
            if len(shape) < 2:
                raise _tf_error(f"In[{i}] ndims must be >= 2: {len(shape)}", op)
        batch = broadcast(a[:-2], b[:-2])
        if batch is None:
            raise _tf_error(f"In[0] and In[1] must have compatible batch dimensions: {_tf(a)} vs. {_tf(b)}", op)
    else:
        op, batch = "MatMul", ()
        if onednn:
            for i, shape in enumerate((a, b)):
                if len(shape) < 2:
                    raise _tf_error(f"In[{i}] ndims must be >= 2", op)
        elif len(a) != len(b):
            raise _tf_error(f"In[0] and In[1] has different ndims: {_tf(a)} vs. {_tf(b)}", op)
        elif len(a) != 2:
            raise _tf_error(f"In[0] and In[1] ndims must be == 2: {len(a)}", op)
    rows, inner_a = (a[-1], a[-2]) if transpose_a else (a[-2], a[-1])
    inner_b, columns = (b[-1], b[-2]) if transpose_b else (b[-2], b[-1])
    if _differ(inner_a, inner_b):
        # oneDNN's batched kernel appends its adjoint flags
        flags = f" {int(transpose_a)} {int(transpose_b)}" if onednn and op == "BatchMatMulV2" else ""
        raise _tf_error(f"Matrix size-incompatible: In[0]: {_tf(a)}, In[1]: {_tf(b)}{flags}", op)
    return batch + (rows, columns)


def matmul(a: Shape, b: Shape, flavour: str, onednn: bool = True) -> Shape:
    """np.matmul semantics (a 1-D operand is a row/column vector, batch axes broadcast), with each
    flavour's checks; tf.matmul's own for TF."""
    if flavour == TF:
        return tf_matmul(a, b, onednn=onednn)
    if not a or not b:
        if flavour == NP:
            raise OpError(f"matmul: Input operand {0 if not a else 1} does not have enough dimensions (has 0, "
                          f"gufunc core with signature {_MATMUL_SIGNATURE} requires 1)")
        raise Unknowable  # Keras fails with an IndexError, TensorFlow on ranks
    if flavour == KERAS_EAGER:
        _keras_eager_matmul_check(a, b, onednn)
    inner_b = b[-2] if len(b) > 1 else b[0]
    if _differ(a[-1], inner_b):
        if flavour == NP:
            raise OpError(f"matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature "
                          f"{_MATMUL_SIGNATURE} (size {inner_b} is different from {a[-1]})")
        matrix_a = a if len(a) > 1 else (1, a[0])
        matrix_b = b if len(b) > 1 else (b[0], 1)
        raise OpError("Inner dimensions (`x1.shape[-1]` and `x2.shape[-2]`) must be equal, but received "
                      f"`x1.shape={tuple(matrix_a)}` and `x2.shape={tuple(matrix_b)}`.")
    batch = broadcast(a[:-2], b[:-2])
    if batch is None:
        if flavour == NP:
            def remapped(shape: Shape) -> str:
                return f"{_np(shape)}->({','.join([_dims(shape[:-2]), 'newaxis', 'newaxis'])})"
            raise OpError("operands could not be broadcast together with remapped shapes [original->remapped]: "
                          f"{remapped(a)} {remapped(b)}  and requested shape {_np((a[-2], b[-1]))}")
        raise _keras_broadcast_error(a[:-2], b[:-2])
    return batch + a[-2:-1] + (b[-1:] if len(b) > 1 else ())


def _keras_eager_matmul_check(a: Shape, b: Shape, onednn: bool) -> None:
    """keras.ops.matmul with the TensorFlow backend: tf.tensordot (2-D reshapes, then MatMul) when an
    operand is 1-D or a batch meets a matrix, tf.matmul otherwise."""
    if len(b) == 1:
        matrices = (_prod(a[:-1]), a[-1]), (b[0], 1)
    elif len(a) == 1:
        matrices = (1, a[0]), (b[-2], _prod(b[:-2] + b[-1:]))
    elif len(b) == 2 and len(a) > 2:
        matrices = (_prod(a[:-1]), a[-1]), b
    else:
        tf_matmul(a, b, onednn=onednn)
        return
    try:
        tf_matmul(*matrices, onednn=onednn)
    except OpError as error:  # the reshapes hide the sizes from a traced graph's static shapes
        raise OpError(str(error), runtime_only=True) from None


def _matmul_call(family: str) -> Callable:
    def rule(call) -> Any:
        raw = [call.get("a", 0, call.get("x1", 0)), call.get("b", 1, call.get("x2", 1))]
        a, b = _operand(raw[0]), _operand(raw[1])
        flavour = _flavour(family, [a, b])
        dtype = a.dtype if a.dtype == b.dtype else None  # keras.ops promotes
        if flavour == NP:
            dtype = _numpy_dtype(None, *raw)
        if flavour == TF:
            nodes = [call.node_of("a", 0) or call.node_of("x1"), call.node_of("b", 1) or call.node_of("x2")]
            dtype = _tf_dtype(call.interp, _tf_matmul_dtype, list(zip(raw, nodes)))
            flags = [_flag(call.get(name, position, False)) for name, position in
                     (("transpose_a", 2), ("transpose_b", 3), ("adjoint_a", 4), ("adjoint_b", 5))]
            if flags[0] and flags[2] or flags[1] and flags[3]:
                raise Unknowable  # a ValueError about the arguments
            transpose_a, transpose_b = flags[0] or flags[2], flags[1] or flags[3]
            onednn = _onednn(dtype or _kernel_dtype(call.interp, a))  # the other operand is converted to a's dtype
            shape = _fixed(lambda: _combined(call.interp, flavour, [a, b],
                                             lambda: tf_matmul(a.shape, b.shape, transpose_a, transpose_b, onednn)),
                           lambda: [] if any(flags) else _kernel_fixes(call.interp, a.shape, raw[1])
                           + _transpose_fixes(call.interp, a.shape, b.shape, call.node))
        else:
            # Keras multiplies in float64 only if an operand is float64; else in float32 at least.
            onednn = _onednn("float64" if "float64" in (_kernel_dtype(call.interp, a), _kernel_dtype(call.interp, b))
                             else "float32")
            right = call.node_of("b", 1) or call.node_of("x2", 1)
            shape = _fixed(lambda: matmul(a.shape, b.shape, flavour, onednn),
                           lambda: _kernel_fixes(call.interp, a.shape, raw[1])
                           + _transpose_fixes(call.interp, a.shape, b.shape, right, flavour))
        result = _result(shape, [a, b], call.node)
        result.dtype = dtype
        return result
    return _guarded(rule)


api("tensorflow.matmul", "tensorflow.linalg.matmul")(_matmul_call(TF))
api("numpy.matmul")(_matmul_call(NP))
api("keras.ops.matmul")(_matmul_call(KERAS))


def dot(a: Shape, b: Shape) -> Shape:
    """np.dot: a scalar operand multiplies; otherwise a's last axis meets b's second-to-last (or only)."""
    if not a or not b:
        return a or b
    axis = len(b) - 2 if len(b) > 1 else 0
    if _differ(a[-1], b[axis]):
        raise OpError(f"shapes {_np(a)} and {_np(b)} not aligned: {a[-1]} (dim {len(a) - 1}) != {b[axis]} (dim {axis})")
    return a[:-1] + b[:axis] + b[axis + 1:]


@api("numpy.dot")
@_guarded
def np_dot(call) -> Any:
    a, b = _operand(call.get("a", 0)), _operand(call.get("b", 1))
    _flavour(NP, [a, b])
    return _result(dot(a.shape, b.shape), [a, b], call.node)


@method(Tensor, "dot")
@_guarded
def dot_method(tensor: Tensor, call) -> Any:
    b = _operand(call.get("b", 0))
    _flavour(NP, [tensor, b])
    return _result(dot(tensor.shape, b.shape), [tensor, b], call.node)


# ---- concat / stack -----------------------------------------------------------------------------

def concat(shapes: list[Shape], axis: int, flavour: str) -> Shape:
    if not shapes:
        if flavour == NP:
            raise OpError("need at least one array to concatenate")
        raise Unknowable
    first, rank = shapes[0], len(shapes[0])
    eager_tf = flavour in (TF, KERAS_EAGER)
    if eager_tf:
        if len(shapes) == 1:  # tf.concat hands a lone tensor back
            return first
        if not (-rank <= axis < rank or axis == 0):  # axis 0 passes for scalars, to fail on them below
            raise _tf_error(f"ConcatOp : Expected concatenating dimensions in the range [{-rank}, {rank}), "
                            f"but got {axis}", "ConcatV2")
    elif flavour == NP:
        if rank == 0:
            raise OpError("zero-dimensional arrays cannot be concatenated")
        if not -rank <= axis < rank:
            raise _np_axis_error(axis, rank)
    for i, shape in enumerate(shapes):
        if eager_tf and not shape:
            raise _tf_error("ConcatOp : Can't concatenate scalars (use tf.stack instead)", "ConcatV2")
        if i == 0:
            axis = _keras_axis(axis, rank)  # Keras checks the axis here; the others have checked it above
        elif len(shape) != rank or any(j != axis and _differ(x, y) for j, (x, y) in enumerate(zip(first, shape))):
            raise _concat_error(first, shape, i, axis, flavour)
    sizes = [shape[axis] for shape in shapes]
    return first[:axis] + (None if None in sizes else sum(sizes),) + first[axis + 1:]


def _concat_error(first: Shape, shape: Shape, i: int, axis: int, flavour: str) -> OpError:
    if flavour == KERAS:
        return OpError("Every value in `xs` must have the same shape except on the `axis` dim. But found element "
                       f"of shape {tuple(shape)}, which is different from the first element's shape {tuple(first)}.")
    if len(shape) != len(first):
        if flavour == NP:
            return OpError(f"all the input arrays must have same number of dimensions, but the array at index 0 has "
                           f"{len(first)} dimension(s) and the array at index {i} has {len(shape)} dimension(s)")
        return _tf_error(f"ConcatOp : Ranks of all input tensors should match: shape[0] = {_tf(first)} vs. "
                         f"shape[{i}] = {_tf(shape)}", "ConcatV2")
    j = next(j for j, (x, y) in enumerate(zip(first, shape)) if j != axis and _differ(x, y))
    if flavour == NP:
        return OpError("all the input array dimensions except for the concatenation axis must match exactly, but "
                       f"along dimension {j}, the array at index 0 has size {first[j]} and the array at index {i} "
                       f"has size {shape[j]}")
    return _tf_error(f"ConcatOp : Dimension {j} in both shapes must be equal: shape[0] = {_tf(first)} vs. "
                     f"shape[{i}] = {_tf(shape)}", "ConcatV2")


def _grown(value: Any, axis: Any, stacked: bool, node: ast.AST) -> Tensor:
    """Stacking or concatenating a list grown by a loop: its items' shape, with the axis they are
    joined along of unknown size."""
    item = value.item
    if item is None or not _int(axis):
        raise Unknowable
    rank = len(item.shape) + stacked
    if not -rank <= axis < rank:
        raise Unknowable
    axis %= rank
    shape = item.shape[:axis] + (None,) + item.shape[axis + (not stacked):]
    return Tensor(shape, item.dtype, node)


def _list_dtype(call, flavour: str, argument: tuple[str, int], tensors: list[Tensor], tf_op: str) -> str | None:
    """The dtype of tf.concat/tf.stack's result (their kernel takes the first tf.Tensor's), of
    NumPy's (promoted), or keras.ops's when all agree."""
    if flavour == TF and len(tensors) > 1:
        values, node = as_sequence(call.get(*argument)), call.node_of(*argument)
        nodes = node.elts if isinstance(node, (ast.List, ast.Tuple)) else []
        if len(nodes) != len(values):  # a list built elsewhere: no operand to point a fix at
            nodes = [None] * len(values)
        return _tf_dtype(call.interp, lambda operands: dtypes.fast_path(tf_op, operands), list(zip(values, nodes)))
    kinds = {t.dtype for t in tensors}
    if flavour == NP and len(kinds) > 1:
        merged = kinds.pop()
        for kind in kinds:
            merged = dtypes.numpy_promote(merged, kind)
        return merged
    return kinds.pop() if len(kinds) == 1 else None


def _concat_call(family: str, values: tuple[str, int], axis_default: Any) -> Callable:
    def rule(call) -> Any:
        if isinstance(call.get(*values), Grown):
            return _grown(call.get(*values), call.get("axis", 1, axis_default), False, call.node)
        tensors = _operands(call.get(*values))
        flavour = _flavour(family, tensors)
        axis = call.get("axis", 1, axis_default)
        shapes = [t.shape for t in tensors]
        if axis is None and flavour == NP:  # the arrays flattened first
            shapes, axis = [(_prod(shape),) for shape in shapes], 0
            if any(shape == (None,) for shape in shapes):
                raise Unknowable
        axis = _an_int(axis)
        dtype = _list_dtype(call, flavour, values, tensors, "ConcatV2")
        shape = _fixed(lambda: _combined(call.interp, flavour, tensors, lambda: concat(shapes, axis, flavour)),
                       lambda: _concat_axis_fixes(call, shapes, axis) + _global_pool_fixes(call, tensors))
        result = _result(shape, tensors, call.node)
        result.dtype = dtype
        return result
    return _guarded(rule)


api("tensorflow.concat")(_concat_call(TF, ("values", 0), None))
api("numpy.concatenate")(_concat_call(NP, ("arrays", 0), 0))
api("keras.ops.concatenate")(_concat_call(KERAS, ("xs", 0), 0))


def _stacked(promote: Callable[[Shape], Shape], axis_of: Callable[[list[Shape]], int]) -> Callable:
    """np.vstack / np.hstack: concatenate after promoting each array's rank."""
    @_guarded
    def rule(call) -> Any:
        tensors = _operands(call.get("tup", 0))
        _flavour(NP, tensors)
        shapes = [promote(t.shape) for t in tensors]
        return _result(concat(shapes, axis_of(shapes), NP), tensors, call.node)
    return rule


api("numpy.vstack")(_stacked(lambda s: s if len(s) >= 2 else (1,) * (2 - len(s)) + s, lambda shapes: 0))
api("numpy.hstack")(_stacked(lambda s: s or (1,), lambda shapes: 0 if shapes and len(shapes[0]) == 1 else 1))
# column_stack: vectors become columns; dstack: atleast_3d, a vector (n,) as (1, n, 1), a matrix gets an axis.
api("numpy.column_stack")(_stacked(lambda s: (s or (1,)) + (1,) if len(s) < 2 else s, lambda shapes: 1))
api("numpy.dstack")(_stacked(lambda s: (1,) * (len(s) < 2) + (s or (1,)) + (1,) * (len(s) < 3), lambda shapes: 2))


def stack(shapes: list[Shape], axis: int, flavour: str) -> Shape:
    if not shapes:
        if flavour == NP:
            raise OpError("need at least one array to stack")
        raise Unknowable
    first, rank = shapes[0], len(shapes[0]) + 1
    if flavour != NP:  # tf.stack and Keras check the axis first, NumPy the shapes
        if flavour == KERAS:
            _keras_axis(axis, rank)
        elif not -rank <= axis < rank:
            raise OpError(f"Argument `axis` = {axis} not in range [{-rank}, {rank})")
    for i, shape in enumerate(shapes[1:], 1):
        if len(shape) != len(first) or any(_differ(x, y) for x, y in zip(first, shape)):
            if flavour == NP:
                raise OpError("all input arrays must have the same shape")
            if flavour == KERAS:
                raise OpError(f"Every value in `x` must have the same shape. But found element of shape {tuple(shape)},"
                              f"  which is different from the first element's shape {tuple(first)}.")
            raise _tf_error(f"Shapes of all inputs must match: values[0].shape = {_tf(first)} != "
                            f"values[{i}].shape = {_tf(shape)}", "Pack")
    if not -rank <= axis < rank:  # NumPy's turn: the others have checked the axis above
        raise _np_axis_error(axis, rank)
    axis %= rank
    return first[:axis] + (len(shapes),) + first[axis:]


def _stack_call(family: str, values: tuple[str, int]) -> Callable:
    def rule(call) -> Any:
        if isinstance(call.get(*values), Grown):
            return _grown(call.get(*values), call.get("axis", 1, 0), True, call.node)
        tensors = _operands(call.get(*values))
        flavour = _flavour(family, tensors)
        axis = _an_int(call.get("axis", 1, 0))
        dtype = _list_dtype(call, flavour, values, tensors, "Pack")
        shape = _combined(call.interp, flavour, tensors, lambda: stack([t.shape for t in tensors], axis, flavour))
        result = _result(shape, tensors, call.node)
        result.dtype = dtype
        return result
    return _guarded(rule)


api("tensorflow.stack")(_stack_call(TF, ("values", 0)))
api("numpy.stack")(_stack_call(NP, ("arrays", 0)))
api("keras.ops.stack")(_stack_call(KERAS, ("x", 0)))


# ---- reductions ---------------------------------------------------------------------------------

TF_REDUCTIONS = {"sum": "Sum", "mean": "Mean", "max": "Max", "min": "Min", "prod": "Prod"}


def reduce(shape: Shape, axis: Any, keepdims: bool, flavour: str, tf_op: str) -> Shape:
    rank = len(shape)
    if axis is None:
        axes = list(range(rank))
    elif _int(axis):
        if flavour == NP and rank == 0 and axis in (0, -1) and tf_op != "Mean":  # as ufuncs reduce a 0-d array
            return ()
        axes = [axis]
    elif isinstance(axis, list) and flavour == NP:
        raise Unknowable  # a TypeError: NumPy takes an int or a tuple
    else:
        axes = _ints(axis)
    if flavour in (TF, KERAS_EAGER):
        seen: set[int] = set()
        for a in axes:
            if not -rank <= a < rank:
                raise _tf_error(f"Invalid reduction dimension ({a} for input with {rank} dimension(s)", tf_op)
            if a % rank in seen:
                raise _tf_error(f"Invalid reduction arguments: Axes contains duplicate dimension: {a % rank}", tf_op)
            seen.add(a % rank)
    elif flavour == NP:
        for a in axes:
            if not -rank <= a < rank:
                raise _np_axis_error(a, rank)
        if len({a % rank for a in axes}) < len(axes):
            raise OpError("duplicate value in 'axis'")
    else:
        for a in axes:
            _keras_axis(a, rank)
        if len({a % rank for a in axes}) < len(axes) and not keepdims:
            # Keras deletes a repeated axis once per mention, by position
            dims = list(shape)
            for a in sorted((a % rank for a in axes), reverse=True):
                if a >= len(dims):
                    raise Unknowable  # an IndexError
                del dims[a]
            return tuple(dims)
    reduced = {a % rank for a in axes}
    if keepdims:
        return tuple(1 if i in reduced else d for i, d in enumerate(shape))
    return tuple(d for i, d in enumerate(shape) if i not in reduced)


def _reduce_call(family: str, tf_op: str, method_form: bool = False) -> Callable:
    def rule(*args) -> Any:
        call = args[-1]
        if len(call.args) > (1 if method_form else 2):
            raise Unknowable  # keepdims or NumPy's dtype/out given by position
        if method_form:
            tensor, axis = args[0], call.get("axis", 0)
        else:
            tensor = _operand(call.get("input_tensor", 0, call.get("a", 0, call.get("x", 0))))
            axis = call.get("axis", 1)
        flavour = _flavour(family, [tensor])
        if tf_op in ("Max", "Min") and flavour in (NP, KERAS_EAGER) and 0 in tensor.shape:
            raise Unknowable  # no identity to start from: NumPy and Keras raise, with the values' wording
        keepdims = _flag(call.get("keepdims", None, False))
        result = _result(reduce(tensor.shape, axis, keepdims, flavour, tf_op), [tensor], call.node)
        if flavour != TF and tf_op not in ("Max", "Min") and result.dtype not in dtypes.FLOATS:
            result.dtype = None  # NumPy sums small integers in int64 and averages them in float64
        return result
    return _guarded(rule)


for _name, _tf_op in TF_REDUCTIONS.items():
    api(f"tensorflow.reduce_{_name}", f"tensorflow.math.reduce_{_name}")(_reduce_call(TF, _tf_op))
    api(f"numpy.{_name}")(_reduce_call(NP, _tf_op))
    api(f"keras.ops.{_name}")(_reduce_call(KERAS, _tf_op))
    method(Tensor, _name)(_reduce_call(NP, _tf_op, method_form=True))
for _name in ("std", "var"):  # computed from a mean: NumPy checks the axes as for mean
    api(f"numpy.{_name}")(_reduce_call(NP, "Mean"))
    method(Tensor, _name)(_reduce_call(NP, "Mean", method_form=True))
api("numpy.amax")(_reduce_call(NP, "Max"))
api("numpy.amin")(_reduce_call(NP, "Min"))


def argmax(shape: Shape, axis: Any, keepdims: bool, flavour: str, tf_op: str) -> Shape:
    if 0 in shape:
        raise Unknowable  # an empty sequence has no argmax: a value error in each library
    rank = len(shape)
    if axis is None and flavour != TF:
        return (1,) * rank if keepdims else ()
    axis = _an_int(0 if axis is None else axis)
    if flavour == NP:
        if not -max(rank, 1) <= axis < max(rank, 1):  # a 0-d array counts as 1-d
            raise _np_axis_error(axis, max(rank, 1))
        if rank == 0:
            return ()
    elif flavour == KERAS:
        _keras_axis(axis, rank)
    elif not -rank <= axis < rank:
        raise _tf_error(f"Expected dimension in the range [{-rank}, {rank}), but got {axis}", tf_op)
    axis %= rank
    return shape[:axis] + ((1,) if keepdims else ()) + shape[axis + 1:]


def _argmax_call(family: str, tf_op: str, method_form: bool = False) -> Callable:
    dtype = {TF: "int64", NP: "int64", KERAS: "int32"}[family]

    def rule(*args) -> Any:
        call = args[-1]
        if method_form:
            tensor, axis = args[0], call.get("axis", 0)
        else:
            tensor = _operand(call.get("input", 0, call.get("a", 0, call.get("x", 0))))
            axis = call.get("axis", 1)
        flavour = _flavour(family, [tensor])
        keepdims = _flag(call.get("keepdims", None, False))
        if flavour == TF and keepdims:
            raise Unknowable  # tf.argmax has no keepdims
        return _result(argmax(tensor.shape, axis, keepdims, flavour, tf_op), [tensor], call.node, dtype)
    return _guarded(rule)


for _name, _tf_op in (("argmax", "ArgMax"), ("argmin", "ArgMin")):
    api(f"tensorflow.{_name}", f"tensorflow.math.{_name}")(_argmax_call(TF, _tf_op))
    api(f"numpy.{_name}")(_argmax_call(NP, _tf_op))
    api(f"keras.ops.{_name}")(_argmax_call(KERAS, _tf_op))
    method(Tensor, _name)(_argmax_call(NP, _tf_op, method_form=True))


# ---- gather / take ------------------------------------------------------------------------------

def _check_indices(indices: Tensor, flavour: str) -> None:
    # Float indices are a dtype error; a KerasTensor's dtype is not followed.
    if flavour != KERAS and indices.dtype and "float" in indices.dtype:
        raise Unknowable


def gather(params: Shape, indices: Shape, axis: int | None, batch_dims: int) -> Shape:
    """tf.gather: params[:axis] + indices[batch_dims:] + params[axis + 1:], the checks in the
    kernel's order."""
    op = "GatherV2"
    axis = batch_dims if axis is None else axis
    if axis == 0:  # tf.gather leaves batch_dims out then
        batch_dims = 0
    if not params:
        raise _tf_error("params must be at least 1 dimensional", op)
    rank, index_rank = len(params), len(indices)
    if not -rank <= axis < rank:
        raise _tf_error(f"Shape must be at least rank {axis + 1 if axis >= 0 else -axis} but is rank {rank}", op)
    axis %= rank
    if not -index_rank <= batch_dims <= index_rank:
        raise _tf_error(f"Expected batch_dims in the range [{-index_rank}, {index_rank}], but got {batch_dims}", op)
    if batch_dims < 0:
        batch_dims += index_rank
    if batch_dims >= rank:
        raise _tf_error(f"batch_dims ({batch_dims}) must be less than rank(params) ({rank}).", op)
    if batch_dims > axis:
        raise _tf_error(f"batch_dims ({batch_dims}) must be less than or equal to axis ({axis}).", op)
    for i in range(batch_dims):
        if _differ(params[i], indices[i]):
            raise _tf_error(f"params.shape[{i}]: {params[i]} should be equal to indices.shape[{i}]: {indices[i]}", op)
    return params[:axis] + indices[batch_dims:] + params[axis + 1:]


@api("tensorflow.gather")
@_guarded
def tf_gather(call) -> Any:
    params = _operand(call.get("params", 0))
    indices = _operand(call.get("indices", 1))
    _check_indices(indices, _flavour(TF, [params, indices]))
    axis = call.get("axis", 3)
    if axis is not None:
        axis = _an_int(axis)
    shape = gather(params.shape, indices.shape, axis, _an_int(call.get("batch_dims", 4, 0)))
    return _result(shape, [params], call.node)


def _take_call(family: str) -> Callable:
    """np.take / keras.ops.take: without an axis, from the flattened tensor."""
    def rule(call) -> Any:
        tensor = _operand(call.get("a", 0, call.get("x", 0)))
        indices = _operand(call.get("indices", 1))
        flavour = _flavour(family, [tensor, indices])
        _check_indices(indices, flavour)
        axis = call.get("axis", 2)
        if axis is None:
            return _result(indices.shape, [tensor], call.node)
        axis, rank = _an_int(axis), len(tensor.shape)
        if flavour == KERAS:
            _keras_axis(axis, rank)
        elif not -rank <= axis < rank:
            if flavour == NP:
                raise _np_axis_error(axis, rank)
            raise Unknowable  # the TensorFlow backend fails indexing the shape
        axis %= rank
        return _result(tensor.shape[:axis] + indices.shape + tensor.shape[axis + 1:], [tensor], call.node)
    return _guarded(rule)


api("numpy.take")(_take_call(NP))
api("keras.ops.take")(_take_call(KERAS))


# ---- split --------------------------------------------------------------------------------------

def tf_split(shape: Shape, sections: Any, axis: int) -> list[Shape]:
    """tf.split: a number of equal parts (Split), or a list of sizes with at most one -1 (SplitV)."""
    rank = len(shape)
    op = "Split" if _int(sections) else "SplitV"
    sizes = [] if _int(sections) else _ints(sections)
    if op == "Split" and sections < 1 or op == "SplitV" and not sizes:
        raise Unknowable  # an attribute error
    if not -rank <= axis < rank:
        raise _tf_error(f"-input rank(-{rank}) <= split_dim < input rank ({rank}), but got {axis}", op)
    axis %= rank
    size = shape[axis]
    if op == "Split":
        if size is not None and size % sections:
            raise _tf_error("Number of ways to split should evenly divide the split dimension, but got split_dim "
                            f"{axis} (size = {size}) and num_split {sections}", op)
        sizes = [None if size is None else size // sections] * sections
    elif len(sizes) == 1:
        if size is not None and sizes[0] != size:
            raise _tf_error("If there is only one output, it must have the same size as the input. Input size: "
                            f"{size} output size: {sizes[0]}", op)
        sizes = [size]
    else:
        if sizes.count(-1) > 1:
            raise _tf_error("There can only be one -1 in the input.", op)
        if size is None and min(sizes) < -1:
            raise Unknowable  # it fails, on the total or on that size
        known = sum(s for s in sizes if s != -1)
        if size is not None and (known > size if -1 in sizes else known != size):
            raise _tf_error("Determined shape must either match input shape along split_dim exactly if fully "
                            "specified, or be less than the size of the input along split_dim if not fully "
                            f"specified.  Got: {known}", op)
        sizes = [(None if size is None else size - known) if s == -1 else s for s in sizes]
        for i, s in enumerate(sizes):
            if s is not None and s < 0:
                raise _tf_error(f"Split size at index {i} must be >= 0. Got: {s}", op)
    return [shape[:axis] + (s,) + shape[axis + 1:] for s in sizes]


def np_split(shape: Shape, sections: Any, axis: int, flavour: str, equal: bool = True) -> list[Shape]:
    """np.split / np.array_split / keras.ops.split: a number of parts, or the indices to split at."""
    if flavour == KERAS_EAGER and _int(sections):  # the TensorFlow backend calls tf.split
        return tf_split(shape, sections, axis)
    rank = len(shape)
    if flavour == KERAS:
        _keras_axis(axis, rank)
    elif not -rank <= axis < rank:
        raise Unknowable  # an IndexError, from indexing the shape
    axis %= rank
    size = shape[axis]
    if _int(sections):
        if sections < 1:
            raise Unknowable
        if size is None:
            sizes = [None] * sections
        elif size % sections and equal:
            if flavour == NP:
                raise OpError("array split does not result in an equal division")
            raise OpError("`x` size on given `axis` must be divisible by `indices_or_sections` when "
                          f"`indices_or_sections` is an int. But received {size} and {sections}.")
        else:
            each, extra = divmod(size, sections)
            sizes = [each + 1] * extra + [each] * (sections - extra)
    else:
        points = _ints(sections)
        if size is None:
            raise Unknowable
        if flavour == NP:  # slices, as Python takes them
            sizes = [len(range(size)[start:end]) for start, end in itertools.pairwise([0, *points, size])]
        elif all(0 <= p <= q <= size for p, q in itertools.pairwise([0, *points, size])):
            sizes = [q - p for p, q in itertools.pairwise([0, *points, size])]
        else:
            raise Unknowable  # Keras would build negative sizes
    return [shape[:axis] + (s,) + shape[axis + 1:] for s in sizes]


def _split_call(family: str, sections: tuple[str, int], equal: bool = True) -> Callable:
    def rule(call) -> Any:
        tensor = _operand(call.get("value", 0, call.get("ary", 0, call.get("x", 0))))
        flavour = _flavour(family, [tensor])
        parts = call.get(*sections)
        axis = _an_int(call.get("axis", 2, 0))
        if flavour == TF:
            shapes = tf_split(tensor.shape, parts, axis)
        else:
            shapes = np_split(tensor.shape, parts, axis, flavour, equal)
        return [_result(shape, [tensor], call.node) for shape in shapes]
    return _guarded(rule)


api("tensorflow.split")(_split_call(TF, ("num_or_size_splits", 1)))
api("numpy.split")(_split_call(NP, ("indices_or_sections", 1)))
api("numpy.array_split")(_split_call(NP, ("indices_or_sections", 1), equal=False))
api("keras.ops.split")(_split_call(KERAS, ("indices_or_sections", 1)))


# ---- tile ---------------------------------------------------------------------------------------

def tile(shape: Shape, repeats: Any, flavour: str) -> Shape:
    if flavour == TF:
        multiples = _ints(repeats)
        if len(multiples) != len(shape):
            raise _tf_error(f"Expected multiples argument to be a vector of length {len(shape)} but got length "
                            f"{len(multiples)}", "Tile")
        for i, m in enumerate(multiples):
            if m < 0:
                raise _tf_error(f"Expected multiples[{i}] >= 0, but got {m}", "Tile")
    else:  # NumPy's: the shorter of the shape and the repeats is padded with leading 1s
        multiples = [repeats] if _int(repeats) else _ints(repeats)
        if any(m < 0 for m in multiples):
            raise Unknowable
        rank = max(len(shape), len(multiples))
        shape = (1,) * (rank - len(shape)) + shape
        multiples = [1] * (rank - len(multiples)) + multiples
    return tuple(None if d is None else d * m for d, m in zip(shape, multiples))


def _tile_call(family: str, repeats: tuple[str, int]) -> Callable:
    def rule(call) -> Any:
        tensor = _operand(call.get("input", 0, call.get("A", 0, call.get("x", 0))))
        flavour = _flavour(family, [tensor])
        return _result(tile(tensor.shape, call.get(*repeats), flavour), [tensor], call.node)
    return _guarded(rule)


api("tensorflow.tile")(_tile_call(TF, ("multiples", 1)))
api("numpy.tile")(_tile_call(NP, ("reps", 1)))
api("keras.ops.tile")(_tile_call(KERAS, ("repeats", 1)))


# ---- transposes ---------------------------------------------------------------------------------

def swapaxes(shape: Shape, axis1: int, axis2: int, flavour: str) -> Shape:
    rank = len(shape)
    for name, axis in (("axis1", axis1), ("axis2", axis2)):
        if flavour == NP and not -rank <= axis < rank:
            raise OpError(f"{name}: {_np_axis_error(axis, rank)}")
        _keras_axis(axis, rank)  # Keras's check; NumPy's has passed
    dims = list(shape)
    dims[axis1], dims[axis2] = dims[axis2], dims[axis1]
    return tuple(dims)


def _swapaxes_call(family: str, method_form: bool = False) -> Callable:
    def rule(*args) -> Any:
        call = args[-1]
        tensor = args[0] if method_form else _operand(call.get("a", 0, call.get("x", 0)))
        first = 0 if method_form else 1
        flavour = _flavour(family, [tensor])
        axis1, axis2 = _an_int(call.get("axis1", first)), _an_int(call.get("axis2", first + 1))
        return _result(swapaxes(tensor.shape, axis1, axis2, flavour), [tensor], call.node)
    return _guarded(rule)


api("numpy.swapaxes")(_swapaxes_call(NP))
api("keras.ops.swapaxes")(_swapaxes_call(KERAS))
method(Tensor, "swapaxes")(_swapaxes_call(NP, method_form=True))


@api("tensorflow.linalg.matrix_transpose", "tensorflow.linalg.adjoint", "numpy.matrix_transpose")
@_guarded
def matrix_transpose(call) -> Any:
    tensor = _operand(call.get("a", 0, call.get("matrix", 0, call.get("x", 0))))
    _flavour(TF, [tensor])  # neither library takes a KerasTensor
    if len(tensor.shape) < 2:
        raise Unknowable  # the libraries word this with the tensor's values
    return _result(tensor.shape[:-2] + tensor.shape[:-3:-1], [tensor], call.node)


@api("numpy.permute_dims")
def permute_dims(call) -> Any:
    return _transpose(call.get("a", 0), call.get("axes", 1), call.node)


# ---- quick fixes at the code that made an operand: weights, reductions, layers, inputs ----------

def _weight_shape(interp, value: Any) -> ast.Tuple | ast.List | None:
    """The shape literal of a weight made here by `self.add_weight(shape=(...))`, one element per axis."""
    node = value.node if isinstance(value, Tensor) and value.shape is not None else None
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "add_weight"
            and module_of(node) is None):
        return None
    shape = next((k.value for k in node.keywords if k.arg == "shape"), node.args[0] if node.args else None)
    if not isinstance(shape, (ast.Tuple, ast.List)) or len(shape.elts) != len(value.shape) or not all(
            _editable(interp, e) and not isinstance(e, ast.Starred) for e in shape.elts):
        return None
    return shape


def _input_shape_parameter(interp, weight: ast.AST) -> str | None:
    """The parameter `build(self, input_shape)` takes the input's shape as, when the weight is made there."""
    build = interp.enclosing(weight, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))
    if not isinstance(build, ast.FunctionDef) or build.name != "build" or \
            not isinstance(interp.enclosing(build, (ast.FunctionDef, ast.ClassDef)), ast.ClassDef):
        return None
    parameters = build.args.posonlyargs + build.args.args
    return parameters[1].arg if len(parameters) == 2 else None


def _kernel_fixes(interp, a: Shape, kernel: Any) -> list:
    """`inputs @ kernel` where build() made the kernel with another first axis than the input's last:
    size it from the input's shape, as Dense does."""
    shape = _weight_shape(interp, kernel)
    if shape is None or len(shape.elts) < 2 or not a or not _differ(a[-1], kernel.shape[-2]):
        return []
    parameter = _input_shape_parameter(interp, shape)
    element = shape.elts[-2]
    text = f"{parameter}[-1]"
    if parameter is None or interp.source.snippet(element, 10**6) == text:
        return []
    return [fixes.replace_node(interp.source, element, text, f"Size the weight from the input's last axis: {text}",
                               preferred=True, speculative=True)]


def _looked_up(interp, node: ast.AST, at: ast.AST) -> Any:
    """The value of a name or attribute (`self.w`) written in the function running `at`: looked up
    again, nothing is called."""
    chain = node
    while isinstance(chain, ast.Attribute):
        chain = chain.value
    scope = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.Module)
    if not isinstance(chain, ast.Name) or module_of(node) is not None \
            or interp.enclosing(node, scope) is not interp.enclosing(at, scope):
        return UNKNOWN
    return interp.eval(node, interp.frames[-1].env)


def _matmul_right(node: ast.AST | None) -> ast.AST | None:
    """The right operand as written in `a @ b` or `matmul(a, b)`."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.MatMult):
        return node.right
    if isinstance(node, ast.Call) and isinstance(node.func, (ast.Attribute, ast.Name)) and \
            (node.func.attr if isinstance(node.func, ast.Attribute) else node.func.id) == "matmul":
        written = {k.arg: k.value for k in node.keywords}
        return written.get("b", written.get("x2", node.args[1] if len(node.args) > 1 else None))
    return None


def _bias_fixes(interp, values: list, node: ast.AST) -> list:
    """`matmul(x, kernel) + bias` where build() made the bias of another size than the kernel's output
    axis: size it with the expression the kernel's shape uses there."""
    result = []
    for bias, product in (values, values[::-1]):
        shape = _weight_shape(interp, bias)
        if shape is None or not isinstance(product, Tensor) or product.shape is None \
                or len(product.shape) < len(bias.shape) or not bias.shape:
            continue
        aligned = product.shape[len(product.shape) - len(bias.shape):]
        wrong = [i for i, (x, y) in enumerate(zip(bias.shape, aligned)) if _differ(x, y) and 1 not in (x, y)]
        right = _matmul_right(product.node)
        kernel = _looked_up(interp, right, node) if wrong == [len(bias.shape) - 1] and right is not None else None
        kernel_shape = _weight_shape(interp, kernel)
        if kernel_shape is None or not kernel_shape.elts or kernel.shape[-1] != aligned[-1]:
            continue
        text = interp.source.snippet(kernel_shape.elts[-1], 10**6)
        result.append(fixes.replace_node(interp.source, shape.elts[-1], text,
                                         f"Size the bias like the kernel's output: {text}", preferred=True,
                                         speculative=True))
    return result


def _reduction(interp, node: ast.AST | None) -> str | None:
    """A reduction written with an axis and without keepdims (`x.mean(axis=1)`, `tf.reduce_max(x, 1)`):
    the text of its axis."""
    if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute) or node.func.attr not in _REDUCTIONS \
            or any(k.arg in (None, "keepdims") for k in node.keywords) or not _editable(interp, node):
        return None
    position = int(isinstance(_looked_up(interp, node.func.value, node), ApiRef))  # np.mean(x, 1) or x.mean(1)
    axis = next((k.value for k in node.keywords if k.arg == "axis"),
                node.args[position] if len(node.args) == position + 1 else None)
    if axis is None or len(node.args) > position + 1:  # keepdims given by position, or NumPy's dtype/out
        return None
    return interp.source.snippet(axis, 10**6)


def _keepdims_fixes(interp, values: list, nodes: tuple) -> list:
    """An operand that a reduction left without the axis the other operand has, as when standardising
    `(x - x.mean(axis=1)) / x.std(axis=1)`: keep the axis in it and in the statement's other reductions
    along that axis, so that each of its operations broadcasts."""
    ranks = [len(value.shape) if isinstance(value, Tensor) and value.shape is not None else None for value in values]
    written = [node for value, node, rank, other in zip(values, nodes, ranks, ranks[::-1])
               if rank is not None and other == rank + 1 and value.node is node and _reduction(interp, node) is not None]
    statement = interp.enclosing(written[0], ast.stmt) if written else None
    if statement is None:
        return []
    reduction = _reduction(interp, written[0])
    calls = [n for n in ast.walk(statement) if isinstance(n, ast.Call) and _reduction(interp, n) == reduction
             and interp.enclosing(n, ast.stmt) is statement]
    edits = [fixes.set_keyword(interp.source, call, None, "keepdims", "True", "").edits[0] for call in calls]
    return [Fix("Keep the reduced axis (keepdims=True)", tuple(edits), preferred=True, speculative=True)]


def _channels_fixes(interp, values: list, node: ast.AST) -> list:
    """Tensors that differ in their channels only, as in a residual `h + x` of a subclassed model: give
    the layer that made one the other's channel count, where that layer is created (as SL106 does for
    a functional model's Add)."""
    result = []
    for made, other in (values, values[::-1]):
        if not isinstance(made, Tensor) or not isinstance(other, Tensor) or made.shape is None \
                or other.shape is None or len(made.shape) != len(other.shape) or not made.shape \
                or not _differ(made.shape[-1], other.shape[-1]) \
                or any(_differ(x, y) for x, y in zip(made.shape[:-1], other.shape[:-1])):
            continue
        call = made.node if isinstance(made.node, ast.Call) else None
        layer = _looked_up(interp, call.func, node) if call is not None else None
        argument = CHANNELS.get(layer.kind) if isinstance(layer, Layer) else None
        written = layer.arg_nodes.get(argument) if argument else None
        if written is None or not _editable(interp, written) or not _editable(interp, layer.node):
            continue
        want = other.shape[-1]
        result.append(fixes.replace_node(interp.source, written, str(want),
                                         f"Set {layer.kind} '{layer.name}' to {want} {argument}", preferred=True,
                                         speculative=True))
    return result


def _declared_fixes(interp, values: list) -> list:
    """An operand that is a keras.Input of a size on one axis that the other operand does not have:
    declare that size in the Input's shape literal (the right operand's Input first)."""
    result = []
    for declared, other in (values[::-1], values):
        written = declared.declared_at if isinstance(declared, Tensor) and declared.shape else None
        if not isinstance(written, (ast.Tuple, ast.List)) or not isinstance(other, Tensor) or other.shape is None \
                or len(other.shape) != len(declared.shape) or len(written.elts) != len(declared.shape) - 1 \
                or module_of(written) is not None:
            continue
        wrong = [j for j, (x, y) in enumerate(zip(declared.shape, other.shape)) if _differ(x, y) and 1 not in (x, y)]
        element = written.elts[wrong[0] - 1] if len(wrong) == 1 and wrong[0] > 0 else None
        if not (isinstance(element, ast.Constant) and _int(element.value)):
            continue
        want = other.shape[wrong[0]]
        new = format_shape(tuple(declared.shape[1:wrong[0]]) + (want,) + tuple(declared.shape[wrong[0] + 1:]))
        title = f"Declare the input shape {new} instead of {format_shape(declared.shape[1:])}"
        result.append(fixes.replace_node(interp.source, element, str(want), title, preferred=True, speculative=True))
    return result


def _broadcast_fixes(interp, values: list, shapes: tuple[Shape, Shape], nodes: tuple, node: ast.AST) -> list:
    """Fixes for operands that do not broadcast: at the code that made them, then at the operands."""
    return [*_bias_fixes(interp, values, node), *_keepdims_fixes(interp, values, nodes),
            *_channels_fixes(interp, values, node), *_declared_fixes(interp, values),
            *_axis_fixes(interp, *shapes, nodes)]


_POOLINGS = frozenset(f"{mode}Pooling{rank}D" for mode in ("Max", "Average") for rank in (1, 2, 3))
_WINDOW = ("pool_size", "strides", "padding")


def _global_pool_fixes(call, tensors: list[Tensor]) -> list:
    """Image features joined with vectors: the pooling layer that made the image features pools
    globally, to one vector per sample, where it is created."""
    result = []
    for tensor in tensors:
        others = [t for t in tensors if t is not tensor]
        made = tensor.node if isinstance(tensor.node, ast.Call) else None
        layer = _looked_up(call.interp, made.func, call.node) if made is not None else None
        if not isinstance(layer, Layer) or layer.kind not in _POOLINGS or not isinstance(layer.node, ast.Call) \
                or len(tensor.shape) != int(layer.kind[-2]) + 2 or any(len(t.shape) != 2 for t in others) \
                or len(layer.node.args) > len(_WINDOW) or not _editable(call.interp, layer.node) \
                or any(k.arg not in (*_WINDOW, "name", "data_format") for k in layer.node.keywords):
            continue
        kind = f"Global{layer.kind}"
        spelled = fixes.layer_spelling(call.interp.source, call.interp.frames[0].env, layer.node.func, kind)
        kept = [call.interp.source.snippet(k, 10**6) for k in layer.node.keywords if k.arg not in _WINDOW]
        if spelled is not None:  # global pooling has no window
            result.append(fixes.replace_node(call.interp.source, layer.node, f"{spelled}({', '.join(kept)})",
                                             f"Pool globally: {kind}", preferred=True, speculative=True))
    return result


def tensor_binary(interp, op: ast.operator, left: Any, right: Any, node: ast.AST) -> Any:
    """Arithmetic between tensors and scalars (x / 255.0, a + b) and the `@` product."""
    tensors = [v for v in (left, right) if isinstance(v, Tensor)]
    others = [v for v in (left, right) if not isinstance(v, Tensor)]
    if any(not isinstance(v, (int, float)) for v in others):
        return UNKNOWN
    if len(tensors) == 1 and not isinstance(op, ast.MatMult):
        return operator_with_number(interp, op, left, right, node)
    return apply_operator(interp, op, left, right, node)
