import numpy as np
from keras import layers, models

model = models.Sequential([
    layers.Input(shape=(30, 4)),
    layers.GRU(12),
    layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])

x_train = np.random.rand(24, 30, 4)
y_train = np.random.randint(0, 2, (24, 1))
model.fit(x_train, y_train, epochs=1, verbose=0)

x_test = x_train.reshape(24, 4, 30)  # cause
model.evaluate(x_test, y_train, verbose=0)
