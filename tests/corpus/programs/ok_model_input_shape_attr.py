import tensorflow as tf


class MyDense(tf.keras.layers.Layer):
    def __init__(self, units=32):
        super().__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


inputs = tf.keras.Input(shape=(10,))
outputs = MyDense(5)(inputs)
model = tf.keras.Model(inputs, outputs)
print("model input shape:", model.input_shape)
print("model output shape:", model.output_shape)
