"""tf.data pipelines: element shapes through from_tensor_slices, batch and the shape-keeping steps."""
from __future__ import annotations

from typing import Any

from ..values import UNKNOWN, Dataset, Tensor
from . import api, method


def _map_tensors(structure: Any, fn) -> Any:
    if isinstance(structure, Tensor):
        return fn(structure)
    if isinstance(structure, (tuple, list)):
        parts = [_map_tensors(s, fn) for s in structure]
        return UNKNOWN if any(p is UNKNOWN for p in parts) else tuple(parts)
    return UNKNOWN


@api("tensorflow.data.Dataset.from_tensor_slices")
def from_tensor_slices(call) -> Any:
    def element(t: Tensor) -> Any:
        if not t.shape:
            return UNKNOWN
        return Tensor(t.shape[1:], t.dtype, t.node)
    structure = _map_tensors(call.get("tensors", 0), element)
    return UNKNOWN if structure is UNKNOWN else Dataset(structure, False, call.node)


@method(Dataset, "batch", "padded_batch")
def batch(dataset: Dataset, call) -> Any:
    def batched(t: Tensor) -> Any:
        return UNKNOWN if t.shape is None else Tensor((None,) + t.shape, t.dtype, t.node)
    if dataset.batched:
        # Batching twice adds a second batch axis, which the engine does not follow.
        return UNKNOWN
    structure = _map_tensors(dataset.element, batched)
    return UNKNOWN if structure is UNKNOWN else Dataset(structure, True, call.node)


@method(Dataset, "shuffle", "prefetch", "cache", "repeat", "take", "skip", "shard", "with_options")
def keep(dataset: Dataset, call) -> Any:
    return dataset
