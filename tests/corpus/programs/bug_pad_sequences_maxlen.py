# Sentences padded to 100 tokens, model built for 200.
import numpy as np
import keras
from keras.utils import pad_sequences

sentences = [[12, 7, 99, 4], [5, 18], [3, 3, 41, 8, 60, 2], [77]]
labels = np.array([1, 0, 1, 0])
padded = pad_sequences(sentences, maxlen=100, padding="post")

inputs = keras.Input(shape=(200,))
x = keras.layers.Embedding(input_dim=1000, output_dim=16)(inputs)
x = keras.layers.Flatten()(x)
outputs = keras.layers.Dense(1, activation="sigmoid")(x)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(padded, labels, epochs=1, verbose=0)
