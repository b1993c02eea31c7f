import numpy as np
import keras

model = keras.Sequential([
    keras.Input(shape=(5,)),
    keras.layers.Dense(8, activation="relu"),
    keras.layers.Dense(3),
])
model.compile(optimizer="adam", loss="mse")

# Targets of shape (N, 1) are broadcast against the (N, 3) outputs.
x = np.random.rand(20, 5)
y = np.random.rand(20, 1)
model.fit(x, y, epochs=1, verbose=0)
print(model.evaluate(x, y, verbose=0))
