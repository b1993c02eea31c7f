import numpy as np
from tensorflow import keras
from tensorflow.keras import layers

# Same head as a size-agnostic Sequential, but a functional Model checks
# every fixed dimension of its Input.
inputs = keras.Input(shape=(32, 32, 3))  # cause
x = layers.Conv2D(16, 3, activation="relu")(inputs)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(5, activation="softmax")(x)
model = keras.Model(inputs, outputs)

photos = np.random.rand(2, 64, 64, 3).astype("float32")
print(model.predict(photos, verbose=0).shape)
