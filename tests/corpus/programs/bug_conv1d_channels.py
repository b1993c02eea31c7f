import keras
import numpy as np

signal_in = keras.Input(shape=(100, 2))  # cause
x = keras.layers.Conv1D(16, 5, activation="relu")(signal_in)
x = keras.layers.GlobalMaxPooling1D()(x)
out = keras.layers.Dense(3, activation="softmax")(x)
model = keras.Model(signal_in, out)
model.compile("adam", "sparse_categorical_crossentropy")

# Three-axis accelerometer recordings.
recordings = np.random.random((16, 100, 3)).astype("float32")
labels = np.random.randint(0, 3, size=(16,))
model.fit(recordings, labels, epochs=1, batch_size=8, verbose=0)
