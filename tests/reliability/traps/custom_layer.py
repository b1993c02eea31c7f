# @prelude
import numpy as np
import keras


class Scale(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        spring("layer-init")
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        spring("layer-build")
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units))

    def call(self, inputs):
        spring("layer-call")
        return keras.ops.matmul(inputs, self.kernel)

    def compute_output_shape(self, input_shape):
        spring("layer-compute-output-shape")
        return input_shape[:-1] + (self.units,)


scale = Scale(4)
scale.compute_output_shape((None, 3))
model = keras.Sequential([keras.Input(shape=(3,)), scale, keras.layers.Dense(2)])
model.predict(np.zeros((2, 3)), verbose=0)
hooked = keras.layers.Lambda(lambda x: spring("lambda-layer") or x)
hooked(np.zeros((2, 3)))
# A layer the tests take the built-in rule of: the server and the CLI then load Keras (from this
# workspace, if they took its keras.py) to ask for its output shape.
binned = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Discretization(bin_boundaries=[0.0, 1.0])])
binned.predict(np.zeros((2, 3)), verbose=0)
