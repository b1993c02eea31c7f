"""Dtypes: what each library makes a value, and the mixes TensorFlow refuses.

TensorFlow never promotes. An operation brings its operands to one dtype, then its kernel checks
that they agree:
- the generated ops (tf.subtract, tf.multiply, tf.concat, `-`, `*`, ...) take the first tf.Tensor's
  dtype and convert the other operands to it: a NumPy array silently, a Python float into an
  integer tensor not at all ("Cannot convert 0.5 to EagerTensor of dtype int32");
- tf.add, `+`, tf.matmul and `@` convert their first operand on its own and only hint the second
  towards it: a Python float stays float32, and the kernel refuses the mix;
- `/` checks the dtypes itself ("`x` and `y` must have the same dtype"), then divides integers in
  floating point (float32 up to 16 bits, float64 above).
A reflected operator (`0.5 * t`, `array @ t`) converts the other operand to the tensor's dtype.
NumPy promotes (Python scalars are weak), and so does keras.ops. Measured with TensorFlow 2.21 and
NumPy 2.4; tests/engine/test_dtypes.py compares the rules with both.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any

from ..calls import builtin_name
from ..fixes import replace_node
from ..modules import module_of
from ..values import ApiRef, Tensor, imported

INTS = ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")
FLOATS = ("float16", "float32", "float64")
# TensorFlow's names for them in kernel messages.
KERNEL_NAMES = {"float16": "half", "float32": "float", "float64": "double", **{name: name for name in INTS}}
_INT32 = range(-2**31, 2**31)

# Aliases the libraries accept for a dtype argument; names they do not know give None.
_NUMPY_ALIASES = {"float": "float64", "double": "float64", "single": "float32", "half": "float16", "int": "int64",
                  "int_": "int64", "intc": "int32", "bool_": "bool", "f8": "float64", "f4": "float32",
                  "i8": "int64", "i4": "int32", "u1": "uint8"}
_TF_ALIASES = {"float": "float32", "double": "float64", "half": "float16"}


def dtype_name(value: Any, library: str | None = None) -> str | None:
    """A dtype argument (`"float32"`, `tf.float32`, `np.uint8`, `float`) as the library reads it;
    None when that is not certain (an alias whose meaning depends on the library, when it is not
    known)."""
    if isinstance(value, ApiRef):
        value = value.path.rsplit(".", 1)[-1]
    else:
        builtin = builtin_name(value) if builtin_name(value) in ("float", "int", "bool") else None
        if builtin is None and not isinstance(value, str):
            return None
        value = builtin or value
    if value in INTS or value in FLOATS or value == "bool" or (value == "object" and library == "numpy"):
        return value
    aliases = {"numpy": _NUMPY_ALIASES, "tensorflow": _TF_ALIASES}.get(library or "", {})
    return aliases.get(value)


def stamp(result: Any, library: str | None, node: ast.AST) -> Any:
    """Record which library made the tensors a call just created (made at `node`, not yet known):
    a tf.Tensor or an ndarray. A Python literal's "int"/"float" becomes that library's dtype."""
    if library is None:
        return result
    if isinstance(result, (tuple, list)):
        for item in result:
            stamp(item, library, node)
    elif isinstance(result, Tensor) and result.node is node and result.library is None and not result.symbolic:
        result.library = library
        result.dtype = literal_dtype(result.dtype, library)
    return result


def literal_dtype(dtype: str | None, library: str | None) -> str | None:
    """Python literals' dtype in a library: int32/float32 in TensorFlow, int64/float64 in NumPy."""
    if dtype not in ("int", "float"):
        return dtype
    bits = {"tensorflow": "32", "numpy": "64"}.get(library or "")
    return dtype + bits if bits else None


# ---- NumPy's promotion --------------------------------------------------------------------------

def _kind_bits(dtype: str) -> tuple[str, int]:
    kind = "u" if dtype.startswith("uint") else "i" if dtype.startswith("int") else "f"
    return kind, int(dtype.lstrip("uintfloa"))


def numpy_promote(a: str | None, b: str | None) -> str | None:
    """np.result_type of two numeric dtypes (None if either is not a known numeric one)."""
    if a not in INTS + FLOATS or b not in INTS + FLOATS:
        return None
    (ka, ba), (kb, bb) = _kind_bits(a), _kind_bits(b)
    if ka == kb:
        return a if ba >= bb else b
    if "f" in (ka, kb):
        (fb, ib) = (ba, bb) if ka == "f" else (bb, ba)
        return f"float{max(fb, {8: 16, 16: 32}.get(ib, 64))}"
    (ub, sb) = (ba, bb) if ka == "u" else (bb, ba)
    if sb > ub:
        return f"int{sb}"
    return f"int{2 * ub}" if ub < 64 else "float64"


