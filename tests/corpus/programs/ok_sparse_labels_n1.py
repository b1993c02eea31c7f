import numpy as np
from keras import layers, models

x = np.random.rand(40, 10)
y = np.random.randint(0, 4, size=(40, 1))

model = models.Sequential([
    layers.Input(shape=(10,)),
    layers.Dense(16, activation="relu"),
    layers.Dense(4, activation="softmax"),
])
# Integer labels of shape (N, 1) are squeezed for the sparse loss.
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x, y, epochs=1, verbose=0)
print(model.evaluate(x, y, verbose=0))
