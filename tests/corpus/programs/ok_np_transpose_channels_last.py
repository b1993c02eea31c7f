import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

# Frames stored channels-first as (N, C, H, W); the model wants (N, H, W, C).
raw = np.random.rand(16, 3, 48, 64).astype("float32")
frames = np.transpose(raw, (0, 2, 3, 1))
labels = np.random.randint(0, 2, size=16)

model = keras.Sequential([
    layers.Input(shape=(48, 64, 3)),
    layers.Conv2D(8, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(frames, labels, epochs=1, verbose=0)
