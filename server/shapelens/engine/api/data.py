"""tf.data pipelines: element shapes through from_tensor_slices, batch and the shape-keeping steps."""
from __future__ import annotations

from typing import Any

from ..calls import CallArgs
from ..values import UNKNOWN, Dataset, Function, Tensor
from . import api, method
from .dtypes import literal_dtype


def _map_tensors(structure: Any, fn) -> Any:
    if isinstance(structure, Tensor):
        return fn(structure)
    if isinstance(structure, (tuple, list)):
        parts = [_map_tensors(s, fn) for s in structure]
        return UNKNOWN if any(p is UNKNOWN for p in parts) else tuple(parts)
    if isinstance(structure, dict):  # features by name (tensorflow_datasets)
        features = {key: _map_tensors(s, fn) for key, s in structure.items()}
        return UNKNOWN if any(f is UNKNOWN for f in features.values()) else features
    return UNKNOWN


@api("tensorflow.data.Dataset.from_tensor_slices")
def from_tensor_slices(call) -> Any:
    def element(t: Tensor) -> Any:  # a tf.Tensor, whatever it was made from
        if not t.shape:
            return UNKNOWN
        return Tensor(t.shape[1:], literal_dtype(t.dtype, "tensorflow"), t.node, library="tensorflow")
    structure = _map_tensors(call.get("tensors", 0), element)
    return UNKNOWN if structure is UNKNOWN else Dataset(structure, False, call.node)


@method(Dataset, "batch", "padded_batch")
def batch(dataset: Dataset, call) -> Any:
    def batched(t: Tensor) -> Any:
        return UNKNOWN if t.shape is None else Tensor((None,) + t.shape, t.dtype, t.node, origin=t.origin,
                                                       library=t.library)
    # Batching a batched dataset adds another leading axis (a batch of batches).
    structure = _map_tensors(dataset.element, batched)
    return UNKNOWN if structure is UNKNOWN else Dataset(structure, True, call.node,
                                                        call.node if dataset.batched else dataset.batched_again)


@method(Dataset, "shuffle", "prefetch", "cache", "repeat", "take", "skip", "shard", "with_options", "filter")
def keep(dataset: Dataset, call) -> Any:
    # A new dataset of the same elements: what a loader set on the old one (`class_names`) stays there.
    return Dataset(dataset.element, dataset.batched, dataset.node, dataset.batched_again)


@method(Dataset, "map")
def map_elements(dataset: Dataset, call) -> Any:
    """`ds.map(f)`: f runs (abstractly) on one element; a tuple element is passed as arguments."""
    function = call.get("map_func", 0)
    if not isinstance(function, Function):
        return UNKNOWN
    element = dataset.element
    # Each call gets its own dict of features: changing it never changes the dataset's element.
    args = list(element) if isinstance(element, tuple) else [dict(element) if isinstance(element, dict) else element]
    call.interp.tracing += 1  # the function is traced into a graph
    try:
        result = call.interp.call_function(function, CallArgs(call.interp, call.node, args, {}, [call.node] * len(args), {}))
    finally:
        call.interp.tracing -= 1
    structure = _map_tensors(result, lambda t: t)
    return UNKNOWN if structure is UNKNOWN else Dataset(structure, dataset.batched, call.node, dataset.batched_again)


@method(Dataset, "unbatch")
def unbatch(dataset: Dataset, call) -> Any:
    if not dataset.batched:
        return UNKNOWN
    structure = _map_tensors(dataset.element, lambda t: Tensor(t.shape[1:], t.dtype, t.node, library=t.library)
                             if t.shape else UNKNOWN)
    return UNKNOWN if structure is UNKNOWN else Dataset(structure, False, call.node)
