import tensorflow as tf


class MyDense(tf.keras.layers.Layer):
    def __init__(self, units=32):
        super(MyDense, self).__init__()
        self.units = units

    def build(self, input_shape):
        self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros")

    def call(self, inputs):
        return tf.matmul(inputs, self.w) + self.b


custom_layer = MyDense(5)
y = custom_layer(tf.ones((1, 10)))
print("output:", y.shape)
print("input shape:", custom_layer.input_shape)
