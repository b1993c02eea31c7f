import numpy as np
import keras
from keras import layers

inputs = keras.Input(shape=(None, 16))
x = layers.LSTM(8)(inputs)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)

# Any number of time steps is accepted.
short = np.random.rand(3, 5, 16)
long = np.random.rand(3, 40, 16)
print(model.predict(short, verbose=0).shape)
print(model.predict(long, verbose=0).shape)
