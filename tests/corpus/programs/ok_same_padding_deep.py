import numpy as np
from tensorflow.keras import layers, models

model = models.Sequential()
model.add(layers.Input(shape=(8, 8, 3)))
for i in range(6):
    model.add(layers.Conv2D(8, 5, padding="same", activation="relu"))
model.add(layers.MaxPooling2D(2, padding="same"))
model.add(layers.MaxPooling2D(2, padding="same"))
model.add(layers.MaxPooling2D(2, padding="same"))
model.add(layers.MaxPooling2D(2, padding="same"))
model.add(layers.Flatten())
model.add(layers.Dense(2))
print(model.predict(np.ones((2, 8, 8, 3)), verbose=0).shape)
