import numpy as np
import keras
from keras import layers

NUM_CLASSES = 4
x = np.random.rand(40, 6)
y = keras.utils.to_categorical(np.random.randint(0, NUM_CLASSES, 40), NUM_CLASSES)

inputs = keras.Input(shape=(6,))
h = layers.Dense(16, activation="relu")(inputs)
outputs = layers.Dense(3, activation="softmax")(h)  # cause
model = keras.Model(inputs, outputs)
model.compile(optimizer="adam", loss="categorical_crossentropy")
model.fit(x, y, epochs=1, verbose=0)
