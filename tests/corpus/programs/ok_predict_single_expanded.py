import numpy as np
from tensorflow import keras

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    keras.layers.Conv2D(8, 3, activation="relu"),
    keras.layers.Flatten(),
    keras.layers.Dense(10, activation="softmax"),
])

images = np.random.rand(5, 28, 28, 1)
one = np.expand_dims(images[0], axis=0)
print(np.argmax(model.predict(one, verbose=0)))
print(model.predict(images[1:2], verbose=0).shape)
