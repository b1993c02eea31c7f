import numpy as np
from tensorflow.keras import layers, models

# Flat rows of 120 samples regrouped into 40 steps of 3 channels.
raw = np.random.randn(16, 120).astype("float32")
x = raw.reshape(-1, 40, 3)
y = np.random.randint(0, 2, size=(16, 1))

model = models.Sequential([
    layers.Conv1D(8, 5, activation="relu", input_shape=(40, 3)),
    layers.MaxPooling1D(2),
    layers.Flatten(),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(x, y, validation_data=(x[:4], y[:4]), epochs=1, verbose=0)
