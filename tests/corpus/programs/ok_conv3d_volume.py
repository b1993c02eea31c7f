import numpy as np
from tensorflow.keras import layers, models

volumes = np.random.rand(4, 16, 16, 16).astype("float32")
volumes = volumes.reshape(4, 16, 16, 16, 1)
labels = np.array([0, 1, 1, 0])

model = models.Sequential([
    layers.Conv3D(4, 3, activation="relu", input_shape=(16, 16, 16, 1)),
    layers.MaxPooling3D(2),
    layers.Flatten(),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")
model.fit(volumes, labels, epochs=1, verbose=0)