def numpy_with_scalar(dtype: str | None, scalar: Any) -> str | None:
    """An array's dtype after an operation with a Python number (a weak scalar in NumPy 2)."""
    if dtype not in INTS + FLOATS or isinstance(scalar, bool):
        return None
    if isinstance(scalar, float):
        return dtype if dtype in FLOATS else "float64"
    if dtype in FLOATS or dtype == "int64" and scalar in range(-2**63, 2**63):
        return dtype
    return None  # an integer that may not fit: NumPy raises OverflowError


def true_division(dtype: str | None, library: str) -> str | None:
    """The dtype `/` gives: TensorFlow divides small integers in float32, the others in float64."""
    if dtype in FLOATS:
        return dtype
    if dtype not in INTS:
        return None
    if library == "numpy":
        return "float64"
    return "float32" if _kind_bits(dtype)[1] <= 16 else "float64"


# ---- TensorFlow's conversions -------------------------------------------------------------------

class Mismatch(Exception):
    """TensorFlow refuses the dtypes: its message, and the operand a cast would repair (its node
    and the dtype to cast it to), when there is one."""

    def __init__(self, message: str, culprit: ast.AST | None = None, target: str | None = None,
                 when_traced: bool = False):
        super().__init__(message)
        self.message, self.culprit, self.target = message, culprit, target
        self.when_traced = when_traced  # raised with these words in a traced graph too


class Undecided(Exception):
    """An operand whose dtype or kind is not certain: nothing is said about the dtypes."""


@dataclass
class Operand:
    kind: str  # "tensor" (tf.Tensor), "array" (ndarray), "scalar", "list" (of Python numbers)
    dtype: str  # a dtype; for scalars and lists "int" or "float"
    value: Any
    node: ast.AST | None
    rank: int = 0


def operand(value: Any, node: ast.AST | None) -> Operand:
    """An operand of a TensorFlow operation, or Undecided."""
    from .tensors import Ragged, _literal_array
    if isinstance(value, Tensor):
        kind = {"tensorflow": "tensor", "numpy": "array"}.get(value.library or "")
        if kind is None or value.symbolic or value.dtype not in INTS + FLOATS or value.shape is None:
            raise Undecided
        return Operand(kind, value.dtype, value, node, len(value.shape))
    if isinstance(value, bool) or isinstance(value, int) and value not in _INT32:
        raise Undecided  # a bool, or an int TensorFlow makes an int64
    if isinstance(value, int):
        return Operand("scalar", "int", value, node)
    if isinstance(value, float):
        return Operand("scalar", "float", value, node)
    if isinstance(value, (list, tuple)):
        try:
            array = _literal_array(value, None)
        except Ragged:
            raise Undecided from None
        if isinstance(array, Tensor) and array.dtype in ("int", "float") and array.shape is not None:
            return Operand("list", array.dtype, value, node, len(array.shape))
    raise Undecided


def alone(o: Operand) -> str:
    """Its dtype converted with nothing to go by."""
    return {"int": "int32", "float": "float32"}.get(o.dtype, o.dtype)


def _hinted(o: Operand, hint: str) -> str:
    """Converted with a dtype hint: arrays and fitting literals take it, others keep their own."""
    if o.kind == "tensor":
        return o.dtype
    if o.kind == "array" or o.dtype == "int" and hint in INTS + FLOATS or hint in FLOATS:
        return hint
    return alone(o)


def _forced(o: Operand, target: str) -> str:
    """Converted to `target` (a tensor is left as it is, for the kernel to check)."""
    if o.kind in ("tensor", "array"):
        return o.dtype if o.kind == "tensor" else target
    if o.dtype == "float" and target in INTS:
        if o.kind == "list":
            raise Undecided  # worded with the list's repr
        raise Mismatch(f"Cannot convert {o.value!r} to EagerTensor of dtype {target}", None, None)
    return target


# The dtypes every kernel here is registered for: others fail on the registration first.
KERNEL_DTYPES = ("int32", "int64", "float16", "float32", "float64")


