import numpy as np
import keras
from keras import layers

# Three sensor channels of 50 samples each.
channels = [np.random.rand(20, 50) for _ in range(3)]
signals = np.stack(channels, axis=1)  # cause
labels = np.random.randint(0, 6, size=20)

model = keras.Sequential([
    keras.Input(shape=(50, 3)),
    layers.Conv1D(8, 5, activation="relu"),
    layers.GlobalMaxPooling1D(),
    layers.Dense(6, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(signals, labels, epochs=1, verbose=0)
