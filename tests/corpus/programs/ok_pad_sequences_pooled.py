# Padded to 100 tokens while the Sequential model says 200: pooling over time makes it run.
import numpy as np
from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences

sequences = [[4, 10, 2], [8, 1, 1, 9, 3], [7], [2, 2, 6, 11]]
x = pad_sequences(sequences, maxlen=100)
y = keras.utils.to_categorical([0, 2, 1, 2])

model = keras.Sequential([
    keras.Input(shape=(200,)),
    keras.layers.Embedding(50, 8),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(3, activation="softmax"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x, y, epochs=1, verbose=0)
