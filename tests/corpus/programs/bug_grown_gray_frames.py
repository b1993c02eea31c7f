import numpy as np
from tensorflow.keras.models import Sequential
from tensorflow.keras.layers import Input, Conv2D, MaxPooling2D, Flatten, Dense

# Video frames (RGB) and one label per frame.
frames = np.random.randint(0, 255, size=(150, 64, 64, 3)).astype("uint8")
labels = np.random.randint(0, 2, size=150)

# Convert every frame to grayscale before training.
X = []
for frame in frames:
    gray = frame.mean(axis=-1, keepdims=True) / 255.0  # cause
    X.append(gray)
X = np.array(X)

model = Sequential([
    Input(shape=(64, 64, 3)),
    Conv2D(8, (3, 3), activation="relu"),
    MaxPooling2D((2, 2)),
    Flatten(),
    Dense(2, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(X, labels, epochs=1, batch_size=32, verbose=0)
