import numpy as np
from tensorflow.keras import layers, models

model = models.Sequential()
model.add(layers.Input(shape=(16, 16, 3)))
for filters in [16, 32, 64, 128, 256]:  # cause
    model.add(layers.Conv2D(filters, 3, padding="same", activation="relu"))
    model.add(layers.MaxPooling2D(2))
model.add(layers.Flatten())
model.add(layers.Dense(10, activation="softmax"))
model.predict(np.zeros((2, 16, 16, 3)), verbose=0)
