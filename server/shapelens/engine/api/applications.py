"""keras.applications backbones as functional models, from the shape table in layers/applications.py.

Nothing is built or downloaded: the model's input and output shapes come from the table, and the
model then checks data like any functional model (every fixed input dimension).
"""
from __future__ import annotations

from typing import Any

from ..layers import LayerError
from ..layers.applications import APPLICATIONS, application_shapes, positional_params
from ..layers.base import Unknowable
from ..values import UNKNOWN, Model
from . import api

_DEFAULTS = {"include_top": True, "weights": "imagenet", "input_shape": None, "pooling": None, "classes": 1000}
_MODELLED = set(_DEFAULTS) | {"classifier_activation", "name", "include_preprocessing"}


def _application(name: str):
    def construct(call) -> Any:
        params = positional_params(name)
        args = dict(_DEFAULTS)
        args.update({p: v for p, v in zip(params, call.args)})
        args.update(call.kwargs)
        # Other arguments (alpha, depth_multiplier, input_tensor, ...) change shapes the table assumes.
        if set(args) - _MODELLED or any(v is UNKNOWN for v in args.values()):
            return UNKNOWN
        try:
            inputs, output = application_shapes(name, args["include_top"], args["input_shape"], args["pooling"],
                                                args["classes"], weights=args["weights"])
        except Unknowable:
            return UNKNOWN
        except LayerError as error:
            culprit = call.node_of(error.culprit, params.index(error.culprit) if error.culprit in params else None) \
                if error.culprit else None
            call.interp.report(culprit or call.node, error.code, error.message)
            return UNKNOWN
        model = Model(name, call.interp.unique_name(name.lower()), call.node)
        model.inputs, model.input_nodes = [inputs], [call.node_of("input_shape")]
        model.input_names = [call.interp.unique_name("input_layer")]
        model.outputs = [output]
        return model
    return construct


for _name in APPLICATIONS:
    api(f"keras.applications.{_name}")(_application(_name))
