import os
import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

# One recording per file; each has 100 time steps of 6 sensor values (accelerometer + gyroscope).
samples, labels = [], []
for label, activity in enumerate(["walking", "running"]):
    for fname in os.listdir("data"):
        recording = np.random.normal(size=(100, 6))  # stands in for reading the file
        samples.append(recording[:50])
        labels.append(label)

X = np.array(samples, dtype="float32")
y = np.array(labels)
print(X.shape, y.shape)

model = keras.Sequential([
    layers.Input(shape=(50, X.shape[2])),
    layers.LSTM(32),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(loss="binary_crossentropy", optimizer="adam")
model.fit(X, y, epochs=1, batch_size=8, verbose=0)
