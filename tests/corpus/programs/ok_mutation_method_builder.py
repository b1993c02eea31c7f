import numpy as np
import keras
from keras import layers


class ModelBuilder:
    def __init__(self, input_dim):
        self.layers = [keras.Input(shape=(input_dim,))]

    def add_hidden(self, units):
        self.layers.append(layers.Dense(units, activation="relu"))
        return self

    def build(self, outputs):
        self.layers.append(layers.Dense(outputs))
        return keras.Sequential(self.layers)


builder = ModelBuilder(input_dim=6)
builder.add_hidden(32).add_hidden(16)
model = builder.build(outputs=1)
print(model(np.random.rand(4, 6)).shape)