def _kernel(kernel: str, op: str, index: int, expected: str, actual: str) -> str:
    if expected not in KERNEL_DTYPES:
        raise Undecided
    return (f"cannot compute {kernel} as input #{index}(zero-based) was expected to be a "
            f"{KERNEL_NAMES[expected]} tensor but is a {KERNEL_NAMES[actual]} tensor [Op:{op}]")


def _repair(a: Operand, b: Operand) -> tuple[ast.AST | None, str | None]:
    """Which of two clashing operands to cast, and to what: the integer one (or the one not in
    float32) to the other's floating dtype."""
    floats = [o for o in (a, b) if o.dtype in FLOATS]
    if not floats or a.kind == "array" or b.kind == "array":
        return None, None
    target = "float32" if any(o.dtype == "float32" for o in floats) else floats[0].dtype
    culprit = a if a.dtype != target else b
    return (culprit.node, target) if culprit.kind in ("tensor", "list") else (None, None)


def fast_path(op: str, operands: list[Operand], kernel: str | None = None) -> str:
    """A generated op: the first tf.Tensor's dtype (or the first operand's), the others forced to it."""
    tensors = [o for o in operands if o.kind == "tensor"]
    if not tensors and op == "Pack":
        raise Undecided  # tf.stack of arrays and lists picks a dtype of its own
    target = tensors[0].dtype if tensors else alone(operands[0])
    for o in operands:
        try:
            _forced(o, target)
        except Mismatch as error:  # a Python float met an integer tensor: cast the tensor
            raise (Mismatch(error.message, tensors[0].node, "float32") if tensors else error) from None
    for index, o in enumerate(operands):
        if o.kind == "tensor" and o.dtype != target:
            culprit, cast = _repair(tensors[0], o)
            raise Mismatch(_kernel(kernel or op, op, index, target, o.dtype), culprit, cast)
    return target


def first_then_hinted(op: str, x: Operand, y: Operand, kernel: str | None = None) -> str:
    """tf.add, `+`, tf.matmul, `@`: the first operand converted alone, the second hinted towards it."""
    dx, dy = alone(x), _hinted(y, alone(x))
    if dx != dy:
        culprit, cast = _repair(Operand(x.kind, dx, x.value, x.node), Operand(y.kind, dy, y.value, y.node))
        raise Mismatch(_kernel(kernel or op, op, 1, dx, dy), culprit, cast)
    return dx


def true_divide(x: Operand, y: Operand) -> str:
    """`x / y` with x a tensor (or tf.truediv): y hinted towards x, then both must agree."""
    dx, dy = alone(x), _hinted(y, alone(x))
    if dx != dy:
        culprit, cast = _repair(Operand(x.kind, dx, x.value, x.node), Operand(y.kind, dy, y.value, y.node))
        if culprit is None and y.kind == "scalar" and dx in INTS:
            culprit, cast = x.node, "float32"  # an integer tensor divided by a Python float
        raise Mismatch(f"`x` and `y` must have the same dtype, got tf.{dx} != tf.{dy}.", culprit, cast, True)
    return true_division(dx, "tensorflow")


# ---- reporting ----------------------------------------------------------------------------------

def traced(interp) -> bool:
    """Whether the code runs as TensorFlow traces it (a custom layer in a model, fit, tf.function,
    Dataset.map), where most of these errors are worded differently."""
    return bool(interp.graph_mode or interp.compiled_sites or interp.tracing)


def cast_fixes(interp, error: Mismatch) -> list:
    """`x` → `tf.cast(x, tf.float32)` on the operand to change, in this file, with the name it
    imported TensorFlow as."""
    alias = next((name for name, value in imported(interp.frames[0].env) if value.path == "tensorflow"), None)
    node = error.culprit
    if alias is None or node is None or module_of(node) is not None:
        return []
    text = interp.source.snippet(node, 10**6)
    if not text or "\n" in text:
        return []
    return [replace_node(interp.source, node, f"{alias}.cast({text}, {alias}.{error.target})",
                         f"Cast `{interp.source.snippet(node)}` to {error.target}", preferred=True)]


def tf_divide(operands: list[Operand]) -> str:
    """tf.divide: a first operand that is not a tensor is converted to the second's dtype, then `/`."""
    x, y = operands
    if x.kind != "tensor":
        dtype = _forced(x, y.dtype) if y.kind == "tensor" else alone(x)
        x = Operand("tensor", dtype, x.value, x.node, x.rank)
    return true_divide(x, y)
