import numpy as np
from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input(shape=(12,)),
    layers.Embedding(input_dim=50, output_dim=8),
    layers.GlobalAveragePooling1D(),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy")

# Token ids stored as floats still work: Embedding casts them.
ids = np.random.randint(0, 50, size=(16, 12)).astype("float32")
labels = np.random.randint(0, 2, size=(16, 1))
model.fit(ids, labels, epochs=1, verbose=0)
