import numpy as np
from tensorflow import keras

inputs = keras.Input(shape=(20,))
hidden = keras.layers.Dense(64, activation="relu")(inputs)
hidden = keras.layers.Dense(32, activation="relu")(hidden)
outputs = keras.layers.Dense(1, activation="sigmoid")(hidden)
model = keras.Model(inputs, outputs)

# The tabular data has 30 columns, not 20.
table = np.random.rand(5, 30)  # cause
scores = model.predict(table, verbose=0)
print(scores.shape)
