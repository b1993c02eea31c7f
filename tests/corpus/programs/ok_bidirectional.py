import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

inputs = keras.Input(shape=(20,), dtype="int32")
x = layers.Embedding(1000, 16)(inputs)
x = layers.Bidirectional(layers.LSTM(8, return_sequences=True))(x)
x = layers.Bidirectional(layers.GRU(4))(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

x_train = np.random.randint(0, 1000, size=(16, 20))
y_train = np.random.randint(0, 2, size=(16,))
model.fit(x_train, y_train, epochs=1, verbose=0)
