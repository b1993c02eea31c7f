# @prelude
import numpy as np

import trapmod
import trap_getattr
from trap_getattr import anything
from trappkg.sub import build_model
from trapmod import build as build_mlp

mlp = build_mlp(4)
trap_getattr.something_else
trapmod.side_effect()
model = build_model(6)
model.predict(np.zeros((2, 7)), verbose=0)  # a shape error in the other file's model
