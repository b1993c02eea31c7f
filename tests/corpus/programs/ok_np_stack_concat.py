import numpy as np
import keras
from keras import layers

# Three sensor channels of 50 samples each, plus 4 static features per sample.
acc_x, acc_y, acc_z = (np.random.rand(20, 50) for _ in range(3))
signals = np.stack([acc_x, acc_y, acc_z], axis=-1)
static = np.concatenate([np.random.rand(20, 3), np.random.rand(20, 1)], axis=1)
labels = np.random.randint(0, 6, size=20)

seq_in = keras.Input(shape=(50, 3))
static_in = keras.Input(shape=(4,))
x = layers.Conv1D(8, 5, activation="relu")(seq_in)
x = layers.GlobalMaxPooling1D()(x)
x = layers.concatenate([x, static_in])
out = layers.Dense(6, activation="softmax")(x)
model = keras.Model([seq_in, static_in], out)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit([signals, static], labels, epochs=1, verbose=0)
