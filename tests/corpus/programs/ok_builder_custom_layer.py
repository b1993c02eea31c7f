import numpy as np
import keras
from lib.layers import Linear, PatchEmbed

inputs = keras.Input(shape=(32, 32, 3))
tokens = PatchEmbed(patch_size=8, dim=24)(inputs)
tokens = Linear(24)(tokens)
x = keras.layers.GlobalAveragePooling1D()(tokens)
outputs = Linear(3)(x)
model = keras.Model(inputs, outputs)
print(model.output_shape)
print(model.predict(np.random.rand(2, 32, 32, 3), verbose=0).shape)
