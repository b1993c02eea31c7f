import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Input(shape=(784,)),
    layers.Reshape((28, 28, 3)),  # cause
    layers.Conv2D(8, 3, activation="relu"),
    layers.Flatten(),
    layers.Dense(10),
])
print(model.predict(np.random.rand(4, 784), verbose=0).shape)
