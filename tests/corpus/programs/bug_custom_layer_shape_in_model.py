import numpy as np
import keras
from keras import layers, ops


class Scale(layers.Layer):
    def build(self, input_shape):
        self.gamma = self.add_weight(shape=(input_shape[-1],), initializer="ones")

    def call(self, x):
        return x * self.gamma


scale = Scale(name="scale")
inputs = keras.Input(shape=(12,))
x = scale(inputs)
outputs = layers.Dense(3, activation="softmax")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(np.random.rand(16, 12), np.random.randint(0, 3, 16), epochs=1, verbose=0)

for layer in model.layers[1:]:
    print(layer.name, layer.input_shape)
