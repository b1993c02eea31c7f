import numpy as np
import tensorflow as tf
from tensorflow.keras import layers

# Sentences of any length, as token ids; variable length, so the time axis is None.
vocab_size = 500

inputs = tf.keras.Input(shape=(None,), dtype="int32")
x = layers.Embedding(vocab_size, 32)(inputs)
x = layers.Conv1D(64, 3, activation="relu")(x)
x = layers.GlobalMaxPooling1D()(x)
x = layers.Dense(32, activation="relu")(x)
outputs = layers.Dense(1, activation="sigmoid")(x)
model = tf.keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(np.random.randint(0, vocab_size, size=(16, 40)), np.random.randint(0, 2, size=16), epochs=1, verbose=0)
