# Same export, loaded through pathlib; the input width is read from the data itself.
from pathlib import Path

import numpy as np
import keras
from keras import layers

DATA_DIR = Path("data")


def load_split(name):
    return np.load(DATA_DIR / f"np_{name}.npy")


X = load_split("features")
y = load_split("targets").astype("float32")
n_features = X.shape[1]

inputs = keras.Input(shape=(n_features,))
h = layers.Dense(32, activation="relu")(inputs)
h = layers.Dropout(0.2)(h)
outputs = layers.Dense(1, activation="sigmoid")(h)
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(X[:48], y[:48], validation_data=(X[48:], y[48:]), epochs=1, batch_size=16, verbose=0)
print(model.predict(X[:2], verbose=0).shape)
