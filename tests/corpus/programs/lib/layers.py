"""Custom layers shared by several corpus programs (imported, never run directly)."""
import keras
from keras import ops


class Linear(keras.layers.Layer):
    """y = x @ w + b over the last axis."""

    def __init__(self, units=32, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="glorot_uniform")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return ops.matmul(inputs, self.w) + self.b


class PatchEmbed(keras.layers.Layer):
    """Cuts an image into non-overlapping patches and projects each one: (H, W, C) -> (patches, dim)."""

    def __init__(self, patch_size, dim, **kwargs):
        super().__init__(**kwargs)
        self.patch_size = patch_size
        self.proj = keras.layers.Conv2D(dim, patch_size, strides=patch_size)

    def call(self, images):
        x = self.proj(images)
        return ops.reshape(x, (-1, x.shape[1] * x.shape[2], x.shape[3]))

    def compute_output_shape(self, input_shape):
        h = input_shape[1] // self.patch_size
        w = input_shape[2] // self.patch_size
        return (input_shape[0], h * w, self.proj.filters)
