import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

# The loader already returns channels-last frames: (N, H, W, C).
frames = np.random.rand(16, 48, 64, 3).astype("float32")
frames = np.transpose(frames, (0, 2, 3, 1))  # cause
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
