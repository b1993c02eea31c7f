import numpy as np
import keras
from keras import layers

inputs = keras.Input(shape=(None, None, 3))
x = layers.Conv2D(8, 3, activation="relu")(inputs)
x = layers.Conv2D(8, 3, activation="relu")(x)
x = layers.GlobalMaxPooling2D()(x)
outputs = layers.Dense(2, activation="softmax")(x)
model = keras.Model(inputs, outputs)

for size in [(20, 20), (48, 32), (9, 100)]:
    batch = np.random.rand(2, *size, 3)
    print(model.predict(batch, verbose=0).shape)
