"""One-hot labels given to a loss that expects integer class ids."""
import numpy as np
from tensorflow import keras

x_train = np.random.rand(200, 20)
y_train = keras.utils.to_categorical(np.random.randint(0, 4, size=(200,)), 4)

inputs = keras.Input(shape=(20,))
hidden = keras.layers.Dense(64, activation="relu")(inputs)
outputs = keras.layers.Dense(4, activation="softmax")(hidden)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_train, y_train, epochs=2, validation_split=0.1)
