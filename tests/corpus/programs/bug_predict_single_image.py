import numpy as np
from tensorflow.keras import layers, models

model = models.Sequential([
    layers.Input(shape=(28, 28, 1)),
    layers.Conv2D(16, 3, activation="relu"),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])

images = np.random.rand(10, 28, 28, 1)
image = images[0]  # cause
pred = model.predict(image, verbose=0)
print(np.argmax(pred))
