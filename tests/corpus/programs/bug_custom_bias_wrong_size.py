import tensorflow as tf


class Affine(tf.keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        in_dim = input_shape[-1]
        self.w = self.add_weight(shape=(in_dim, self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(in_dim,), initializer="zeros")  # cause

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


layer = Affine(4)
batch = tf.random.normal((8, 10))
print(layer(batch).shape)
